package org.stabilis.zone;

/**
 * The reconstruction gate (SPEC §4 {@code policy.gate-set}): whether a project's zone must be
 * verified, and the least decommissioned share (percent) of the estimate, in every estimated
 * category of the zone. Certification uses the same share, so a zone is never certified below it.
 * {@code exemptKinds}: project kinds approved without the zone meeting the gate (temporary
 * shelter); {@code restrictedItems}: items delivered only to projects whose zone meets it (heavy
 * materials).
 *
 * @param setAt log index of the {@code policy.gate-set} entry, or -1 for the default
 */
public record GatePolicy(
    boolean requireVerifiedZone,
    int minDecommissionedShare,
    java.util.Set<String> exemptKinds,
    java.util.Set<String> restrictedItems,
    long setAt) {
  public GatePolicy {
    if (minDecommissionedShare < 0 || minDecommissionedShare > 100)
      throw new IllegalArgumentException("min_decommissioned_share must be in [0, 100]");
    // Sorted, so that every rendering of the policy is the same after a replay.
    exemptKinds = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(exemptKinds));
    restrictedItems =
        java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(restrictedItems));
  }

  public GatePolicy(boolean requireVerifiedZone, int minDecommissionedShare, long setAt) {
    this(
        requireVerifiedZone, minDecommissionedShare, java.util.Set.of(), java.util.Set.of(), setAt);
  }

  /**
   * Before the coordinator sets a policy: the cautious reading of SPEC §5, a verified zone and no
   * share.
   */
  public static final GatePolicy DEFAULT = new GatePolicy(true, 0, -1);
}
