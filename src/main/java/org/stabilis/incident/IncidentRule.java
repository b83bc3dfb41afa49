package org.stabilis.incident;

import org.stabilis.log.RuleCode;

/** The rule codes the incident log owns. How to add a code: {@link RuleCode}. */
public enum IncidentRule implements RuleCode {
  INCIDENT_EXISTS(
      "incident-exists",
      "an incident with this id was already reported; incident ids are never reused");

  private final String wire;
  private final String meaning;

  IncidentRule(String wire, String meaning) {
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
