package org.stabilis.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a condition that work in the background makes true and that gives no signal of its own
 * to wait on (a witness cosigning over HTTP, a collector on its own schedule): the condition is
 * asked again every few milliseconds, and the wait fails, naming what it waited for, after a
 * generous bound. It never passes on time alone.
 */
public final class Await {
  private Await() {}

  /** A condition that may do I/O. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns once {@code condition} holds; fails after {@code bound}. */
  public static void until(String what, Duration bound, Condition condition) throws Exception {
    Instant until = Instant.now().plus(bound);
    while (!condition.holds()) {
      if (Instant.now().isAfter(until))
        throw new AssertionError("timed out after " + bound + " waiting until " + what);
      Thread.sleep(20);
    }
  }
}
