package org.stabilis.zone;

import java.util.Base64;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.stabilis.log.Concealed;

/**
 * The zone book's state as plain values: what {@link ZoneBook#save} writes and {@link
 * ZoneBook#restore} reads back (SPEC §7 snapshots). Maps are written as lists in the order the book
 * iterates them, so a restored book lists zones, items and certifications in the same order; times
 * are ISO-8601 strings; a zone's geometry is the WKB of the shape read from the log, so every
 * coordinate comes back to the last bit. {@code null} stands for {@link Concealed#NONE}.
 */
record ZoneSnapshot(
    String format,
    List<ZoneRow> zones,
    List<ItemRow> items,
    List<IncidentRow> incidents,
    GateRow gate,
    DecisionRow decisions) {

  /** The format this code writes; a snapshot of any other is refused. */
  static final String FORMAT = "stabilis.zones/1";

  record ZoneRow(
      String id,
      String name,
      String wkb,
      boolean illustrative,
      String source,
      long definedAt,
      String status,
      List<ControlRow> control,
      List<TransitionRow> transitions,
      List<EstimateRow> estimates,
      List<String> items,
      List<CertificationRow> certifications,
      ReviewRow review) {}

  record ControlRow(String controller, long index, String time) {}

  record TransitionRow(
      String from,
      String to,
      String reason,
      List<Long> indices,
      List<String> evidence,
      String time,
      Concealed source,
      boolean quotesReason) {}

  record EstimateRow(String category, long count, long index, String party) {}

  record CertificationRow(String party, long index) {}

  record ReviewRow(List<String> incidents, List<Long> indices, String since, String until) {}

  record ItemRow(
      String id,
      String zone,
      String category,
      long count,
      double lon,
      double lat,
      String reportedBy,
      long reportedAt,
      String reportedTime,
      String state,
      String method,
      long decommissionedAt,
      long verifiedAt,
      List<EvidenceRow> evidence,
      Concealed report) {}

  record EvidenceRow(List<String> digests, Concealed from) {}

  record IncidentRow(String id, long index) {}

  record GateRow(
      boolean requireVerifiedZone,
      int minDecommissionedShare,
      List<String> exemptKinds,
      List<String> restrictedItems,
      long setAt) {}

  /** {@code confirmWithin}: an ISO-8601 duration. */
  record DecisionRow(
      int certificationQuorum, boolean onConfirmation, String confirmWithin, long setAt) {}

  /** Null for nothing concealed, which most entries are: the snapshot stays small. */
  static Concealed written(Concealed c) {
    return c.any() ? c : null;
  }

  static Concealed read(Concealed c) {
    return c == null ? Concealed.NONE : c;
  }

  /**
   * The shape as WKB with its SRID, and with a Z ordinate when it has one (a GeoJSON position may
   * hold an altitude, RFC 7946 §3.1.1), in base64.
   */
  static String wkb(Geometry g) {
    return Base64.getEncoder().encodeToString(new WKBWriter(3, true).write(g));
  }

  static Geometry geometry(String wkb) {
    try {
      return new WKBReader(Geo.FACTORY).read(Base64.getDecoder().decode(wkb));
    } catch (ParseException e) {
      throw new IllegalArgumentException("a zone's geometry is not WKB: " + e.getMessage(), e);
    }
  }
}
