package org.stabilis.force;

import java.util.Locale;

/**
 * How far a pledged unit has got towards deployment (SPEC §4), in increasing order. A unit serves
 * the mandate only from {@link #ASSESSED} on: a unit that is only registered has not been checked.
 */
public enum Readiness {
  /** Offered, not yet assessed. */
  REGISTERED,
  /** Assessed against the requirement: equipment, training and self-sufficiency checked. */
  ASSESSED,
  /** Ready to deploy once called. */
  READY,
  /** Deployable at short notice. */
  RAPID;

  public static final Readiness MINIMUM_TO_SERVE = ASSESSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Readiness parse(String wire) {
    for (Readiness r : values()) if (r.wire().equals(wire)) return r;
    throw new IllegalArgumentException(
        "unknown readiness \"" + wire + "\"; expected registered, assessed, ready or rapid");
  }
}
