package org.stabilis.correction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Entry;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.Outcome;
import org.stabilis.log.Projection;
import org.stabilis.log.store.LogStore;
import org.stabilis.party.PartyRegistry;
import org.stabilis.testing.StateDump;
import org.stabilis.testing.World;

class RetractionTest {
  static final Instant NOW = Instant.parse("2026-06-15T00:00:00Z");

  @TempDir Path dir;

  /**
   * The naive reference: the modules folded from the log's first {@code size} entries, skipping
   * every retracted one.
   */
  static String reference(App app, long size) {
    List<Entry> entries = new ArrayList<>();
    Set<Long> retracted = new HashSet<>();
    for (LogStore.StoredEntry s : app.log.entries(0, size)) {
      Entry e = trusted(s);
      entries.add(e);
      if (e.event().type().equals("record.retracted"))
        retracted.add(e.event().body().get("index").asLong());
    }
    PartyRegistry parties = new PartyRegistry(new EventCatalogue());
    List<Projection> modules = App.moduleProjections(parties);
    for (Entry e : entries) {
      parties.evolve(e);
      if (retracted.contains(e.index()) || e.event().type().startsWith("record.")) continue;
      for (Projection p : modules) p.evolve(e);
    }
    return StateDump.of(modules, NOW);
  }

  static Entry trusted(LogStore.StoredEntry s) {
    try {
      return LeafCodec.trusted(s.index(), s.data());
    } catch (LeafCodec.BadLeafException e) {
      throw new AssertionError(e);
    }
  }

  static String live(App app) {
    return app.log.read(() ->
        StateDump.of(
            List.of(
                app.zones,
                app.incidents,
                app.projects,
                app.force,
                app.permits,
                app.materials,
                app.obligations),
            NOW));
  }

  static String asOf(App app, long size) {
    PartyRegistry parties = new PartyRegistry(new EventCatalogue());
    List<Projection> modules = app.freshModules(parties);
    List<Projection> all = new ArrayList<>();
    all.add(parties);
    all.addAll(modules);
    app.log.replayInto(size, all);
    return StateDump.of(modules, NOW);
  }

  /**
   * A random mission: zones, items, incidents, projects and material flows, with retractions and
   * disputes among them.
   */
  static final class Randomised {
    final World w;
    final Random rnd;
    final List<long[]> accepted = new ArrayList<>(); // [index]
    final List<String> authors = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    int zones, items, incidents, projects, consignments, shipments;
    int retractionsAccepted, conflicts, disputesAccepted;

    Randomised(World w, long seed) {
      this.w = w;
      this.rnd = new Random(seed);
    }

    Outcome submit(String party, String type, ObjectNode body) {
      Outcome o = w.submit(party, type, body);
      if (o instanceof Outcome.Accepted a) {
        accepted.add(new long[] {a.index()});
        authors.add(party);
        types.add(type);
      }
      return o;
    }

    String pick(String prefix, int n) {
      return prefix + rnd.nextInt(Math.max(1, n));
    }

    void step() {
      ObjectNode b = World.obj();
      switch (rnd.nextInt(16)) {
        case 0 -> {
          int k = zones++;
          double lon = 34.2 + 0.06 * k;
          b.put("id", "z" + k).put("name", "Zone " + k).put("controller", "idf");
          ObjectNode g = b.putObject("geometry");
          g.put("type", "Polygon");
          var ring = g.putArray("coordinates").addArray();
          for (double[] p :
              new double[][] {
                {lon, 31.3}, {lon + 0.05, 31.3}, {lon + 0.05, 31.35}, {lon, 31.35}, {lon, 31.3}
              }) ring.addArray().add(p[0]).add(p[1]);
          submit("cmcc", "zone.defined", b);
        }
        case 1 -> {
          b.put("id", "i" + items++)
              .put("category", rnd.nextBoolean() ? "small-arms" : "tunnel")
              .put("count", 1 + rnd.nextInt(5));
          b.putArray("location").add(34.21 + 0.06 * rnd.nextInt(Math.max(1, zones))).add(31.31);
          submit("idf", "demil.item-reported", b);
        }
        case 2 -> {
          b.put("id", pick("i", items)).put("method", "destroyed");
          b.putArray("evidence").add(World.DIGEST);
          submit("idf", "demil.item-decommissioned", b);
        }
        case 3 -> {
          b.put("id", pick("i", items));
          b.putArray("evidence").add(World.DIGEST);
          submit(rnd.nextBoolean() ? "mon-a" : "mon-b", "demil.item-verified", b);
        }
        case 4 -> {
          b.put("zone", pick("z", zones)).put("criteria", "all items verified");
          b.putArray("evidence").add(World.DIGEST);
          submit("mon-a", "zone.certified", b);
        }
        case 5 -> {
          b.put("id", "inc" + incidents++)
              .put("category", rnd.nextBoolean() ? "ceasefire-violation" : "uxo")
              .put("severity", 1 + rnd.nextInt(5))
              .put("summary", "reported");
          b.putArray("location").add(34.22 + 0.06 * rnd.nextInt(Math.max(1, zones + 1))).add(31.32);
          submit("idf", "incident.reported", b);
        }
        case 6 -> {
          b.put("id", "p" + projects++).put("zone", pick("z", zones)).put("kind", "housing");
          b.putArray("location").add(34.23).add(31.33);
          b.putArray("materials").addObject().put("item", "cement").put("quantity", 500);
          submit("impl", "project.registered", b);
        }
        case 7 -> {
          b.put("id", pick("p", projects)).put("reason", "meets the gate");
          submit("cmcc", "project.approved", b);
        }
        case 8 -> {
          b.put("consignment", "c" + consignments++)
              .put("item", "cement")
              .put("quantity", 100 + rnd.nextInt(400))
              .put("crossing", "kerem")
              .put("to", "wh");
          submit("unops", "material.entered", b);
        }
        case 9 -> {
          b.put("shipment", "s" + shipments++)
              .put("item", "cement")
              .put("quantity", 50 + rnd.nextInt(200))
              .put("from", "wh")
              .put("to", rnd.nextBoolean() ? pick("p", projects) : "wh2");
          submit("unops", "material.transferred", b);
        }
        case 10 -> {
          b.put("shipment", pick("s", shipments)).put("quantity", 50);
          submit(rnd.nextBoolean() ? "unops" : "impl", "material.received", b);
        }
        case 11 -> {
          b.put("require_verified_zone", rnd.nextBoolean())
              .put("min_decommissioned_share", rnd.nextInt(3) * 50);
          submit("cmcc", "policy.gate-set", b);
        }
        case 12, 13 -> retractSomething();
        case 14 -> {
          if (accepted.isEmpty()) return;
          int i = rnd.nextInt(accepted.size());
          String by = rnd.nextBoolean() ? "impl" : "hamas-liaison";
          if (submit(
                  by, "record.disputed", World.dispute(accepted.get(i)[0], "counted differently"))
              instanceof Outcome.Accepted) disputesAccepted++;
        }
        default -> {
          if (accepted.isEmpty()) return;
          int i = rnd.nextInt(accepted.size());
          ObjectNode wb = World.obj().put("index", accepted.get(i)[0]);
          submit(rnd.nextBoolean() ? "impl" : "hamas-liaison", "record.dispute-withdrawn", wb);
        }
      }
    }

