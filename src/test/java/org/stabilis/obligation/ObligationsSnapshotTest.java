package org.stabilis.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.testing.SnapshotCheck.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Projection;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.party.PartyRegistry;
import org.stabilis.testing.DemoLog;
import org.stabilis.testing.SnapshotCheck;

class ObligationsSnapshotTest {

  static final Set<String> PARTIES = Set.of("cmcc", "idf", "hamas-liaison", "mon-a", "mon-b");
  static final List<String> PARTY_IDS = List.of("idf", "hamas-liaison", "nobody");
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  static final String DIGEST = "d".repeat(64);

  static Supplier<SnapshotCheck.Wiring> alone() {
    return () -> wiring(List.of(new Obligations(PARTIES::contains)));
  }

  static SnapshotCheck.Wiring wiring(List<Projection> all) {
    Obligations o = (Obligations) all.getLast();
    return new SnapshotCheck.Wiring() {
      @Override
      public List<Projection> projections() {
        return all;
      }

      @Override
      public List<Snapshotting> snapshotted() {
        return List.of(o);
      }

      @Override
      public String views(long size) {
        return ObligationsSnapshotTest.views(o);
      }
    };
  }

  /** Phases with their obligations, each obligation's state on several dates, the parties. */
  static String views(Obligations o) {
    StringBuilder sb = new StringBuilder();
    sb.append(o.phases()).append('\n').append(o.obligatedParties()).append('\n');
    for (ObligationView.Phase p : o.phases()) {
      sb.append(p.id()).append(p.complete());
      for (ObligationView.Obligation ob : p.obligations())
        for (String d : List.of("2025-11-01", "2026-05-15", "2026-06-30", "2027-01-01"))
          sb.append(ob.stateOn(LocalDate.parse(d)).wire());
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void theDemoScenario_cutAnywhere_restoresToTheSamePhasesAndDecisions() {
    List<Event> demo = DemoLog.events();
    Supplier<SnapshotCheck.Wiring> fresh =
        () -> {
          PartyRegistry parties = new PartyRegistry(new EventCatalogue());
          return wiring(List.of(parties, new Obligations(id -> parties.party(id) != null)));
        };
    List<Integer> cuts = new ArrayList<>();
    for (int k = 0; k <= demo.size(); k += Math.max(1, demo.size() / 8)) cuts.add(k);
    List<Event> probes = new ArrayList<>();
    for (Event e : demo)
      if (e.type().startsWith("obligation.") || e.type().equals("phase.defined")) probes.add(e);
    SnapshotCheck.Run run = SnapshotCheck.check(fresh, demo, probes, cuts);
    assertThat(run.refused()).isZero();
    assertThat(probes).hasSizeGreaterThan(4);
  }

  /**
   * Phases and obligations defined, reported (sometimes by another party, sometimes before a lower
   * phase is complete) and confirmed; ids sometimes reused or unknown.
   */
  static List<Event> sequence(Random rnd, int n) {
    List<Event> out = new ArrayList<>();
    Instant t = T0;
    int phases = 0, obligations = 0;
    // A first phase done early, so later phases open to reports.
    var m = StrictJson.mapper();
    out.add(
        event(
            "phase.defined",
            "cmcc",
            t,
            m.createObjectNode()
                .put("id", "ph-first")
                .put("order", 1)
                .put("title", "First")
                .put("source", "roadmap")));
    out.add(
        event(
            "obligation.defined",
            "cmcc",
            t,
            m.createObjectNode()
                .put("id", "ob-first")
                .put("phase", "ph-first")
                .put("party", "idf")
                .put("title", "First")
                .put("source", "roadmap")));
    ObjectNode r = m.createObjectNode().put("id", "ob-first").put("note", "done");
    r.putArray("evidence").add(DIGEST);
    out.add(event("obligation.reported", "idf", t, r));
    ObjectNode c = m.createObjectNode().put("id", "ob-first");
    c.putArray("evidence").add(DIGEST);
    out.add(event("obligation.confirmed", "mon-a", t, c));
    for (int k = 0; k < n; k++) {
      t = t.plusSeconds(60 + rnd.nextInt(86_400));
      ObjectNode b = StrictJson.mapper().createObjectNode();
      switch (rnd.nextInt(10)) {
        case 0 -> {
          int p = rnd.nextInt(8) == 0 ? rnd.nextInt(phases + 1) : phases++;
          b.put("id", "ph" + p).put("order", 1 + rnd.nextInt(4)).put("title", "Phase " + p);
          b.put("source", "roadmap, illustrative");
          out.add(event("phase.defined", "cmcc", t, b));
        }
        case 1, 2 -> {
          int o = rnd.nextInt(8) == 0 ? rnd.nextInt(obligations + 1) : obligations++;
          b.put("id", "ob" + o).put("phase", "ph" + rnd.nextInt(phases + 1));
          b.put("party", PARTY_IDS.get(rnd.nextInt(PARTY_IDS.size())))
              .put("title", "Obligation " + o);
          if (rnd.nextBoolean())
            b.put("due", LocalDate.of(2026, 5 + rnd.nextInt(3), 1 + rnd.nextInt(28)).toString());
          if (rnd.nextBoolean()) b.put("measure", "items handed over");
          b.put("source", "roadmap");
          out.add(event("obligation.defined", "cmcc", t, b));
        }
        case 3, 4, 5 -> {
          b.put("id", "ob" + rnd.nextInt(obligations + 1)).put("note", "done as agreed");
          b.putArray("evidence").add(DIGEST);
          out.add(event("obligation.reported", PARTY_IDS.get(rnd.nextInt(2)), t, b));
        }
        default -> {
          b.put("id", "ob" + rnd.nextInt(obligations + 1));
          b.putArray("evidence").add(DIGEST);
          out.add(event("obligation.confirmed", rnd.nextBoolean() ? "mon-a" : "mon-b", t, b));
        }
      }
    }
    return out;
  }

  static List<Event> probes(Instant t) {
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < 30; k++)
      for (String by : List.of("idf", "hamas-liaison")) {
        ObjectNode b = StrictJson.mapper().createObjectNode().put("id", "ob" + k).put("note", "n");
        b.putArray("evidence").add(DIGEST);
        out.add(event("obligation.reported", by, t, b));
        ObjectNode c = StrictJson.mapper().createObjectNode().put("id", "ob" + k);
        c.putArray("evidence").add(DIGEST);
        out.add(event("obligation.confirmed", "mon-a", t, c));
      }
    return out;
  }

  @Test
  void randomSequencesWithRefusals_cutAnywhere_restoreToTheSamePhasesAndDecisions() {
    int refused = 0, confirmed = 0, complete = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Event> events = sequence(rnd, 300);
      List<Integer> cuts = new ArrayList<>(List.of(0, events.size()));
      for (int i = 0; i < 6; i++) cuts.add(rnd.nextInt(events.size()));
      refused +=
          SnapshotCheck.check(alone(), events, probes(events.getLast().time()), cuts).refused();
      Obligations o = (Obligations) fold(events).snapshotted().getFirst();
      for (ObligationView.Phase p : o.phases()) {
        if (p.complete()) complete++;
        confirmed += (int) p.obligations().stream().filter(x -> x.confirmed() != null).count();
      }
    }
    assertThat(refused).isGreaterThan(100);
    assertThat(confirmed).isGreaterThan(10);
    assertThat(complete).isGreaterThan(0);
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
  void bytesThisCodeDidNotWrite_areRefused_andLeaveNoPhases() {
    byte[] good = fold(sequence(new Random(3), 300)).snapshotted().getFirst().save();
    List<byte[]> bad = new ArrayList<>(SnapshotCheck.notSnapshots(good));
    bad.add(SnapshotCheck.edit(good, Obligations.State.FORMAT, "stabilis.obligations/9"));
    bad.add(SnapshotCheck.edit(good, "\"due\":\"", "\"due\":\"someday"));
    bad.add(SnapshotCheck.edit(good, "\"phase\":\"", "\"phase\":\"undefined-"));
    bad.add(
        SnapshotCheck.edit(
            good,
            "\"reported\":null,\"confirmed\":null",
            "\"reported\":null,\"confirmed\":{\"party\":\"mon-a\",\"evidence\":[],\"note\":null,\"index\":1,\"time\":\"2026-05-01T08:00:00Z\"}"));
    bad.add(
        SnapshotCheck.edit(
            good,
            "\"phases\":[",
            "\"phases\":[{\"id\":null,\"order\":1,\"title\":\"t\",\"source\":\"s\",\"index\":0},"));
    SnapshotCheck.refuses(alone(), 0, good, bad);
  }
}
