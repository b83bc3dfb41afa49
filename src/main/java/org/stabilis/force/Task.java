package org.stabilis.force;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A mandate task (SPEC §4 {@code mandate.task-defined}). {@code zones} empty means the whole
 * mission area. {@code needBy} and {@code fallbackParty} may be null.
 */
public record Task(
    String id,
    String title,
    String source,
    List<Requirement> requirements,
    List<String> zones,
    boolean useOfForce,
    int priority,
    String fallbackParty,
    LocalDate needBy) {

  /** {@code units} units of one capability. */
  public record Requirement(String capability, int units) {
    public Requirement {
      if (!Capabilities.known(capability))
        throw new IllegalArgumentException("unknown capability " + capability);
      if (units < 1) throw new IllegalArgumentException("a requirement needs at least one unit");
    }
  }

  public Task {
    Objects.requireNonNull(id);
    requirements = List.copyOf(requirements);
    zones = List.copyOf(zones);
    if (priority < 1) throw new IllegalArgumentException("priority starts at 1 (highest)");
  }

  public int requiredUnits() {
    return requirements.stream().mapToInt(Requirement::units).sum();
  }
}
