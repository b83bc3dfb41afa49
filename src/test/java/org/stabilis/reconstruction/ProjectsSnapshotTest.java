package org.stabilis.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.testing.SnapshotCheck.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Projection;
import org.stabilis.log.Rejection;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.party.PartyRegistry;
import org.stabilis.testing.DemoLog;
import org.stabilis.testing.SnapshotCheck;
import org.stabilis.testing.ZoneEvents;
import org.stabilis.zone.ZoneBook;

class ProjectsSnapshotTest {

  static final List<String> ITEMS = List.of("cement", "steel-bar", "pipes", "unknown-item");

  /**
   * The catalogue's item codes, as the material ledger answers whether one is defined: folded
   * beside the projects, not restored.
   */
  static final class ItemCodes implements Projection {
    final Set<String> codes = new HashSet<>();

    @Override
    public Rejection decide(Event e) {
      return null;
    }

    @Override
    public void evolve(Entry entry) {
      if (entry.event().type().equals("material.item-defined"))
        codes.add(entry.event().text("code"));
    }

    @Override
    public void reset() {
      codes.clear();
    }
  }

  static Supplier<SnapshotCheck.Wiring> alone() {
    return () -> {
      ZoneBook z = new ZoneBook(ZoneEvents.PARTIES::contains);
      ItemCodes items = new ItemCodes();
      return wiring(List.of(z, items, new Projects(z, items.codes::contains)));
    };
  }

  static SnapshotCheck.Wiring wiring(List<Projection> all) {
    ZoneBook z = (ZoneBook) all.stream().filter(p -> p instanceof ZoneBook).findFirst().get();
    Projects p = (Projects) all.getLast();
    return new SnapshotCheck.Wiring() {
      @Override
      public List<Projection> projections() {
        return all;
      }

      @Override
      public List<Snapshotting> snapshotted() {
        return List.of(z, p);
      }

      @Override
      public String views(long size) {
        return ProjectsSnapshotTest.views(p);
      }
    };
  }

  /** Every project with its gate state, and what materials read of each. */
  static String views(Projects ps) {
    StringBuilder sb = new StringBuilder();
    for (Projects.Project p : ps.all())
      sb.append(p)
          .append(' ')
          .append(ps.gateState(p).wire())
          .append(' ')
          .append(ps.project(p.id()))
          .append(ps.get(p.id()))
          .append(ps.frozen(p.id()))
          .append('\n');
    for (int k = 0; k < 50; k++) sb.append(ps.project("p" + k)).append(ps.frozen("p" + k));
    return sb.toString();
  }

  @Test
  void theDemoScenario_cutAnywhere_restoresToTheSameProjectsAndDecisions() {
    List<Event> demo = DemoLog.events();
    Supplier<SnapshotCheck.Wiring> fresh =
        () -> {
          PartyRegistry parties = new PartyRegistry(new EventCatalogue());
          ZoneBook z = new ZoneBook(id -> parties.party(id) != null);
          ItemCodes items = new ItemCodes();
          return wiring(List.of(parties, z, items, new Projects(z, items.codes::contains)));
        };
    List<Integer> cuts = new ArrayList<>();
    for (int k = 0; k <= demo.size(); k += Math.max(1, demo.size() / 8)) cuts.add(k);
    List<Event> probes = new ArrayList<>();
    for (Event e : demo) if (e.type().startsWith("project.")) probes.add(e);
    SnapshotCheck.Run run = SnapshotCheck.check(fresh, demo, probes, cuts);
    assertThat(run.refused()).isZero();
    assertThat(probes).hasSizeGreaterThan(3);
  }

