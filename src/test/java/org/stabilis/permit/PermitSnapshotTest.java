package org.stabilis.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Outcome;
import org.stabilis.testing.SnapshotCut;
import org.stabilis.testing.World;

class PermitSnapshotTest {

  /** Every answer the permit views give, as text: the queue, its CSV and the aggregates. */
  static String views(Permits p) {
    StringBuilder sb = new StringBuilder();
    sb.append(p.required()).append(' ').append(p.decisionDays()).append('\n');
    sb.append(p.permits()).append('\n');
    Instant last = p.permits().isEmpty() ? World.T0 : p.permits().getLast().requested();
    for (Instant t :
        List.of(World.T0, last, last.plus(Duration.ofDays(12)), last.plus(Duration.ofDays(90)))) {
      sb.append(PermitRoutes.queue(p, t)).append('\n');
      sb.append(PermitRoutes.csv(p, t)).append('\n');
      sb.append(PermitStats.of(p, t)).append('\n');
    }
    return sb.toString();
  }

  private static int[] cuts(int size) {
    return new int[] {0, 1, size / 4, size / 2, 3 * size / 4, size - 1, size};
  }

  @Test
  void randomRequestsDecisionsAndEntries_refusedOnesAmongThem_restoreToTheFullFold(
      @TempDir Path dir) {
    for (long seed : new long[] {1, 2, 3}) {
      try (World w = new World(dir.resolve("w" + seed))) {
        List<Event> refused = generate(w, new Random(seed), 150);
        assertThat(refused).as("seed " + seed + " has refused statements").hasSizeGreaterThan(10);
        List<Entry> log = SnapshotCut.entries(w.app);
        Permits full = new SnapshotCut.Stack().fold(log, 0, log.size()).module(Permits.class);
        assertThat(views(full))
            .as("the harness folds as the log does")
            .isEqualTo(w.app.log.read(() -> views(w.app.permits)));
        assertThat(full.permits())
            .anyMatch(p -> Boolean.TRUE.equals(p.approved()) && !p.used().isEmpty())
            .anyMatch(p -> Boolean.FALSE.equals(p.approved()))
            .anyMatch(PermitView.Permit::pending);
        SnapshotCut.check(log, refused, cuts(log.size()), Permits.class, PermitSnapshotTest::views);
      }
    }
  }

  @Test
  void bytesItDidNotWrite_areRefused_andLeaveItAsIfReset(@TempDir Path dir) {
    try (World w = new World(dir)) {
      generate(w, new Random(9), 80);
      List<Entry> log = SnapshotCut.entries(w.app);
      SnapshotCut.refusesForeign(
          log,
          Permits.class,
          PermitSnapshotTest::views,
          "{\"format\":1,\"tasks\":[],\"pledges\":[]}".getBytes(StandardCharsets.UTF_8));
      String text =
          new String(
              new SnapshotCut.Stack().fold(log, 0, log.size()).module(Permits.class).save(),
              StandardCharsets.UTF_8);
      // Well-formed states no fold makes: a decision without its decider, a request twice, a
      // negative decision period, a time that is not one.
      int first = text.indexOf("{\"id\"");
      String permit = text.substring(first, text.indexOf("},{\"id\"", first) + 1);
      for (String bad :
          List.of(
              text.replaceFirst("\"decidedBy\":\"[a-z-]+\"", "\"decidedBy\":null"),
              text.replace(permit, permit + "," + permit),
              text.replaceFirst("\"decisionDays\":[0-9]+", "\"decisionDays\":-3"),
              text.replaceFirst("\"requested\":\"[^\"]+\"", "\"requested\":\"last week\""))) {
        assertThat(bad).isNotEqualTo(text);
        Permits p = new SnapshotCut.Stack().fold(log, 0, log.size()).module(Permits.class);
        assertThatThrownBy(() -> p.restore(bad.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(p.permits()).isEmpty();
        assertThat(p.required()).isFalse();
        assertThat(p.decisionDays()).isZero();
      }
    }
  }

  // ---- a generator of permit logs ------------------------------------------------------------

  private static final String[] ITEMS = {"cement", "pipes", "tents"};

  /**
   * A catalogue with dual-use and other items, then {@code steps} random policy changes, requests,
   * decisions, entries naming permits (or none) and retractions of decisions; some are refused (an
   * id requested twice, an item twice or not in the catalogue, a decision on an unknown or decided
   * request, an entry without an approved permit or beyond it, a retraction an entry relied on).
   * Returns the refused ones.
   */
  static List<Event> generate(World w, Random r, int steps) {
    for (String[] i : new String[][] {{"cement", "true"}, {"pipes", "true"}, {"tents", "false"}})
      w.ok(
          "cmcc",
          "material.item-defined",
          World.obj()
              .put("code", i[0])
              .put("name", i[0])
              .put("unit", "kg")
              .put("dual_use", Boolean.parseBoolean(i[1])));
    for (String[] n : new String[][] {{"kerem", "crossing"}, {"wh", "warehouse"}}) {
      ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
      b.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", b);
    }
    List<Event> refused = new ArrayList<>();
    List<Long> decisions = new ArrayList<>();
    int requests = 0, consignments = 0;
    for (int step = 0; step < steps; step++) {
      if (r.nextInt(5) == 0) w.advance(Duration.ofHours(r.nextInt(24)));
      String party;
      String type;
      ObjectNode b = World.obj();
      int kind = r.nextInt(20);
      if (kind == 0) {
        party = "cmcc";
        type = "policy.permits-set";
        b.put("required_for_dual_use", r.nextInt(3) > 0).put("decision_days", 1 + r.nextInt(3));
      } else if (kind <= 6) {
        party = r.nextBoolean() ? "impl" : "unops";
        type = "permit.requested";
        String id =
            r.nextInt(10) == 0 && requests > 0 ? "pm-" + r.nextInt(requests) : "pm-" + requests++;
        b.put("id", id).put("purpose", "shelter repairs");
        if (r.nextBoolean()) b.put("project", "shelter-" + r.nextInt(3));
        ArrayNode items = b.putArray("items");
        for (int i = 0; i <= r.nextInt(3); i++)
          items
              .addObject()
              .put("item", r.nextInt(15) == 0 ? "steel" : ITEMS[r.nextInt(ITEMS.length)])
              .put("quantity", 100 + r.nextInt(5_000));
      } else if (kind <= 11) {
        party = "cmcc";
        type = "permit.decided";
        b.put("id", "pm-" + r.nextInt(requests + 1));
        b.put("decision", r.nextInt(4) == 0 ? "rejected" : "approved").put("reason", "reviewed");
      } else if (kind == 12 && !decisions.isEmpty()) {
        party = "cmcc";
        type = "record.retracted";
        b = World.retraction(decisions.get(r.nextInt(decisions.size())), "decided in error");
      } else {
        party = "unops";
        type = "material.entered";
        b.put("consignment", "c-" + consignments++).put("item", ITEMS[r.nextInt(ITEMS.length)]);
        b.put("quantity", 1 + r.nextInt(2_000)).put("crossing", "kerem").put("to", "wh");
        if (r.nextInt(5) > 0) b.put("permit", "pm-" + r.nextInt(requests + 1));
      }
      Outcome o = w.submit(party, type, b);
      if (o instanceof Outcome.Rejected)
        refused.add(new Event(type, party, party + "-1", 0, w.now(), b, b));
      else if (o instanceof Outcome.Accepted a && type.equals("permit.decided"))
        decisions.add(a.index());
    }
    return refused;
  }
}
