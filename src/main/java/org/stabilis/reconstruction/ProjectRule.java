package org.stabilis.reconstruction;

import org.stabilis.log.RuleCode;

/**
 * The rule codes reconstruction owns (projects and the gate, SPEC §5). How to add a code: {@link
 * RuleCode}.
 */
public enum ProjectRule implements RuleCode {
  PROJECT_EXISTS("project-exists", "a project with this id is already registered"),
  PROJECT_OUTSIDE_ZONE("project-outside-zone", "the project location is not in the zone it names"),
  DUPLICATE_MATERIAL("duplicate-material", "the bill of materials lists the same item twice"),
  PROJECT_ALREADY_APPROVED("project-already-approved", "the project was already approved"),
  PROJECT_REJECTED("project-rejected", "the project was rejected; register a new project"),
  ZONE_NOT_VERIFIED(
      "zone-not-verified",
      "the gate policy does not hold for the project zone; the detail names the gate criterion");

  private final String wire;
  private final String meaning;

  ProjectRule(String wire, String meaning) {
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
