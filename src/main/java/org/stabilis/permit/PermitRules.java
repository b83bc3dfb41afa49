package org.stabilis.permit;

import org.stabilis.log.RuleCode;

/** The rule codes of permits for dual-use items. How to add a code: {@link RuleCode}. */
public enum PermitRules implements RuleCode {
  NO_PERMIT(
      "no-permit",
      "an entry of a dual-use item names no permit approved for it while the policy requires one"),
  PERMIT_EXCEEDED(
      "permit-exceeded", "the entry exceeds what the permit still allows for that item"),
  PERMIT_EXISTS("permit-exists", "a permit with this id was already requested"),
  NO_SUCH_PERMIT("no-such-permit", "a field names a permit that was never requested"),
  ALREADY_DECIDED("permit-already-decided", "the permit was already decided"),
  DUPLICATE_ITEM("duplicate-item", "an item appears twice in one permit request");

  private final String wire;
  private final String meaning;

  PermitRules(String wire, String meaning) {
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
