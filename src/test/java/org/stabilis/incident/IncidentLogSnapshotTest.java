package org.stabilis.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.testing.SnapshotCheck.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Projection;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.store.Database;
import org.stabilis.party.PartyRegistry;
import org.stabilis.testing.DemoLog;
import org.stabilis.testing.SnapshotCheck;
import org.stabilis.testing.StoreTarget;
import org.stabilis.testing.ZoneEvents;
import org.stabilis.zone.ZoneBook;

class IncidentLogSnapshotTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  static final List<String> CATEGORIES =
      List.of("uxo", "ceasefire-violation", "attack-on-aid", "diversion", "other");

  static Supplier<SnapshotCheck.Wiring> alone() {
    return () -> {
      ZoneBook z = new ZoneBook(ZoneEvents.PARTIES::contains);
      return wiring(List.of(z, new IncidentLog(z)));
    };
  }

  /**
   * The zone book and an incident log that hands its incidents over to {@code store} whenever it is
   * saved, as a log's snapshots do; the zone book asks the incident log for the incidents.
   */
  static Supplier<SnapshotCheck.Wiring> stored(IncidentStore store) {
    return () -> {
      IncidentLog[] reported = new IncidentLog[1];
      ZoneBook z = new ZoneBook(ZoneEvents.PARTIES::contains, id -> reported[0].indexOf(id));
      reported[0] = new IncidentLog(z, store);
      return wiring(List.of(z, reported[0]));
    };
  }

  /** A fresh database for an incident store. */
  static IncidentStore freshStore(List<AutoCloseable> open, java.nio.file.Path dir)
      throws java.io.IOException {
    String url = StoreTarget.freshDatabaseUrl();
    Database db =
        Database.open(
            url != null
                ? url
                : Database.sqliteUrl(java.nio.file.Files.createTempDirectory(dir, "incidents")));
    open.add(db);
    return new IncidentStore(db, "test-code");
  }

  /** {@code all}: the zone book, the incident log and what they fold beside; both are restored. */
  static SnapshotCheck.Wiring wiring(List<Projection> all) {
    ZoneBook z = (ZoneBook) all.stream().filter(p -> p instanceof ZoneBook).findFirst().get();
    IncidentLog i = (IncidentLog) all.getLast();
    return new SnapshotCheck.Wiring() {
      @Override
      public List<Projection> projections() {
        return all;
      }

      @Override
      public List<Snapshotting> snapshotted() {
        return List.of(z, i);
      }

      @Override
      public String views(long size) {
        return IncidentLogSnapshotTest.views(i, size);
      }
    };
  }

  /** Every filter the routes offer, in log order and newest first from several indices. */
  static String views(IncidentLog log, long size) {
    StringBuilder sb = new StringBuilder();
    List<IncidentLog.Filter> filters = new ArrayList<>();
    filters.add(new IncidentLog.Filter(null, null, null, null));
    filters.add(new IncidentLog.Filter("none", null, null, null));
    for (int z = 0; z < 12; z++) filters.add(new IncidentLog.Filter("z" + z, null, null, null));
    for (String c : CATEGORIES) filters.add(new IncidentLog.Filter(null, null, null, c));
    Instant t = ZoneEvents.T0;
    for (int d = 0; d < 40; d += 5)
      filters.add(
          new IncidentLog.Filter(
              null, t.plus(Duration.ofDays(d)), t.plus(Duration.ofDays(d + 7)), null));
    for (IncidentLog.Filter f : filters) {
      sb.append(f).append(log.list(f)).append('\n');
      for (long before : List.of(size, size / 2, size / 3, 1L, Long.MAX_VALUE))
        for (int limit : List.of(1, 5, 1000)) sb.append(log.newest(f, before, limit)).append('\n');
    }
    sb.append(log.count());
    for (int k = 0; k < 60; k++) sb.append(log.incident("inc" + k));
    return sb.toString();
  }

  /**
   * The same checks with the incidents handed over to the store at every cut: what the restored log
   * reads back from the store answers every view and decision as the log that kept them in memory.
   */
  @Test
  void incidentsHandedToTheStore_cutAnywhere_restoreToTheSameIncidentsAndDecisions()
      throws Exception {
    List<AutoCloseable> open = new ArrayList<>();
    try {
      for (long seed = 21; seed <= 23; seed++) {
        Random rnd = new Random(seed);
        List<Event> events = sequence(rnd, 300);
        List<Integer> cuts = new ArrayList<>(List.of(0, events.size()));
        for (int i = 0; i < 6; i++) cuts.add(rnd.nextInt(events.size()));
        SnapshotCheck.Run run =
            SnapshotCheck.check(stored(freshStore(open, dir)), events, probes(events), cuts);
        assertThat(run.accepted()).isGreaterThan(100);
        // What is left in the snapshot after a hand-over is where the incidents went, not them.
        IncidentLog inMemory = (IncidentLog) fold(alone(), events).snapshotted().get(1);
        IncidentLog handed =
            (IncidentLog) fold(stored(freshStore(open, dir)), events).snapshotted().get(1);
        byte[] left = handed.save(events.size());
        assertThat(inMemory.save().length).isGreaterThan(10_000);
        assertThat(left.length)
            .as("seed %d: %s", seed, new String(left, StandardCharsets.UTF_8))
            .isLessThan(200);
        assertThat(views(handed, events.size())).isEqualTo(views(inMemory, events.size()));
      }
    } finally {
      for (AutoCloseable c : open) c.close();
    }
  }

  @Test
  void theDemoScenario_cutAnywhere_restoresToTheSameIncidentsAndDecisions() {
    List<Event> demo = DemoLog.events();
    Supplier<SnapshotCheck.Wiring> fresh =
        () -> {
          PartyRegistry parties = new PartyRegistry(new EventCatalogue());
          ZoneBook z = new ZoneBook(id -> parties.party(id) != null);
          return wiring(List.of(parties, z, new IncidentLog(z)));
        };
    List<Integer> cuts = new ArrayList<>();
    for (int k = 0; k <= demo.size(); k += Math.max(1, demo.size() / 8)) cuts.add(k);
    SnapshotCheck.Run run = SnapshotCheck.check(fresh, demo, probes(demo), cuts);
    assertThat(run.refused()).isZero();
    assertThat(demo).filteredOn(e -> e.type().equals("incident.reported")).hasSizeGreaterThan(3);
  }

  /** Reports of every incident id the demo and the generator use: most are refused as reused. */
  static List<Event> probes(List<Event> seen) {
    List<Event> out = new ArrayList<>();
    for (Event e : seen) if (e.type().equals("incident.reported")) out.add(e);
    for (int k = 0; k < 60; k++) out.add(incident("inc" + k, "uxo", 34.3, 31.3, ZoneEvents.T0));
    return out;
  }

  static Event incident(String id, String category, double lon, double lat, Instant t) {
    ObjectNode b = StrictJson.mapper().createObjectNode();
    b.put("id", id).put("category", category).put("severity", 1 + Math.floorMod(id.hashCode(), 5));
    b.putArray("location").add(lon).add(lat);
    b.put("summary", "unexploded ordnance reported near a road");
    return event("incident.reported", "idf", t, b);
  }

  /** Zone-book events with many more incidents among them, some ids reused, some concealed. */
  static List<Event> sequence(Random rnd, int n) {
    ZoneEvents g = new ZoneEvents(rnd);
    g.reuseIncidentIds = true;
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (rnd.nextInt(3) > 0) {
        out.add(g.next());
        continue;
      }
      g.now = g.now.plus(Duration.ofMinutes(rnd.nextInt(600)));
      String id = rnd.nextInt(8) == 0 ? g.pick("inc", g.incidents) : "inc" + g.incidents++;
      double[] p = g.point();
      ObjectNode b = StrictJson.mapper().createObjectNode();
      b.put("id", id)
          .put("category", CATEGORIES.get(rnd.nextInt(CATEGORIES.size())))
          .put("severity", 1 + rnd.nextInt(5));
      b.putArray("location").add(p[0]).add(p[1]);
      b.put("summary", "seen by a patrol, " + rnd.nextInt(1000) + " m from the road");
      out.add(
          switch (rnd.nextInt(4)) {
            case 0 -> event("incident.reported", "idf", g.now, b, "location");
            case 1 -> event("incident.reported", "mon-a", g.now, b, "summary", "location");
            default -> event("incident.reported", "idf", g.now, b);
          });
    }
    return out;
  }

  @Test
  void randomSequencesWithRefusals_cutAnywhere_restoreToTheSameIncidentsAndDecisions() {
    int reported = 0, refusedReuse = 0, outside = 0, concealed = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Event> events = sequence(rnd, 300);
      List<Integer> cuts = new ArrayList<>(List.of(0, events.size()));
      for (int i = 0; i < 6; i++) cuts.add(rnd.nextInt(events.size()));
      SnapshotCheck.check(alone(), events, probes(events), cuts);
      SnapshotCheck.Wiring full = fold(events);
      IncidentLog log = (IncidentLog) full.snapshotted().get(1);
      var all = log.list(new IncidentLog.Filter(null, null, null, null));
      reported += all.size();
      outside += (int) all.stream().filter(IncidentLog.Incident::outsideZones).count();
      concealed += (int) all.stream().filter(i -> i.concealed().any()).count();
      refusedReuse +=
          events.stream().filter(e -> e.type().equals("incident.reported")).count() - all.size();
    }
    assertThat(reported).isGreaterThan(200);
    assertThat(refusedReuse).as("reports refused for a reused id").isGreaterThan(10);
    assertThat(outside).as("incidents in no zone").isGreaterThan(10);
    assertThat(concealed).isGreaterThan(20);
  }

  static SnapshotCheck.Wiring fold(List<Event> events) {
    return fold(alone(), events);
  }

  static SnapshotCheck.Wiring fold(Supplier<SnapshotCheck.Wiring> fresh, List<Event> events) {
    SnapshotCheck.Wiring w = fresh.get();
    long n = 0;
    for (Event e : events) {
      boolean ok = true;
      for (Projection p : w.projections()) ok &= p.decide(e) == null;
      if (!ok) continue;
      Entry en = SnapshotCheck.entry(n++, e);
      for (Projection p : w.projections()) p.evolve(en);
    }
    return w;
  }

  @Test
  void bytesThisCodeDidNotWrite_areRefused_andLeaveTheLogEmpty() {
    byte[] good = fold(sequence(new Random(5), 200)).snapshotted().get(1).save();
    List<byte[]> bad = new ArrayList<>(SnapshotCheck.notSnapshots(good));
    bad.add(SnapshotCheck.edit(good, IncidentLog.State.FORMAT, "stabilis.incidents/0"));
    bad.add(SnapshotCheck.edit(good, "[[\"", "[[7,\""));
    bad.add(SnapshotCheck.edit(good, "Z\",", "Zulu\","));
    bad.add(
        SnapshotCheck.edit(
            good,
            "]]}",
            ",[\"inc0\",\"uxo\",1,34.3,31.3,\"s\",null,\"idf\",0,"
                + "\"2026-05-01T08:00:00Z\",null]]}"));
    bad.add(SnapshotCheck.edit(good, "\"incidents\":[", "\"incidents\":[null,"));
    bad.add(new ZoneBook(p -> true).save());
    SnapshotCheck.refuses(alone(), 1, good, bad);
  }

  /**
   * The size of the snapshot of 100,000 incidents: printed, and held below 16 MB (about 160 bytes
   * an incident, its summary included).
   */
  @Test
  void aSnapshotOf100kIncidents_staysCompact_andRestoresTheSameLog() {
    ZoneBook zones = new ZoneBook(ZoneEvents.PARTIES::contains);
    IncidentLog log = new IncidentLog(zones);
    ZoneEvents g = new ZoneEvents(new Random(11));
    long n = 0;
    while (zones.zones().size() < 20) {
      Event e = g.next();
      if (!e.type().equals("zone.defined") || zones.decide(e) != null) continue;
      Entry en = SnapshotCheck.entry(n++, e);
      zones.evolve(en);
      log.evolve(en);
    }
    Random rnd = new Random(12);
    Instant t = ZoneEvents.T0;
    for (int k = 0; k < 100_000; k++) {
      t = t.plusSeconds(rnd.nextInt(600));
      double[] p = g.point();
      ObjectNode b = StrictJson.mapper().createObjectNode();
      b.put("id", "inc-" + k)
          .put("category", CATEGORIES.get(rnd.nextInt(CATEGORIES.size())))
          .put("severity", 1 + rnd.nextInt(5));
      b.putArray("location").add(p[0]).add(p[1]);
      b.put("summary", "unexploded ordnance reported near a road");
      Entry en =
          SnapshotCheck.entry(
              n++,
              rnd.nextInt(10) == 0
                  ? event("incident.reported", "idf", t, b, "location")
                  : event("incident.reported", "idf", t, b));
      zones.evolve(en);
      log.evolve(en);
    }
    byte[] saved = log.save();
    System.out.printf(
        "incidents snapshot: %,d bytes for %,d incidents (%.1f bytes each; summary of 40 characters)%n",
        saved.length, log.count(), saved.length / (double) log.count());
    IncidentLog restored = new IncidentLog(zones);
    restored.restore(saved);
    // Compared as values: rendering 100,000 incidents under every filter is the slow part.
    IncidentLog.Filter all = new IncidentLog.Filter(null, null, null, null);
    assertThat(restored.list(all).equals(log.list(all)))
        .as("every incident, in log order")
        .isTrue();
    for (long before : List.of(n, n / 2, 1000L))
      assertThat(restored.newest(all, before, 500)).isEqualTo(log.newest(all, before, 500));
    IncidentLog.Filter some = new IncidentLog.Filter("z3", null, null, "uxo");
    assertThat(restored.newest(some, n, 50)).isEqualTo(log.newest(some, n, 50)).isNotEmpty();
    assertThat(restored.count()).isEqualTo(log.count());
    assertThat(restored.save()).isEqualTo(saved);
    assertThat(saved.length).isLessThan(16_000_000);
    assertThat(new String(saved, 0, 200, StandardCharsets.UTF_8)).startsWith("{\"format\":");
  }
}
