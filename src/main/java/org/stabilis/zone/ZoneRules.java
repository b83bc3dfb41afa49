package org.stabilis.zone;

/** The {@code rule} codes of the decision rules (SPEC §4), each registered here once with its meaning. */
public final class ZoneRules {
  private ZoneRules() {}

  /** The inspector party already certified the zone since its last suspension; a quorum counts distinct parties. */
  public static final String ALREADY_CERTIFIED = "already-certified";
  /** The confirmed incident put no zone under review at that time. */
  public static final String NOT_UNDER_REVIEW = "not-under-review";
  /** The window to confirm the incident has passed; the zone returned to its earlier status. */
  public static final String REVIEW_WINDOW_PASSED = "review-window-passed";
}
