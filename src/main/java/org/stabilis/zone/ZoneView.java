package org.stabilis.zone;

import java.util.Optional;

/**
 * What other modules may read of zones: existence and current status. Implemented by the zone
 * module's projection; read under {@code LogService.read} or from inside a projection's decide.
 */
public interface ZoneView {

  /**
   * SPEC §5 zone status. {@code UNDER_REVIEW} (SPEC §4 decision rules) is shown for a time inside a
   * confirmation window; {@link #status} keeps the status the zone had before it.
   */
  enum Status {
    UNVERIFIED,
    IN_PROGRESS,
    VERIFIED,
    SUSPENDED,
    UNDER_REVIEW;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  boolean exists(String zoneId);

  /**
   * The status that binds materials and existing projects: under review, the zone keeps its earlier
   * one.
   */
  Optional<Status> status(String zoneId);

  /**
   * Why {@code item} may not go to a project in {@code zone}: the gate policy restricts it to
   * projects whose zone meets the gate (SPEC §4 {@code restricted_items}); empty when it may.
   */
  default Optional<String> restriction(String zoneId, String item) {
    return Optional.empty();
  }
}
