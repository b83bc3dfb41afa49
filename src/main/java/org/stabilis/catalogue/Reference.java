package org.stabilis.catalogue;

import org.stabilis.log.RuleCode;

/**
 * Rule codes for a field that names something that does not exist. Several modules check references
 * to the same kind of thing (a zone is named by tasks, caveats, projects and demil items), so the
 * catalogue owns these codes and every module refuses with the same one. How to add a code: {@link
 * RuleCode}.
 */
public enum Reference implements RuleCode {
  NO_SUCH_PARTY("no-such-party", "a field names a party that is not registered"),
  NO_SUCH_ZONE("no-such-zone", "a field names a zone that is not defined"),
  NO_SUCH_PROJECT("no-such-project", "a field names a project that is not registered"),
  NO_SUCH_ITEM(
      "no-such-item",
      "a field names a material item that is not in the catalogue (material.item-defined)"),
  NO_SUCH_INCIDENT("no-such-incident", "a field names an incident that has not been reported");

  private final String wire;
  private final String meaning;

  Reference(String wire, String meaning) {
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
