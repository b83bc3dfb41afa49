package org.stabilis.obligation;

import org.stabilis.log.RuleCode;

/** The rule codes of phases and obligations. How to add a code: {@link RuleCode}. */
public enum ObligationRules implements RuleCode {
  PHASE_LOCKED(
      "phase-locked",
      "an obligation of a phase is reported only once every phase of lower order is complete"),
  PHASE_EXISTS("phase-exists", "a phase with this id is already defined"),
  NO_SUCH_PHASE("no-such-phase", "a field names a phase that is not defined"),
  OBLIGATION_EXISTS("obligation-exists", "an obligation with this id is already defined"),
  NO_SUCH_OBLIGATION("no-such-obligation", "a field names an obligation that is not defined"),
  NOT_REPORTED(
      "obligation-not-reported",
      "an inspector confirms what the obligated party reported, not before"),
  ALREADY_CONFIRMED("obligation-already-confirmed", "the obligation was already confirmed");

  private final String wire;
  private final String meaning;

  ObligationRules(String wire, String meaning) {
    this.wire = wire;
    this.meaning = meaning;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
