package org.stabilis.cli;

import java.io.PrintStream;
import org.stabilis.zone.ZoneBook;

/** Lets tests in other packages print the zones report, which is package-private to the CLI. */
public final class ReportAccess {
  private ReportAccess() {}

  public static void printZones(ZoneBook zones, PrintStream out) {
    ReportCommand.print(zones, out);
  }
}
