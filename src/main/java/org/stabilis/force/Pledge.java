package org.stabilis.force;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One pledged unit of one capability, as last stated by its party (SPEC §4 {@code pledge.made} /
 * {@code pledge.amended}). {@code conditions}, {@code source} may be null.
 */
public record Pledge(
    String id,
    String party,
    String unit,
    String capability,
    int personnel,
    Readiness readiness,
    LocalDate availableFrom,
    Caveats caveats,
    boolean illustrative,
    String source) {

  /**
   * What the contributing state will not do, or only on conditions. The sets iterate in the order
   * they were stated, in every process (an immutable {@code Set.copyOf} would not), so a pledge
   * restored from a snapshot is the one the log made.
   */
  public record Caveats(
      Set<String> excludedTasks,
      Set<String> excludedZones,
      boolean noUseOfForce,
      String conditions) {
    public static final Caveats NONE = new Caveats(Set.of(), Set.of(), false, null);

    public Caveats {
      excludedTasks = ordered(excludedTasks);
      excludedZones = ordered(excludedZones);
    }

    private static Set<String> ordered(Set<String> ids) {
      for (String id : ids) Objects.requireNonNull(id);
      return Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    }
  }

  public Pledge {
    Objects.requireNonNull(id);
    Objects.requireNonNull(party);
    Objects.requireNonNull(readiness);
    Objects.requireNonNull(availableFrom);
    Objects.requireNonNull(caveats);
    if (!Capabilities.known(capability))
      throw new IllegalArgumentException("unknown capability " + capability);
  }

  public Pledge withCaveats(Caveats c) {
    return new Pledge(
        id, party, unit, capability, personnel, readiness, availableFrom, c, illustrative, source);
  }

  public Pledge withReadiness(Readiness r) {
    return new Pledge(
        id, party, unit, capability, personnel, r, availableFrom, caveats, illustrative, source);
  }

  public Pledge withAvailableFrom(LocalDate d) {
    return new Pledge(
        id, party, unit, capability, personnel, readiness, d, caveats, illustrative, source);
  }

  /** A version in a pledge's history: what was stated, by which event and log entry. */
  public record Version(
      long index, String type, java.time.Instant time, Pledge pledge, String reason) {}

  /** Convenience for tests and what-ifs. */
  public static Caveats caveats(
      List<String> excludedTasks, List<String> excludedZones, boolean noUseOfForce) {
    return new Caveats(
        new LinkedHashSet<>(excludedTasks), new LinkedHashSet<>(excludedZones), noUseOfForce, null);
  }
}
