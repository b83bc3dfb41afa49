package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.testing.SnapshotCheck.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Event;
import org.stabilis.log.Projection;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.party.PartyRegistry;
import org.stabilis.testing.DemoLog;
import org.stabilis.testing.SnapshotCheck;
import org.stabilis.web.Page;

class ZoneBookSnapshotTest {

  static final Set<String> PARTIES =
      Set.of("cmcc", "idf", "hamas-liaison", "mon-a", "mon-b", "mon-c");
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  /** A zone book over a fixed set of parties, and nothing else. */
  static Supplier<SnapshotCheck.Wiring> alone() {
    return () -> {
      ZoneBook z = new ZoneBook(PARTIES::contains);
      return wiring(List.of(z), z);
    };
  }

  static SnapshotCheck.Wiring wiring(List<Projection> all, ZoneBook z) {
    return new SnapshotCheck.Wiring() {
      @Override
      public List<Projection> projections() {
        return all;
      }

      @Override
      public List<Snapshotting> snapshotted() {
        return List.of(z);
      }

      @Override
      public String views(long size) {
        return ZoneBookSnapshotTest.views(z, size);
      }
    };
  }

  /**
   * What readers and other modules get from the zone book: the routes' GeoJSON for several times,
   * summaries, items, the gate's and the policy's answers, and point lookups on a grid that runs
   * along the zones' shared edges.
   */
  static String views(ZoneBook b, long size) {
    StringBuilder sb = new StringBuilder();
    List<Instant> times = new ArrayList<>();
    times.add(null);
    for (int d = 0; d <= 60; d += 4) times.add(T0.plus(Duration.ofDays(d)));
    times.add(Instant.parse("2025-10-20T00:00:00Z"));
    times.add(Instant.parse("2026-12-01T00:00:00Z"));
    for (Instant t : times) {
      sb.append(ZoneRoutes.featureCollection(b, new Page(Integer.MAX_VALUE, null), t)).append('\n');
      for (ZoneBook.Zone z : b.zones()) {
        sb.append(ZoneRoutes.feature(b, z, t)).append('\n');
        if (t != null) {
          sb.append(z.statusOn(t)).append(b.statusOn(z.id, t)).append(b.gate(z.id, t));
          for (String item : List.of("cement", "steel-bar", "pipes"))
            sb.append(b.restriction(z.id, item));
          sb.append('\n');
        }
      }
    }
    sb.append(b.summaries()).append('\n').append(b.items()).append('\n');
    sb.append(b.policy()).append(b.decisions()).append('\n');
    for (String kind : List.of("housing", "temporary-shelter", "water")) sb.append(b.exempt(kind));
    for (ZoneBook.Zone z : b.zones()) {
      sb.append(z.id)
          .append(z.status())
          .append(z.controller())
          .append(z.controlHistory())
          .append(z.transitions())
          .append(z.estimates())
          .append(z.certifications())
          .append(z.review())
          .append(b.figures(z))
          .append(b.totals(z))
          .append(b.overallShare(z))
          .append(b.itemsOf(z.id))
          .append(b.exists(z.id))
          .append(b.status(z.id))
          .append(b.gate(z.id))
          .append(b.summary(z.id));
      for (long n = 0; n <= size; n += Math.max(1, size / 16)) sb.append(z.statusAt(n));
      sb.append('\n');
    }
    for (double lon = 34.19; lon <= 34.59; lon += 0.01)
      for (double lat = 31.21; lat <= 31.61; lat += 0.02) {
        double x = Math.round(lon * 100) / 100.0, y = Math.round(lat * 100) / 100.0;
        b.zoneAt(x, y).ifPresent(id -> sb.append(x).append(',').append(y).append(id).append(' '));
      }
    for (ZoneBook.Zone z : b.zones()) sb.append(b.covers(z.id, 34.3, 31.3));
    sb.append(b.exists("z0")).append(b.status("nowhere")).append(b.gate("nowhere"));
    return sb.toString();
  }

