package org.stabilis.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;

/**
 * Zone geometry: reading and checking GeoJSON polygons (RFC 7946) with JTS, and writing them back.
 * Coordinates are WGS84 [lon, lat] degrees; areas are in square degrees, which is enough for
 * comparing shapes inside one small mission area.
 */
public final class Geo {
  private Geo() {}

  /** WGS84 (SRID 4326), double precision: shared vertices of neighbouring zones stay identical. */
  public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  /**
   * The mission area: the Gaza Strip's rough bounding box (31.22–31.60 N, 34.21–34.57 E, marked
   * [derived] in the scenario facts) widened by 0.02° on each side. A derived rectangle, not a
   * surveyed boundary.
   */
  public static final Geometry MISSION_AREA =
      FACTORY.toGeometry(new Envelope(34.19, 34.59, 31.20, 31.62));

  /**
   * Two zones may share edges; an intersection larger than this many square degrees (about 0.1 ha
   * at 31.4° N, where 1 deg² ≈ 10,500 km²) counts as an overlap. Hand-drawn neighbours rarely match
   * to the last digit, so a sliver below this is tolerated.
   */
  public static final double OVERLAP_TOLERANCE = 1e-7;

  /** A checked zone geometry, or why it was refused. */
  public sealed interface Parsed permits Ok, Refused {}

  public record Ok(Geometry geometry) implements Parsed {}

  public record Refused(Rejection rejection) implements Parsed {}

  /**
   * Reads a GeoJSON Polygon or MultiPolygon and checks it is closed, valid and inside the mission
   * area.
   */
  public static Parsed zoneGeometry(JsonNode geometry) {
    String type = geometry.path("type").asText("");
    if (!type.equals("Polygon") && !type.equals("MultiPolygon"))
      return refused(
          ZoneRule.INVALID_GEOMETRY,
          "geometry.type must be \"Polygon\" or \"MultiPolygon\"; got \"" + type + "\"");
    JsonNode coords = geometry.get("coordinates");
    if (coords == null || !coords.isArray() || coords.isEmpty())
      return refused(ZoneRule.INVALID_GEOMETRY, "geometry.coordinates must be a non-empty array");
    String shape =
        type.equals("Polygon") ? checkPolygon(coords, "geometry.coordinates") : checkMulti(coords);
    if (shape != null) return refused(ZoneRule.INVALID_GEOMETRY, shape);
    Geometry g;
    try {
      g = reader().read(StrictJson.mapper().writeValueAsString(geometry));
    } catch (ParseException | JsonProcessingException | RuntimeException e) {
      return refused(
          ZoneRule.INVALID_GEOMETRY, "not a readable GeoJSON geometry: " + e.getMessage());
    }
    TopologyValidationError err = new IsValidOp(g).getValidationError();
    if (err != null)
      return refused(
          ZoneRule.INVALID_GEOMETRY,
          "the polygon is not valid (OGC simple features): "
              + err.getMessage()
              + " near ["
              + err.getCoordinate().x
              + ", "
              + err.getCoordinate().y
              + "]");
    if (!MISSION_AREA.covers(g))
      return refused(
          ZoneRule.OUTSIDE_MISSION_AREA,
          "the zone extends beyond the mission area (lon 34.19–34.59, lat 31.20–31.62)");
    return new Ok(g);
  }

  private static String checkMulti(JsonNode coords) {
    for (int i = 0; i < coords.size(); i++) {
      String p = checkPolygon(coords.get(i), "geometry.coordinates[" + i + "]");
      if (p != null) return p;
    }
    return null;
  }

  // RFC 7946 §3.1.6: a linear ring has four or more positions and its first and last are equal.
  private static String checkPolygon(JsonNode rings, String path) {
    if (!rings.isArray() || rings.isEmpty())
      return path + " must be a non-empty array of linear rings";
    for (int r = 0; r < rings.size(); r++) {
      JsonNode ring = rings.get(r);
      String at = path + "[" + r + "]";
      if (!ring.isArray() || ring.size() < 4)
        return at + " must be a linear ring of at least four positions";
      for (int i = 0; i < ring.size(); i++) {
        JsonNode pos = ring.get(i);
        if (!pos.isArray()
            || pos.size() < 2
            || pos.size() > 3
            || !pos.get(0).isNumber()
            || !pos.get(1).isNumber()) return at + "[" + i + "] must be a position [lon, lat]";
        double lon = pos.get(0).asDouble(), lat = pos.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
          return at + "[" + i + "] is out of range";
      }
      JsonNode first = ring.get(0), last = ring.get(ring.size() - 1);
      if (first.get(0).asDouble() != last.get(0).asDouble()
          || first.get(1).asDouble() != last.get(1).asDouble())
        return at + " is not closed: its first and last positions differ";
    }
    return null;
  }

  private static Refused refused(ZoneRule rule, String detail) {
    return new Refused(Rejection.rule(rule, detail));
  }

  /** The area shared by two zones, in square degrees; a failed overlay counts as fully shared. */
  public static double sharedArea(Geometry a, Geometry b) {
    if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return 0;
    try {
      return a.intersection(b).getArea();
    } catch (RuntimeException e) {
      return Math.min(a.getArea(), b.getArea());
    }
  }

  public static Point point(double lon, double lat) {
    return FACTORY.createPoint(new Coordinate(lon, lat));
  }

  /** A GeoJSON position read from an event body. */
  public static Point point(JsonNode lonLat) {
    return point(lonLat.get(0).asDouble(), lonLat.get(1).asDouble());
  }

  /** RFC 7946 geometry object: no "crs" member (§4), exterior rings counterclockwise (§3.1.6). */
  public static JsonNode toGeoJson(Geometry g) {
    GeoJsonWriter w = new GeoJsonWriter();
    w.setEncodeCRS(false);
    w.setForceCCW(true);
    try {
      return StrictJson.mapper().readTree(w.write(g));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JTS wrote GeoJSON that does not parse", e);
    }
  }

  private static GeoJsonReader reader() {
    return new GeoJsonReader(FACTORY);
  }
}