  /** Zone-book events with catalogue items and projects registered, approved and rejected. */
  static List<Event> sequence(Random rnd, int n) {
    ZoneEvents g = new ZoneEvents(rnd);
    List<Event> out = new ArrayList<>();
    ObjectNode gate = StrictJson.mapper().createObjectNode();
    gate.put("require_verified_zone", false).put("min_decommissioned_share", 0);
    gate.putArray("exempt_kinds").add("temporary-shelter");
    out.add(event("policy.gate-set", "cmcc", g.now, gate));
    // Twelve zones and two catalogue items to start with, so most registrations can hold.
    for (int c = 0; c < 12; c++) {
      ObjectNode z = StrictJson.mapper().createObjectNode();
      z.put("id", "z" + c).put("name", "Zone " + c).put("controller", "idf");
      ObjectNode geom = z.putObject("geometry").put("type", "Polygon");
      ZoneEvents.ring(
          geom.putArray("coordinates"), g.lon0(c), g.lat0(c), g.lon0(c) + 0.04, g.lat0(c) + 0.04);
      out.add(event("zone.defined", "cmcc", g.now, z));
    }
    g.cells = 12;
    for (String code : List.of("cement", "steel-bar")) {
      ObjectNode i = StrictJson.mapper().createObjectNode();
      i.put("code", code).put("name", code).put("unit", "kg").put("dual_use", true);
      out.add(event("material.item-defined", "cmcc", g.now, i));
    }
    int projects = 0;
    for (int k = 0; k < n; k++) {
      if (rnd.nextInt(5) < 3) {
        Event e = g.next();
        // The gate opens and closes, but stays open to temporary shelters.
        if (e.type().equals("policy.gate-set")) {
          ObjectNode b = e.body().deepCopy();
          b.putArray("exempt_kinds").add("temporary-shelter");
          e = event("policy.gate-set", "cmcc", e.time(), b);
        }
        out.add(e);
        continue;
      }
      g.now = g.now.plusSeconds(60 + rnd.nextInt(3600));
      ObjectNode b = StrictJson.mapper().createObjectNode();
      switch (rnd.nextInt(7)) {
        case 0 -> {
          String code = ITEMS.get(rnd.nextInt(3));
          b.put("code", code).put("name", code).put("unit", "kg").put("dual_use", true);
          out.add(event("material.item-defined", "cmcc", g.now, b));
        }
        case 1, 2 -> {
          String id = rnd.nextInt(8) == 0 ? g.pick("p", projects) : "p" + projects++;
          int cell = rnd.nextInt(12);
          double[] p = rnd.nextInt(6) == 0 ? g.point() : g.pointIn(cell);
          b.put("id", id).put("zone", rnd.nextInt(6) == 0 ? g.zone() : "z" + cell);
          b.putArray("location").add(p[0]).add(p[1]);
          b.put("kind", rnd.nextBoolean() ? "temporary-shelter" : "housing");
          if (rnd.nextBoolean()) b.put("name", "Project " + id);
          ArrayNode m = b.putArray("materials");
          for (int i = rnd.nextInt(4); i > 0; i--)
            m.addObject()
                .put("item", ITEMS.get(rnd.nextInt(ITEMS.size())))
                .put("quantity", 1 + rnd.nextInt(900));
          out.add(
              rnd.nextInt(3) == 0
                  ? event("project.registered", "impl", g.now, b, "location")
                  : event("project.registered", "impl", g.now, b));
        }
        case 3, 4 -> {
          b.put("id", "p" + rnd.nextInt(Math.max(1, projects))).put("reason", "meets the gate");
          out.add(event("project.approved", "cmcc", g.now, b));
        }
        case 5 -> { // freezes the zone's approved projects
          b.put("zone", g.zone()).put("reason", "rearmament reported");
          out.add(event("zone.suspended", "cmcc", g.now, b));
        }
        default -> {
          b.put("id", g.pick("p", projects)).put("reason", "withdrawn by the implementer");
          out.add(event("project.rejected", "cmcc", g.now, b));
        }
      }
    }
    return out;
  }

  /** Approvals of every project the sequences name: the gate's answers at each cut. */
  static List<Event> probes(java.time.Instant t) {
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      ObjectNode b = StrictJson.mapper().createObjectNode().put("id", "p" + k).put("reason", "r");
      out.add(event("project.approved", "cmcc", t, b));
      out.add(event("project.rejected", "cmcc", t, b.deepCopy()));
    }
    return out;
  }

  @Test
  void randomSequencesWithRefusals_cutAnywhere_restoreToTheSameProjectsAndDecisions() {
    int approved = 0, frozen = 0, refused = 0, concealed = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Event> events = sequence(rnd, 320);
      List<Integer> cuts = new ArrayList<>(List.of(0, events.size()));
      for (int i = 0; i < 6; i++) cuts.add(rnd.nextInt(events.size()));
      SnapshotCheck.Run run =
          SnapshotCheck.check(alone(), events, probes(events.getLast().time()), cuts);
      refused += run.refused();
      Projects ps = (Projects) fold(events).snapshotted().get(1);
      for (Projects.Project p : ps.all()) {
        if (p.approvedAt() >= 0) approved++;
        if (ps.gateState(p) == Projects.GateState.FROZEN) frozen++;
        if (p.registration().any()) concealed++;
      }
    }
    assertThat(refused).isGreaterThan(100);
    assertThat(approved).isGreaterThan(3);
    assertThat(frozen).isGreaterThan(0);
    assertThat(concealed).isGreaterThan(3);
  }

  static SnapshotCheck.Wiring fold(List<Event> events) {
    SnapshotCheck.Wiring w = alone().get();
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
  void bytesThisCodeDidNotWrite_areRefused_andLeaveNoProjects() {
    byte[] good = fold(sequence(new Random(7), 300)).snapshotted().get(1).save();
    List<byte[]> bad = new ArrayList<>(SnapshotCheck.notSnapshots(good));
    bad.add(SnapshotCheck.edit(good, Projects.State.FORMAT, "stabilis.projects/2"));
    bad.add(SnapshotCheck.edit(good, "\"decision\":\"", "\"decision\":\"MAYBE"));
    bad.add(SnapshotCheck.edit(good, "\"registeredTime\":\"", "\"registeredTime\":\"soon"));
    bad.add(
        SnapshotCheck.edit(
            good, "\"materials\":[", "\"materials\":[{\"item\":null,\"quantity\":1},"));
    bad.add(
        SnapshotCheck.edit(
            good, "\"decidedTime\":null", "\"decidedTime\":\"2026-05-01T08:00:00Z\""));
    bad.add(SnapshotCheck.edit(good, "\"projects\":[", "\"projects\":[{\"id\":\"x\"},"));
    bad.add(new ZoneBook(p -> true).save());
    SnapshotCheck.refuses(alone(), 1, good, bad);
  }
}