  @Test
  void theDemoScenario_cutAnywhere_restoresToTheSameZonesAndDecisions() {
    List<Event> demo = DemoLog.events();
    Supplier<SnapshotCheck.Wiring> fresh =
        () -> {
          PartyRegistry parties = new PartyRegistry(new EventCatalogue());
          ZoneBook z = new ZoneBook(id -> parties.party(id) != null);
          return wiring(List.of(parties, z), z);
        };
    List<Integer> cuts = new ArrayList<>();
    for (int k = 0; k <= demo.size(); k += Math.max(1, demo.size() / 12)) cuts.add(k);
    cuts.add(demo.size());
    List<Event> probes = probes(new Random(1), demo.getLast().time(), 24);
    SnapshotCheck.Run run = SnapshotCheck.check(fresh, demo, probes, cuts);
    assertThat(run.refused()).as("the demo's statements were all admitted once").isZero();
    // The demo exercises what the book keeps: zones, items, certifications, concealed fields.
    var full = SnapshotCheck.fresh(fresh, demoEntries(demo));
    ZoneBook b = (ZoneBook) full.snapshotted().getFirst();
    assertThat(b.zones()).hasSizeGreaterThan(5);
    assertThat(b.items()).isNotEmpty();
    assertThat(b.items()).anyMatch(i -> i.report().any());
    assertThat(b.zones()).anyMatch(z -> z.status() == ZoneView.Status.VERIFIED);
  }

  static List<org.stabilis.log.Entry> demoEntries(List<Event> demo) {
    List<org.stabilis.log.Entry> out = new ArrayList<>();
    for (Event e : demo) out.add(SnapshotCheck.entry(out.size(), e));
    return out;
  }

