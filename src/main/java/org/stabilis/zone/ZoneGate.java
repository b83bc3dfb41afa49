package org.stabilis.zone;

import java.util.Optional;

/**
 * What reconstruction and incidents read of zones beyond {@link ZoneView}: where a point lies and
 * whether the gate policy holds for a zone now. Implemented by {@link ZoneBook}.
 */
public interface ZoneGate extends ZoneView {

  /** The gate's verdict: null {@code criterion} when it holds. */
  record Verdict(String criterion, String detail) {
    public boolean holds() {
      return criterion == null;
    }

    static final Verdict HOLDS = new Verdict(null, "the gate policy holds");
  }

  /** Whether the gate policy holds for {@code zone} at the current state, naming the first failing criterion. */
  Verdict gate(String zone);

  /**
   * As {@link #gate(String)} for a decision stated at {@code at}: a zone under review at that time
   * admits no new approval (SPEC §4 decision rules).
   */
  Verdict gate(String zone, java.time.Instant at);

  /** Whether projects of {@code kind} are approved without their zone meeting the gate (SPEC §4 {@code exempt_kinds}). */
  boolean exempt(String kind);

  /** The zone that covers [lon, lat] (boundary included), the earliest defined when several do. */
  Optional<String> zoneAt(double lon, double lat);

  /** Whether {@code zone} covers [lon, lat], boundary included. */
  boolean covers(String zone, double lon, double lat);
}
