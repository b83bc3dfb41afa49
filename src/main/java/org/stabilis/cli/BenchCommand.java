package org.stabilis.cli;

import picocli.CommandLine.Command;

/** Benchmarks that print their figures; nothing is asserted. */
@Command(name = "bench", description = "Run a benchmark and print its figures.", subcommands = {IngestBench.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException("choose a benchmark, e.g. `stabilis bench ingest`");
  }
}
