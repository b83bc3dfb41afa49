package org.stabilis.log.checkpoint;

/**
 * A tlog-policy file that cannot be used. {@link #line()} is the 1-based line the fault is on, or 0
 * for a fault of the whole file (no quorum line); the message starts with "line N: ".
 */
public final class PolicyException extends Exception {
  private final int line;

  public PolicyException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /** The 1-based line number, or 0 when the fault is not on one line. */
  public int line() {
    return line;
  }
}
