package org.stabilis.zone;

import java.time.Duration;

/**
 * Who must agree before a zone changes status (SPEC §4 {@code policy.decisions-set}): how many
 * distinct inspector parties must certify a zone after its last suspension, and whether an incident
 * that would suspend a zone suspends it at once or puts it under review until it is confirmed
 * within {@code confirmWithin}.
 *
 * @param setAt log index of the {@code policy.decisions-set} entry, or -1 for the default
 */
public record DecisionPolicy(
    int certificationQuorum, boolean onConfirmation, Duration confirmWithin, long setAt) {
  public DecisionPolicy {
    if (certificationQuorum < 1)
      throw new IllegalArgumentException("certification_quorum must be at least 1");
  }

  /** Without the event: one certification, immediate suspension (SPEC §5 as written). */
  public static final DecisionPolicy DEFAULT = new DecisionPolicy(1, false, Duration.ZERO, -1);
}