  @Test
  void randomSequencesWithRefusals_cutAnywhere_restoreToTheSameZonesAndDecisions() {
    int refused = 0, reviews = 0, suspended = 0, verified = 0, concealed = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      Generator g = new Generator(rnd);
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 320; i++) events.add(g.next());
      List<Integer> cuts = new ArrayList<>(List.of(0, 1, events.size()));
      for (int i = 0; i < 6; i++) cuts.add(rnd.nextInt(events.size()));
      SnapshotCheck.Run run =
          SnapshotCheck.check(alone(), events, probes(rnd, g.now, g.cells), cuts);
      refused += run.refused();
      // The sequence must reach the states it claims to test.
      var full = SnapshotCheck.fresh(alone(), accepted(events));
      ZoneBook b = (ZoneBook) full.snapshotted().getFirst();
      for (ZoneBook.Zone z : b.zones()) {
        for (ZoneBook.Transition t : z.transitions()) {
          if (t.to() == ZoneView.Status.UNDER_REVIEW) reviews++;
          if (t.to() == ZoneView.Status.SUSPENDED) suspended++;
          if (t.to() == ZoneView.Status.VERIFIED) verified++;
          if (t.source().any()) concealed++;
        }
      }
    }
    assertThat(refused).isGreaterThan(100);
    assertThat(reviews).isGreaterThan(3);
    assertThat(suspended).isGreaterThan(3);
    assertThat(verified).isGreaterThan(3);
    assertThat(concealed).isGreaterThan(3);
  }

  /** The events a zone book alone accepts, as entries. */
  static List<org.stabilis.log.Entry> accepted(List<Event> events) {
    ZoneBook z = new ZoneBook(PARTIES::contains);
    List<org.stabilis.log.Entry> out = new ArrayList<>();
    for (Event e : events)
      if (z.decide(e) == null) {
        var en = SnapshotCheck.entry(out.size(), e);
        z.evolve(en);
        out.add(en);
      }
    return out;
  }

  @Test
  void aZoneGivenWithAltitudesAndHoles_comesBackToTheLastBit() {
    ObjectNode ring3d = obj();
    ring3d.put("type", "Polygon");
    ArrayNode rings = ring3d.putArray("coordinates");
    ArrayNode outer = rings.addArray();
    double[][] pts = {
      {34.3, 31.3},
      {34.3412345678901, 31.3000000000001},
      {34.34, 31.34},
      {34.3, 31.34},
      {34.3, 31.3}
    };
    for (double[] p : pts) outer.addArray().add(p[0]).add(p[1]).add(12.5);
    ArrayNode hole = rings.addArray();
    for (double[] p :
        new double[][] {
          {34.31, 31.31}, {34.31, 31.32}, {34.32, 31.32}, {34.32, 31.31}, {34.31, 31.31}
        }) hole.addArray().add(p[0]).add(p[1]);
    ObjectNode b = obj().put("id", "z3d").put("name", "Altitudes").put("controller", "idf");
    b.set("geometry", ring3d);
    ZoneBook a = new ZoneBook(PARTIES::contains);
    Event e = event("zone.defined", "cmcc", T0, b);
    assertThat(a.decide(e)).isNull();
    a.evolve(SnapshotCheck.entry(0, e));
    ZoneBook r = new ZoneBook(PARTIES::contains);
    r.restore(a.save());
    assertThat(ZoneRoutes.featureCollection(r).toString())
        .isEqualTo(ZoneRoutes.featureCollection(a).toString())
        .contains("12.5");
    // Every ordinate, altitude included, as the log gave it (the GeoJSON above rounds them).
    assertThat(ordinates(r.zone("z3d").orElseThrow().geometry))
        .isEqualTo(ordinates(a.zone("z3d").orElseThrow().geometry))
        .contains("34.3412345678901 31.3000000000001 12.5", "34.31 31.32 NaN");
    assertThat(r.covers("z3d", 34.315, 31.315)).as("the hole came back").isFalse();
  }

  static List<String> ordinates(org.locationtech.jts.geom.Geometry g) {
    List<String> out = new ArrayList<>();
    for (var c : g.getCoordinates()) out.add(c.getX() + " " + c.getY() + " " + c.getZ());
    return out;
  }

  @Test
  void bytesThisCodeDidNotWrite_areRefused_andLeaveTheBookEmpty() {
    Generator g = new Generator(new Random(3));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) events.add(g.next());
    var full = SnapshotCheck.fresh(alone(), accepted(events));
    byte[] good = full.snapshotted().getFirst().save();
    List<byte[]> bad = new ArrayList<>(SnapshotCheck.notSnapshots(good));
    bad.add(SnapshotCheck.edit(good, ZoneSnapshot.FORMAT, "stabilis.zones/0"));
    bad.add(SnapshotCheck.edit(good, "\"format\":", "\"formats\":"));
    bad.add(SnapshotCheck.edit(good, "\"status\":\"", "\"status\":\"X"));
    bad.add(SnapshotCheck.edit(good, "\"wkb\":\"", "\"wkb\":\"AAAA"));
    bad.add(SnapshotCheck.edit(good, "\"time\":\"", "\"time\":\"yesterday"));
    bad.add(SnapshotCheck.edit(good, "\"zone\":\"", "\"zone\":\"elsewhere"));
    bad.add(SnapshotCheck.edit(good, "\"count\":", "\"count\":\"many\",\"x\":"));
    bad.add(SnapshotCheck.edit(good, "\"items\":[\"", "\"items\":[\"ghost\",\""));
    bad.add(SnapshotCheck.edit(good, "\"certificationQuorum\":", "\"certificationQuorum\":0"));
    bad.add(SnapshotCheck.edit(good, "\"control\":[", "\"control\":null,\"x\":["));
    // Another projection's snapshot is not this one's.
    bad.add(
        "{\"format\":\"stabilis.incidents/1\",\"incidents\":[]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SnapshotCheck.refuses(alone(), 0, good, bad);
  }

  /** Decisions asked of the book at each cut: certifications, suspensions, items, incidents. */
  static List<Event> probes(Random rnd, Instant now, int cells) {
    Generator g = new Generator(rnd);
    g.now = now;
    g.cells = cells;
    g.items = 40;
    g.incidents = 40;
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < 120; i++) out.add(g.next());
    return out;
  }

  static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  /**
   * Random zone-book events: zones on a grid of cells (neighbours share edges; some overlap, have
   * holes, are MultiPolygons or leave the mission area), items reported in and between them,
   * decommissioned and verified, estimates, certifications by several inspectors, suspensions,
   * incidents that suspend or put zones under review, confirmations, and policies; ids are
   * sometimes reused or unknown, so many are refused.
   */
  static final class Generator {
    final Random rnd;
    Instant now = T0;
    int cells = 0, items = 0, incidents = 0;
    static final List<String> CATEGORIES = List.of("small-arms", "tunnel", "rockets");
    static final List<String> INSPECTORS = List.of("mon-a", "mon-b", "mon-c");
    static final String DIGEST = "c".repeat(64);

    Generator(Random rnd) {
      this.rnd = rnd;
    }

    double lon0(int cell) {
      return 34.20 + 0.04 * (cell % 9);
    }

    double lat0(int cell) {
      return 31.22 + 0.04 * (cell / 9);
    }

    String zone() {
      return "z" + rnd.nextInt(Math.max(1, cells + 1));
    }

    String pick(String prefix, int n) {
      return prefix + rnd.nextInt(Math.max(1, n + 1));
    }

    /** A point in a cell, sometimes on an edge shared with a neighbour, sometimes in no zone. */
    double[] point() {
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

    static ArrayNode ring(ArrayNode into, double lon0, double lat0, double lon1, double lat1) {
      ArrayNode r = into.addArray();
      double[][] pts = {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
      for (double[] p : pts) r.addArray().add(p[0]).add(p[1]);
      return r;
    }

    Event next() {
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
                  new double[][] {
                    {x, y}, {x + 0.04, y + 0.04}, {x + 0.04, y}, {x, y + 0.04}, {x, y}
                  }) r.addArray().add(p[0]).add(p[1]);
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
          b.put("id", "inc" + incidents++)
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
  }
}
