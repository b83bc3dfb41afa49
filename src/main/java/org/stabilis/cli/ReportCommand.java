package org.stabilis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.stabilis.App;
import org.stabilis.force.Coverage;
import org.stabilis.zone.ZoneBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", description = "Readable reports over a data folder.",
    subcommands = {ReportCommand.CoverageReport.class, ReportCommand.Zones.class, ReportCommand.Materials.class})
final class ReportCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** A report over an opened data folder; subclasses print it. */
  abstract static class DataReport implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "data folder") Path data;
    @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)") String db;

    @Override
    public final Integer call() {
      try (App app = App.open(data, db, Clock.systemUTC(), null)) {
        print(app, System.out);
      }
      return 0;
    }

    abstract void print(App app, PrintStream out);
  }

  @Command(name = "coverage", description = {
      "Mandate coverage (SPEC §5): per task, required and assigned units and which pledges;",
      "pledges a caveat kept out; uncovered units and the fallback party that inherits them."})
  static final class CoverageReport extends DataReport {
    @Option(names = "--at", description = "as of log index: only entries before it count") Long at;
    @Option(names = "--date", description = "count only pledges available by this day, YYYY-MM-DD (default: today, UTC)")
    LocalDate date;

    @Override
    void print(App app, PrintStream out) {
      LocalDate day = date != null ? date : LocalDate.ofInstant(app.clock.instant(), ZoneOffset.UTC);
      out.print(render(at == null ? app.coverage.current(day) : app.coverage.asOf(at, day)));
    }
  }

  static String render(Coverage c) {
    StringBuilder b = new StringBuilder();
    b.append("Mandate coverage as of log index ").append(c.asOf()).append(", pledges available by ").append(c.date())
        .append(" — solver OR-Tools CP-SAT, ")
        .append(c.optimal() ? "proven optimal" : "NOT proven optimal (" + c.status() + ")").append(", ")
        .append(c.solveMs()).append(" ms\n\n");
    b.append(String.format("%-24s %3s %5s  %-24s %8s  %s%n", "task", "pri", "force", "capability", "assigned", "pledges"));
    for (Coverage.TaskCoverage t : c.tasks()) {
      boolean first = true;
      for (Coverage.RequirementCoverage r : t.requirements()) {
        b.append(String.format("%-24s %3s %5s  %-24s %8s  %s%n", first ? t.id() : "", first ? t.priority() : "",
            first ? (t.useOfForce() ? "yes" : "no") : "", r.capability(), r.assigned() + "/" + r.required(),
            String.join(", ", r.pledges().stream().map(p -> p.pledge() + " (" + p.party() + ")").toList())));
        first = false;
      }
      for (Coverage.KeptOut k : t.keptOut())
        b.append(String.format("%-24s %3s %5s  kept out: %s — %s%n", "", "", "", k.pledge(), k.reason()));
    }
    b.append("\nUncovered\n");
    if (c.uncovered().isEmpty()) b.append("  none\n");
    for (Coverage.Gap g : c.uncovered())
      b.append(String.format("  %-24s %-24s %3d unit(s)  → %s%n", g.task(), g.capability(), g.units(),
          g.inheritedBy() != null ? "inherited by " + g.inheritedBy() : "no fallback party: gap remains"));
    b.append("\nContributors\n");
    for (Coverage.Contributor k : c.contributors())
      b.append(String.format("  %-12s pledges %3d  assigned %3d  personnel %6d pledged, %6d assigned%n", k.party(), k.pledges(),
          k.assigned(), k.personnelPledged(), k.personnelAssigned()));
    b.append(String.format("%nTotal: %d of %d required units assigned; %d uncovered%n", c.assigned(), c.required(),
        c.required() - c.assigned()));
    return b.toString();
  }

  @Command(name = "zones", description = "Zones: controller, status, demilitarization items and decommissioned share (as GET /api/v1/zones).")
  static final class Zones extends DataReport {
    @Override
    void print(App app, PrintStream out) {
      app.log.read(() -> {
        ReportCommand.print(app.zones, out);
        return null;
      });
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

  @Command(name = "materials", description = {
      "Materials: stock per holder and item (mass balance, SPEC §5) and every diversion alert",
      "with the log entries behind it (as GET /api/v1/materials/balance and /alerts)."})
  static final class Materials extends DataReport {
    @Override
    void print(App app, PrintStream out) {
      app.log.read(() -> {
        print(app.materials.ledger(), app.materials.latestTime(), out);
        return null;
      });
    }

    /** Overdue is judged at {@code now}, the latest event time on the log: no wall clock. */
    static void print(org.stabilis.material.Ledger ledger, java.time.Instant now, PrintStream out) {
      String fmt = "%-18s %-8s %-14s %12s %12s %12s %12s %12s%n";
      out.printf(fmt, "HOLDER", "KIND", "ITEM", "IN", "OUT", "CONSUMED", "LOST", "STOCK");
      for (var b : ledger.balances(null, null)) {
        var item = ledger.item(b.item());
        String unit = item == null ? "" : " " + item.unit();
        out.printf(fmt, b.holder(), b.holderKind(), b.item(), (b.entered() + b.received()) + unit, b.transferredOut() + unit,
            b.consumed() + unit, b.lost() + unit, b.stock() + unit);
      }
      var alerts = ledger.alerts(now);
      out.printf("%nalerts as of %s: %d (%d open)%n", now, alerts.size(), alerts.stream().filter(a -> a.status().equals("open")).count());
      for (var a : alerts)
        out.printf("  %-9s %-17s %s — entries %s%s%n", a.status(), a.kind(), a.detail(), a.events(),
            a.resolvedBy() == null ? "" : "; resolved by " + a.resolvedBy() + " at entry " + a.resolvedIndex());
    }
  }
}
