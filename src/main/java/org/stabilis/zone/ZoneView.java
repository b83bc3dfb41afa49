package org.stabilis.zone;

import java.util.Optional;

/**
 * What other modules may read of zones: existence and current status. Implemented by the zone
 * module's projection; read under {@code LogService.read} or from inside a projection's decide.
 */
public interface ZoneView {

  /** SPEC §5 zone status. */
  enum Status {
    UNVERIFIED, IN_PROGRESS, VERIFIED, SUSPENDED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  boolean exists(String zoneId);

  Optional<Status> status(String zoneId);
}
