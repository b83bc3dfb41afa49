package org.stabilis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stabilis.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Projections live in memory, rebuilt on every start from the newest snapshot and the entries after
 * it; this command deletes every snapshot and rebuilds from the whole log, reports what it found,
 * so an operator can check that every entry applies, and leaves a fresh snapshot for the next
 * start.
 */
@Command(
    name = "rebuild",
    description =
        "Delete the snapshots, rebuild every projection from the whole log and print a summary.")
final class RebuildCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "data folder")
  Path data;

  @Option(names = "--db", description = "JDBC URL (default: SQLite file in the folder)")
  String db;

  @Override
  public Integer call() {
    int dropped = App.dropSnapshots(data, db);
    System.out.printf("deleted %d snapshot(s)%n", dropped);
    long t0 = System.nanoTime();
    try (App app = Progress.opening(data, db)) {
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("rebuilt from %,d entries in %.2f s%n", app.log.size(), secs);
      app.log.read(() -> {
        System.out.printf("parties: %d%n", app.parties.all().size());
        System.out.printf("zones: %d%n", app.zones.zones().size());
        System.out.printf("projects: %d%n", app.projects.all().size());
        System.out.printf(
            "material alerts: %d%n",
            app.materials.ledger().alerts(app.materials.latestTime()).size());
        return null;
      });
    }
    return 0;
  }
}
