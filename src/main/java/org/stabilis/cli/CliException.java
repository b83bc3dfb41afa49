package org.stabilis.cli;

/** A command failed for a reason the user can act on; printed without a stack trace. */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
