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
import org.stabilis.testing.ZoneEvents;
import org.stabilis.web.Page;

class ZoneBookSnapshotTest {

  static final Set<String> PARTIES = ZoneEvents.PARTIES;
  static final Instant T0 = ZoneEvents.T0;

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
      ZoneEvents g = new ZoneEvents(rnd);
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
    ZoneEvents g = new ZoneEvents(new Random(3));
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
    ZoneEvents g = new ZoneEvents(rnd);
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
}
