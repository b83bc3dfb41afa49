package org.stabilis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.stabilis.App;
import org.stabilis.zone.ZoneBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", description = "Print a report over the log's projections.", subcommands = {ReportCommand.Zones.class})
final class ReportCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException("choose a report: report zones");
  }

  @Command(name = "zones", description = "Zones: controller, status, demilitarization items and decommissioned share (as GET /api/v1/zones).")
  static final class Zones implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "data folder") Path data;
    @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)") String db;

    @Override
    public Integer call() {
      try (App app = App.open(data, db, Clock.systemUTC(), null)) {
        app.log.read(() -> {
          print(app.zones, System.out);
          return null;
        });
      }
      return 0;
    }
  }

  /** A fixed-width table, one zone a line; share is the overall decommissioned share of the estimate. */
  static void print(ZoneBook zones, PrintStream out) {
    String fmt = "%-20s %-12s %-12s %9s %9s %9s %7s%n";
    out.printf(fmt, "ZONE", "CONTROLLER", "STATUS", "REPORTED", "DECOMM.", "VERIFIED", "SHARE");
    for (ZoneBook.Zone z : zones.zones()) {
      ZoneBook.Figures f = zones.totals(z);
      Double share = zones.overallShare(z);
      out.printf(fmt, z.id, z.controller(), z.status().wire(), f.reported(), f.decommissioned(), f.verified(),
          share == null ? "-" : share + "%");
    }
    var p = zones.policy();
    out.printf("gate policy: %s, minimum decommissioned share %d%%%s%n",
        p.requireVerifiedZone() ? "verified zone required" : "verified zone not required", p.minDecommissionedShare(),
        p.setAt() < 0 ? " (default; none set on the log)" : " (entry " + p.setAt() + ")");
  }
}
