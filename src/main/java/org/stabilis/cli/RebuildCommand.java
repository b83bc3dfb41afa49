package org.stabilis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stabilis.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Projections live in memory and are rebuilt from the log on every start; this command does that
 * rebuild on its own and reports what it found, so an operator can check that every entry applies.
 */
@Command(
    name = "rebuild",
    description = "Rebuild every projection from the log and print a summary.")
final class RebuildCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "data folder")
  Path data;

  @Option(names = "--db", description = "JDBC URL (default: SQLite file in the folder)")
  String db;

  @Override
  public Integer call() {
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
