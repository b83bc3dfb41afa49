package org.stabilis.force;

import org.stabilis.log.RuleCode;

/**
 * The rule codes force generation owns (mandate tasks, pledges, the what-if). How to add a code:
 * {@link RuleCode}.
 */
public enum ForceRule implements RuleCode {
  TASK_EXISTS("task-exists", "a task with this id is already defined"),
  PLEDGE_EXISTS(
      "pledge-exists", "a pledge with this id already exists; amend it with pledge.amended"),
  NO_SUCH_TASK("no-such-task", "a field names a mandate task that is not defined"),
  NO_SUCH_PLEDGE("no-such-pledge", "a field names a pledge that does not exist"),
  PLEDGE_WITHDRAWN("pledge-withdrawn", "the pledge was withdrawn; make a new pledge instead");

  private final String wire;
  private final String meaning;

  ForceRule(String wire, String meaning) {
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
