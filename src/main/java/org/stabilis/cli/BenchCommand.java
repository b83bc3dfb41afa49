package org.stabilis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stabilis bench <what>}: measurements printed for the README and the issues' targets. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print what it measured.",
    subcommands = {MaterialsBench.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
