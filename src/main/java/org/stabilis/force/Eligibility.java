package org.stabilis.force;

import java.time.LocalDate;

/**
 * Whether a pledged unit may serve a task, and if not, the first caveat that keeps it out (SPEC
 * §5). Pure; used by the solver's model and by the report's reasons alike, so both always agree.
 *
 * <p>Zones: a task with zones covers those zones; a task with none covers the whole mission area. A
 * unit excluded from any zone of the task cannot serve it, because the task's units must be usable
 * everywhere the task runs; a unit that excludes any zone therefore cannot serve a mission-wide
 * task either.
 */
public final class Eligibility {
  private Eligibility() {}

  /** Which caveat kept a unit out. The wire names are those a what-if can lift. */
  public enum Caveat {
    EXCLUDED_TASKS("excluded_tasks"),
    EXCLUDED_ZONES("excluded_zones"),
    NO_USE_OF_FORCE("no_use_of_force"),
    READINESS("readiness"),
    AVAILABLE_FROM("available_from");

    public final String wire;

    Caveat(String wire) {
      this.wire = wire;
    }

    public static Caveat parse(String wire) {
      for (Caveat c : values()) if (c.wire.equals(wire)) return c;
      throw new IllegalArgumentException(
          "unknown caveat \""
              + wire
              + "\"; expected no_use_of_force, excluded_tasks, excluded_zones, readiness or available_from");
    }
  }

  /** A unit kept out of a task: the caveat and a sentence a person reads. */
  public record Exclusion(Caveat caveat, String reason) {}

  /**
   * Null if {@code p} may serve {@code t} on {@code date} (capability aside: the caller matches
   * capabilities), else the first caveat, in the order of {@link Caveat}, that excludes it. A unit
   * serves only once it is available: by the date asked, and by the task's need date when it has
   * one.
   */
  public static Exclusion exclusion(Pledge p, Task t, LocalDate date) {
    Pledge.Caveats c = p.caveats();
    if (c.excludedTasks().contains(t.id()))
      return new Exclusion(Caveat.EXCLUDED_TASKS, p.party() + ": excludes task " + t.id());
    if (!c.excludedZones().isEmpty()) {
      if (t.zones().isEmpty())
        return new Exclusion(
            Caveat.EXCLUDED_ZONES,
            p.party()
                + ": excludes zone "
                + c.excludedZones().stream().sorted().findFirst().orElseThrow()
                + " of the mission-wide task");
      for (String z : t.zones())
        if (c.excludedZones().contains(z))
          return new Exclusion(Caveat.EXCLUDED_ZONES, p.party() + ": excludes zone " + z);
    }
    if (c.noUseOfForce() && t.useOfForce())
      return new Exclusion(Caveat.NO_USE_OF_FORCE, p.party() + ": no use of force");
    if (p.readiness().compareTo(Readiness.MINIMUM_TO_SERVE) < 0)
      return new Exclusion(
          Caveat.READINESS,
          p.party()
              + ": readiness "
              + p.readiness().wire()
              + ", below "
              + Readiness.MINIMUM_TO_SERVE.wire());
    if (t.needBy() != null && p.availableFrom().isAfter(t.needBy()))
      return new Exclusion(
          Caveat.AVAILABLE_FROM,
          p.party()
              + ": available from "
              + p.availableFrom()
              + ", after the need date "
              + t.needBy());
    if (p.availableFrom().isAfter(date))
      return new Exclusion(
          Caveat.AVAILABLE_FROM,
          p.party() + ": available from " + p.availableFrom() + ", after the date asked " + date);
    return null;
  }

  /** The pledge with {@code caveat} lifted, for a what-if. */
  public static Pledge lift(Pledge p, Caveat caveat) {
    Pledge.Caveats c = p.caveats();
    return switch (caveat) {
      case EXCLUDED_TASKS ->
          p.withCaveats(
              new Pledge.Caveats(
                  java.util.Set.of(), c.excludedZones(), c.noUseOfForce(), c.conditions()));
      case EXCLUDED_ZONES ->
          p.withCaveats(
              new Pledge.Caveats(
                  c.excludedTasks(), java.util.Set.of(), c.noUseOfForce(), c.conditions()));
      case NO_USE_OF_FORCE ->
          p.withCaveats(
              new Pledge.Caveats(c.excludedTasks(), c.excludedZones(), false, c.conditions()));
      case READINESS ->
          p.readiness().compareTo(Readiness.MINIMUM_TO_SERVE) < 0
              ? p.withReadiness(Readiness.MINIMUM_TO_SERVE)
              : p;
      // Lifting the date makes the unit available from the earliest possible day.
      case AVAILABLE_FROM -> p.withAvailableFrom(java.time.LocalDate.MIN);
    };
  }
}
