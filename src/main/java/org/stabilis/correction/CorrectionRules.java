package org.stabilis.correction;

import org.stabilis.log.RuleCode;

/**
 * The rule codes of corrections and disputes; decided in {@link Corrections#decide}. How to add a
 * code: {@link RuleCode}.
 */
public enum CorrectionRules implements RuleCode {
  RETRACTION_CONFLICTS(
      "retraction-conflicts",
      "a later accepted entry would have been refused without the entry being retracted"),
  NO_SUCH_ENTRY("no-such-entry", "the index names no entry of the log before this one"),
  NOT_RETRACTABLE("not-retractable", "retractions, disputes and party events are not retracted"),
  ALREADY_RETRACTED("already-retracted", "the entry was already retracted"),
  NOT_DISPUTABLE(
      "not-disputable",
      "a dispute concerns a fact that stands: not a retracted entry, nor a dispute"),
  ALREADY_DISPUTED("already-disputed", "the party already has an open dispute of that entry"),
  NO_OPEN_DISPUTE("no-open-dispute", "the entry has no open dispute to withdraw");

  private final String wire;
  private final String meaning;

  CorrectionRules(String wire, String meaning) {
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
