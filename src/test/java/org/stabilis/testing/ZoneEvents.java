package org.stabilis.testing;

import static org.stabilis.testing.SnapshotCheck.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.stabilis.log.Event;
import org.stabilis.log.canonical.StrictJson;

/**
 * Random zone-book events: zones on a grid of cells (neighbours share edges; some overlap, have
 * holes, are MultiPolygons or leave the mission area), items reported in and between them,
 * decommissioned and verified, estimates, certifications by several inspectors, suspensions,
 * incidents that suspend or put zones under review, confirmations, and policies; ids are sometimes
 * reused or unknown, so many are refused.
 */
public final class ZoneEvents {
  public static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  /** The parties the events are signed by and name. */
  public static final java.util.Set<String> PARTIES =
      java.util.Set.of("cmcc", "idf", "hamas-liaison", "mon-a", "mon-b", "mon-c");

  final Random rnd;

  /** The time of the last event; the cells defined (or tried), items and incidents named. */
  public Instant now = T0;

  public int cells = 0, items = 0, incidents = 0;

  /** Whether incident ids are sometimes reused (the incident log refuses them). */
  public boolean reuseIncidentIds;

  static final List<String> CATEGORIES = List.of("small-arms", "tunnel", "rockets");
  static final List<String> INSPECTORS = List.of("mon-a", "mon-b", "mon-c");
  static final String DIGEST = "c".repeat(64);

  public ZoneEvents(Random rnd) {
    this.rnd = rnd;
  }

  public double lon0(int cell) {
    return 34.20 + 0.04 * (cell % 9);
  }

  public double lat0(int cell) {
    return 31.22 + 0.04 * (cell / 9);
  }

  public String zone() {
    return "z" + rnd.nextInt(Math.max(1, cells + 1));
  }

  public String pick(String prefix, int n) {
    return prefix + rnd.nextInt(Math.max(1, n + 1));
  }

  /** A point inside cell {@code cell}, off its edges. */
  public double[] pointIn(int cell) {
    return new double[] {
      lon0(cell) + 0.005 + rnd.nextInt(30) * 0.001, lat0(cell) + 0.005 + rnd.nextInt(30) * 0.001
    };
  }

  /** A point in a cell, sometimes on an edge shared with a neighbour, sometimes in no zone. */
  public double[] point() {
    int c = rnd.nextInt(Math.max(1, cells + 2));
    double lon = lon0(c), lat = lat0(c);
    return switch (rnd.nextInt(4)) {
      case 0 -> new double[] {lon, lat + 0.02};
      case 1 -> new double[] {lon + 0.04, lat + 0.01};
      default ->
          new double[] {
            lon + 0.005 + rnd.nextInt(30) * 0.001, lat + 0.01 + rnd.nextInt(20) * 0.001
          };
    };
  }

