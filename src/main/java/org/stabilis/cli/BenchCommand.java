package org.stabilis.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.stabilis.force.CoverageBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print their figures; nothing is asserted. */
@Command(name = "bench", description = "Run a benchmark and print its figures.",
    subcommands = {IngestBench.class, BenchCommand.CoverageBench.class, MaterialsBench.class, LoadBench.class, DashboardBench.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "coverage", description = "Solve a seeded random coverage instance and compare with the greedy baseline.")
  static final class CoverageBench implements Callable<Integer> {
    @Option(names = "--pledges", defaultValue = "300") int pledges;
    @Option(names = "--requirements", defaultValue = "60") int requirements;
    @Option(names = "--zones", defaultValue = "12") int zones;
    @Option(names = "--seed", defaultValue = "2803") long seed;
    @Option(names = "--time-limit-s", defaultValue = "10") int limit;

    @Override
    public Integer call() {
      var r = CoverageBenchmark.run(pledges, requirements, zones, seed, Duration.ofSeconds(limit));
      System.out.println(r.describe());
      return 0;
    }
  }
}
