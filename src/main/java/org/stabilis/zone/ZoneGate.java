package org.stabilis.zone;

import java.util.Optional;
import org.stabilis.log.RuleCode;

/**
 * What reconstruction and incidents read of zones beyond {@link ZoneView}: where a point lies and
 * whether the gate policy holds for a zone now. Implemented by {@link ZoneBook}.
 */
public interface ZoneGate extends ZoneView {

  /**
   * The criteria of the gate (SPEC §5) a verdict names when it does not hold; a refused
   * certification names one as its rule, a refused approval in its detail.
   */
  enum Criterion implements RuleCode {
    ZONE_STATUS("zone-status", "the zone is not verified, or it is suspended"),
    ITEMS_NOT_VERIFIED(
        "items-not-verified", "reported demilitarization items in the zone are not verified"),
    NO_ESTIMATE(
        "no-estimate", "the policy requires a decommissioned share, and the zone has no estimate"),
    SHARE_BELOW_POLICY(
        "decommissioned-share-below-policy",
        "the decommissioned share of the estimate is below the policy");

    private final String wire;
    private final String meaning;

    Criterion(String wire, String meaning) {
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

  /** The gate's verdict: null {@code criterion} when it holds. */
  record Verdict(RuleCode criterion, String detail) {
    public boolean holds() {
      return criterion == null;
    }

    static final Verdict HOLDS = new Verdict(null, "the gate policy holds");
  }

  /**
   * Whether the gate policy holds for {@code zone} at the current state, naming the first failing
   * criterion.
   */
  Verdict gate(String zone);

  /**
   * As {@link #gate(String)} for a decision stated at {@code at}: a zone under review at that time
   * admits no new approval (SPEC §4 decision rules).
   */
  Verdict gate(String zone, java.time.Instant at);

  /**
   * Whether projects of {@code kind} are approved without their zone meeting the gate (SPEC §4
   * {@code exempt_kinds}).
   */
  boolean exempt(String kind);

  /** The zone that covers [lon, lat] (boundary included), the earliest defined when several do. */
  Optional<String> zoneAt(double lon, double lat);

  /** Whether {@code zone} covers [lon, lat], boundary included. */
  boolean covers(String zone, double lon, double lat);
}
