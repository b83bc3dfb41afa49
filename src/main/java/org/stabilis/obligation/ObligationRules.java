package org.stabilis.obligation;

/** The {@code rule} codes of phases and obligations, each registered here once with its meaning. */
public final class ObligationRules {
  private ObligationRules() {}

  /** An obligation of a phase is reported before every phase of lower order is complete (SPEC §4). */
  public static final String PHASE_LOCKED = "phase-locked";
  public static final String PHASE_EXISTS = "phase-exists";
  public static final String NO_SUCH_PHASE = "no-such-phase";
  public static final String OBLIGATION_EXISTS = "obligation-exists";
  public static final String NO_SUCH_OBLIGATION = "no-such-obligation";
  public static final String NO_SUCH_PARTY = "no-such-party";
  /** A confirmation needs a report of the obligated party first. */
  public static final String NOT_REPORTED = "obligation-not-reported";
  public static final String ALREADY_CONFIRMED = "obligation-already-confirmed";
}
