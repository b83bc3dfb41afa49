package org.stabilis.zone;

import org.stabilis.log.RuleCode;

/**
 * The rule codes the zone book owns (zones, demilitarization items, certification). How to add a
 * code: {@link RuleCode}.
 */
public enum ZoneRule implements RuleCode {
  ZONE_EXISTS("zone-exists", "a zone with this id is already defined"),
  INVALID_GEOMETRY(
      "invalid-geometry",
      "the zone geometry is not a valid GeoJSON Polygon or MultiPolygon (RFC 7946, OGC simple features)"),
  OUTSIDE_MISSION_AREA("outside-mission-area", "the zone extends beyond the mission area"),
  ZONE_OVERLAP(
      "zone-overlap", "the zone overlaps a defined zone; neighbouring zones may share edges only"),
  SAME_CONTROLLER("same-controller", "the zone is already controlled by that party"),
  DEMIL_ITEM_EXISTS(
      "demil-item-exists", "a demilitarization item with this id was already reported"),
  NO_SUCH_DEMIL_ITEM(
      "no-such-demil-item", "a field names a demilitarization item that has not been reported"),
  NO_ZONE("no-zone", "the location is in no defined zone, and no zone is named"),
  ITEM_OUTSIDE_ZONE("item-outside-zone", "the location is not in the zone the item names"),
  ITEM_ALREADY_DECOMMISSIONED(
      "item-already-decommissioned", "the demilitarization item was already decommissioned"),
  ITEM_NOT_DECOMMISSIONED(
      "item-not-decommissioned",
      "the demilitarization item must be decommissioned before it is verified"),
  ITEM_ALREADY_VERIFIED("item-already-verified", "the demilitarization item was already verified"),
  ZONE_ALREADY_VERIFIED(
      "zone-already-verified",
      "the zone is already verified; a new certification follows only a suspension"),
  ZONE_ALREADY_SUSPENDED("zone-already-suspended", "the zone is already suspended"),
  ALREADY_CERTIFIED(
      "already-certified",
      "the inspector party already certified the zone since its last suspension; a quorum counts distinct parties"),
  NOT_UNDER_REVIEW(
      "not-under-review", "the confirmed incident put no zone under review at that time"),
  REVIEW_WINDOW_PASSED(
      "review-window-passed",
      "the window to confirm the incident has passed; the zone returned to its earlier status");

  private final String wire;
  private final String meaning;

  ZoneRule(String wire, String meaning) {
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
