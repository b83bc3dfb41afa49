package org.stabilis.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmarks that print their figures; nothing is asserted. They ship apart from the product, in
 * {@code target/stabilis-bench.jar} (which names {@code stabilis.jar} on its class path); the
 * launcher runs them as {@code ./stabilis bench <name>}.
 */
@Command(
    name = "stabilis bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark and print its figures.",
    subcommands = {
      IngestBench.class,
      BenchCommand.CoverageBench.class,
      MaterialsBench.class,
      LoadBench.class,
      DashboardBench.class,
      ScaleBench.class,
      HttpLoadGenerator.class,
      CommandLine.HelpCommand.class
    })
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Command(
      name = "coverage",
      description = "Solve a seeded random coverage instance and compare with the greedy baseline.")
  static final class CoverageBench implements Callable<Integer> {
    @Option(names = "--pledges", defaultValue = "300")
    int pledges;

    @Option(names = "--requirements", defaultValue = "60")
    int requirements;

    @Option(names = "--zones", defaultValue = "12")
    int zones;

    @Option(names = "--seed", defaultValue = "2803")
    long seed;

    @Option(names = "--time-limit-s", defaultValue = "10")
    int limit;

    @Override
    public Integer call() {
      var r = CoverageBenchmark.run(pledges, requirements, zones, seed, Duration.ofSeconds(limit));
      System.out.println(r.describe());
      return 0;
    }
  }
}
