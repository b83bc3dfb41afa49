package org.stabilis.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code stabilis <command>}. */
@Command(
    name = "stabilis",
    mixinStandardHelpOptions = true,
    version = "stabilis 0.1.0",
    description = "Verifiable coordination log for a multinational stabilization mission.",
    subcommands = {
      KeygenCommand.class,
      InitCommand.class,
      ServeCommand.class,
      TokenCommand.class,
      SubmitCommand.class,
      VerifyCommand.class,
      ProofCommand.class,
      VerifyProofCommand.class,
      MonitorCommand.class,
      DemoCommand.class,
      ReportCommand.class,
      RebuildCommand.class,
      ImportCommand.class,
      WitnessCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Cli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Cli());
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      PrintWriter err = line.getErr();
      // Errors a person can act on are IllegalArgumentException; print them without a trace.
      if (ex instanceof IllegalArgumentException || ex instanceof CliException) {
        err.println("stabilis: " + ex.getMessage());
        return 1;
      }
      if (ex instanceof java.net.ConnectException) {
        err.println(
            "stabilis: cannot connect to the server; is `stabilis serve` running at that URL?");
        return 1;
      }
      err.println("stabilis: " + ex);
      ex.printStackTrace(err);
      return 2;
    });
    return cl;
  }
}