    void retractSomething() {
      if (accepted.isEmpty()) return;
      int i = rnd.nextInt(accepted.size());
      String author = authors.get(i);
      // Mostly the author; sometimes another party, which must be refused.
      String by = rnd.nextInt(5) == 0 ? "mon-b" : author;
      long before = w.app.log.size();
      String state = live(w.app);
      Outcome o =
          submit(by, "record.retracted", World.retraction(accepted.get(i)[0], "entered in error"));
      if (o instanceof Outcome.Accepted) {
        assertThat(by).isEqualTo(author);
        retractionsAccepted++;
      } else if (o instanceof Outcome.Rejected r) {
        if (CorrectionRules.RETRACTION_CONFLICTS.equals(r.rejection().rule())) conflicts++;
        if (!by.equals(author))
          assertThat(r.rejection().code()).isIn(ErrorCode.FORBIDDEN, ErrorCode.RULE);
        assertThat(w.app.log.size()).as("a refused retraction appends nothing").isEqualTo(before);
        assertThat(live(w.app)).as("a refused retraction changes no projection").isEqualTo(state);
      }
    }

    void setUp() {
      w.ok(
          "cmcc",
          "material.item-defined",
          World.obj()
              .put("code", "cement")
              .put("name", "Cement")
              .put("unit", "kg")
              .put("dual_use", true));
      ObjectNode n =
          World.obj().put("id", "kerem").put("kind", "crossing").put("name", "Kerem Shalom");
      n.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", n);
      for (String id : List.of("wh", "wh2")) {
        ObjectNode h =
            World.obj().put("id", id).put("kind", "warehouse").put("name", "Warehouse " + id);
        h.putArray("location").add(34.3).add(31.3);
        w.ok("cmcc", "node.defined", h);
      }
    }
  }

  @Test
  void randomSequencesWithRetractions_matchTheNaiveRebuildWithoutTheRetractedEntries() {
    int totalRetractions = 0, totalConflicts = 0, totalDisputes = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Path d = dir.resolve("s" + seed);
      long size;
      String incremental;
      try (World w = new World(d)) {
        Randomised r = new Randomised(w, seed);
        r.setUp();
        List<Long> checkpoints = new ArrayList<>();
        for (int step = 0; step < 260; step++) {
          r.step();
          if (step % 40 == 39) {
            long n = w.app.log.size();
            assertThat(live(w.app))
                .as("seed %d, size %d: incremental state against the naive rebuild", seed, n)
                .isEqualTo(reference(w.app, n));
            checkpoints.add(n);
          }
        }
        size = w.app.log.size();
        incremental = live(w.app);
        assertThat(incremental).isEqualTo(reference(w.app, size));
        for (long n : checkpoints)
          assertThat(asOf(w.app, n))
              .as("seed %d: the view as of size %d", seed, n)
              .isEqualTo(reference(w.app, n));
        totalRetractions += r.retractionsAccepted;
        totalConflicts += r.conflicts;
        totalDisputes += r.disputesAccepted;
      }
      try (App reopened =
          App.open(d, null, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), null)) {
        assertThat(reopened.log.size()).isEqualTo(size);
        assertThat(live(reopened))
            .as("seed %d: rebuilding from the log equals the incremental state", seed)
            .isEqualTo(incremental);
      }
    }
    // The sequences must exercise what they claim to.
    assertThat(totalRetractions).isGreaterThanOrEqualTo(10);
    assertThat(totalConflicts).isGreaterThanOrEqualTo(3);
    assertThat(totalDisputes).isGreaterThanOrEqualTo(5);
  }
}
