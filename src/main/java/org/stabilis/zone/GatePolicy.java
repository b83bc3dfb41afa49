package org.stabilis.zone;

/**
 * The reconstruction gate (SPEC §4 {@code policy.gate-set}): whether a project's zone must be
 * verified, and the least decommissioned share (percent) of the estimate, in every estimated
 * category of the zone. Certification uses the same share, so a zone is never certified below it.
 *
 * @param setAt log index of the {@code policy.gate-set} entry, or -1 for the default
 */
public record GatePolicy(boolean requireVerifiedZone, int minDecommissionedShare, long setAt) {
  public GatePolicy {
    if (minDecommissionedShare < 0 || minDecommissionedShare > 100)
      throw new IllegalArgumentException("min_decommissioned_share must be in [0, 100]");
  }

  /** Before the coordinator sets a policy: the cautious reading of SPEC §5, a verified zone and no share. */
  public static final GatePolicy DEFAULT = new GatePolicy(true, 0, -1);
}