  public static ArrayNode ring(ArrayNode into, double lon0, double lat0, double lon1, double lat1) {
    ArrayNode r = into.addArray();
    double[][] pts = {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
    for (double[] p : pts) r.addArray().add(p[0]).add(p[1]);
    return r;
  }

  public Event next() {
    now =
        now.plus(
            Duration.ofMinutes(
                rnd.nextInt(10) == 0 ? 60L * 24 * rnd.nextInt(5) : 5 + rnd.nextInt(300)));
    ObjectNode b = obj();
    return switch (rnd.nextInt(20)) {
      case 0, 1 -> {
        int c = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.max(1, cells)) : cells++;
        b.put("id", rnd.nextInt(8) == 0 ? zone() : "z" + c).put("name", "Zone " + c);
        b.put("controller", rnd.nextInt(10) == 0 ? "nobody" : "idf");
        if (rnd.nextInt(5) == 0) b.put("illustrative", true).put("source", "illustrative grid");
        ObjectNode geom = b.putObject("geometry");
        double x = lon0(c), y = lat0(c);
        switch (rnd.nextInt(8)) {
          case 0 -> {
            geom.put("type", "MultiPolygon");
            ArrayNode polys = geom.putArray("coordinates");
            ring(polys.addArray(), x, y, x + 0.015, y + 0.04);
            ring(polys.addArray(), x + 0.025, y, x + 0.04, y + 0.04);
          }
          case 1 -> {
            geom.put("type", "Polygon");
            ArrayNode rs = geom.putArray("coordinates");
            ring(rs, x, y, x + 0.04, y + 0.04);
            ring(rs, x + 0.01, y + 0.01, x + 0.02, y + 0.02);
          }
          case 2 -> { // overlaps its neighbour
            geom.put("type", "Polygon");
            ring(geom.putArray("coordinates"), x - 0.01, y, x + 0.04, y + 0.04);
          }
          case 3 -> { // a bow tie: not a valid polygon
            geom.put("type", "Polygon");
            ArrayNode r = geom.putArray("coordinates").addArray();
            for (double[] p :
                new double[][] {{x, y}, {x + 0.04, y + 0.04}, {x + 0.04, y}, {x, y + 0.04}, {x, y}})
              r.addArray().add(p[0]).add(p[1]);
          }
          case 4 -> { // beyond the mission area
            geom.put("type", "Polygon");
            ring(geom.putArray("coordinates"), 34.0, 31.0, 34.05, 31.05);
          }
          default -> {
            geom.put("type", "Polygon");
            ring(geom.putArray("coordinates"), x, y, x + 0.04, y + 0.04);
          }
        }
        yield event("zone.defined", "cmcc", now, b);
      }
      case 2 -> {
        b.put("id", zone())
            .put("controller", List.of("idf", "hamas-liaison", "nobody").get(rnd.nextInt(3)));
        yield event("zone.control-changed", "cmcc", now, b);
      }
      case 3 -> {
        b.put("zone", zone())
            .put("category", CATEGORIES.get(rnd.nextInt(3)))
            .put("count", rnd.nextInt(12));
        yield event("demil.estimate-set", "mon-a", now, b);
      }
      case 4, 5, 6 -> {
        b.put("id", rnd.nextInt(10) == 0 ? pick("i", items) : "i" + items++);
        if (rnd.nextInt(3) == 0) b.put("zone", zone());
        b.put("category", CATEGORIES.get(rnd.nextInt(3))).put("count", 1 + rnd.nextInt(4));
        double[] p = point();
        b.putArray("location").add(p[0]).add(p[1]);
        yield rnd.nextInt(3) == 0
            ? event("demil.item-reported", "idf", now, b, "location")
            : event("demil.item-reported", "idf", now, b);
      }
      case 7, 8 -> {
        b.put("id", pick("i", items)).put("method", "destroyed");
        b.putArray("evidence").add(DIGEST);
        yield rnd.nextBoolean()
            ? event("demil.item-decommissioned", "idf", now, b, "evidence")
            : event("demil.item-decommissioned", "idf", now, b);
      }
      case 9, 10 -> {
        b.put("id", pick("i", items));
        b.putArray("evidence").add(DIGEST);
        yield event("demil.item-verified", INSPECTORS.get(rnd.nextInt(3)), now, b);
      }
      case 11, 12 -> {
        b.put("zone", zone()).put("criteria", "every item verified");
        b.putArray("evidence").add(DIGEST);
        String by = INSPECTORS.get(rnd.nextInt(3));
        yield rnd.nextInt(3) == 0
            ? event("zone.certified", by, now, b, "evidence")
            : event("zone.certified", by, now, b);
      }
      case 13 -> {
        b.put("zone", zone()).put("reason", "caches found");
        if (rnd.nextBoolean()) b.put("incident", pick("inc", incidents));
        yield rnd.nextBoolean()
            ? event("zone.suspended", "mon-b", now, b, "reason")
            : event("zone.suspended", "cmcc", now, b);
      }
      case 14 -> {
        b.put("require_verified_zone", rnd.nextBoolean())
            .put("min_decommissioned_share", List.of(0, 50, 80, 100).get(rnd.nextInt(4)));
        if (rnd.nextBoolean()) b.putArray("exempt_kinds").add("temporary-shelter");
        if (rnd.nextBoolean()) b.putArray("restricted_items").add("cement").add("steel-bar");
        yield event("policy.gate-set", "cmcc", now, b);
      }
      case 15 -> {
        b.put("certification_quorum", 1 + rnd.nextInt(3))
            .put("suspension", rnd.nextBoolean() ? "on-confirmation" : "immediate")
            .put("confirm_within_hours", 1 + rnd.nextInt(72));
        yield event("policy.decisions-set", "cmcc", now, b);
      }
      case 16, 17 -> {
        b.put(
                "id",
                reuseIncidentIds && rnd.nextInt(6) == 0
                    ? pick("inc", incidents)
                    : "inc" + incidents++)
            .put(
                "category",
                List.of("rearmament-indicator", "ceasefire-violation", "uxo").get(rnd.nextInt(3)))
            .put("severity", 2 + rnd.nextInt(4))
            .put("summary", "reported in the field");
        double[] p = point();
        b.putArray("location").add(p[0]).add(p[1]);
        yield event("incident.reported", "idf", now, b);
      }
      default -> {
        b.put("id", pick("inc", incidents));
        yield event("incident.confirmed", INSPECTORS.get(rnd.nextInt(3)), now, b);
      }
    };
  }

  static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }
}
