package org.stabilis.force;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.SnapshotCut;
import org.stabilis.testing.World;

class ForceSnapshotTest {

  private static final List<LocalDate> DATES =
      List.of(
          LocalDate.parse("2025-10-01"),
          LocalDate.parse("2026-01-15"),
          LocalDate.parse("2027-01-01"));

  /** Every answer the force views give, as text: what the routes and the coverage solver read. */
  static String views(ForceProjection f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.tasks()).append('\n').append(f.activePledges()).append('\n');
    sb.append(f.histories()).append('\n').append(f.pledgeIds()).append('\n');
    for (String id : f.pledgeIds())
      sb.append(id).append(f.withdrawn(id) ? " withdrawn " : " active ");
    for (Task t : f.tasks()) sb.append(f.task(t.id()) == t);
    ArrayNode pledges = StrictJson.mapper().createArrayNode();
    for (Pledge p : f.activePledges()) ForceRoutes.pledgeJson(pledges.addObject(), p);
    sb.append('\n').append(pledges).append('\n');
    for (Pledge p : f.activePledges())
      for (Task t : f.tasks())
        for (LocalDate d : DATES) sb.append(Eligibility.exclusion(p, t, d)).append('\n');
    return sb.toString();
  }

  private static int[] cuts(int size) {
    return new int[] {0, 1, size / 4, size / 2, 3 * size / 4, size - 1, size};
  }

  @Test
  void theDemo_cutAnywhere_restoresToTheFullFold_andDecidesAlike(@TempDir Path dir)
      throws Exception {
    var loaded =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    List<Entry> log;
    try (var app = loaded.app()) {
      log = SnapshotCut.entries(app);
    }
    ForceProjection full =
        new SnapshotCut.Stack().fold(log, 0, log.size()).module(ForceProjection.class);
    assertThat(full.tasks()).as("the demo defines the mandate").hasSizeGreaterThan(3);
    assertThat(full.activePledges()).hasSizeGreaterThan(3);
    SnapshotCut.check(
        log, List.of(), cuts(log.size()), ForceProjection.class, ForceSnapshotTest::views);
  }

  @Test
  void randomPledging_refusedStatementsAmongThem_restoresToTheFullFold(@TempDir Path dir) {
    for (long seed : new long[] {1, 2, 3}) {
      try (World w = new World(dir.resolve("w" + seed))) {
        List<Event> refused = generate(w, new Random(seed), 150);
        assertThat(refused).as("seed " + seed + " has refused statements").hasSizeGreaterThan(10);
        List<Entry> log = SnapshotCut.entries(w.app);
        ForceProjection full =
            new SnapshotCut.Stack().fold(log, 0, log.size()).module(ForceProjection.class);
        assertThat(views(full))
            .as("the harness folds as the log does")
            .isEqualTo(w.app.log.read(() -> views(w.app.force)));
        assertThat(full.histories().values())
            .as("pledges amended and withdrawn")
            .anyMatch(h -> h.size() > 2)
            .anyMatch(h -> h.getLast().type().equals("pledge.withdrawn"));
        SnapshotCut.check(
            log, refused, cuts(log.size()), ForceProjection.class, ForceSnapshotTest::views);
      }
    }
  }

  @Test
  void bytesItDidNotWrite_areRefused_andLeaveItAsIfReset(@TempDir Path dir) {
    try (World w = new World(dir)) {
      generate(w, new Random(9), 60);
      List<Entry> log = SnapshotCut.entries(w.app);
      SnapshotCut.refusesForeign(
          log,
          ForceProjection.class,
          ForceSnapshotTest::views,
          "{\"format\":1,\"history\":[],\"traced\":[]}".getBytes(StandardCharsets.UTF_8));
      String text =
          new String(
              new SnapshotCut.Stack().fold(log, 0, log.size()).module(ForceProjection.class).save(),
              StandardCharsets.UTF_8);
      // Well-formed states no fold makes: an unknown readiness or capability, a history that does
      // not start with the pledge made, a task twice.
      int firstTask = text.indexOf("{\"id\"");
      String task = text.substring(firstTask, text.indexOf("},{\"id\"", firstTask) + 1);
      for (String bad :
          List.of(
              text.replaceFirst("\"readiness\":\"[a-z]+\"", "\"readiness\":\"eager\""),
              text.replaceFirst("\"capability\":\"[a-z-]+\"", "\"capability\":\"cavalry\""),
              text.replaceFirst("\"type\":\"pledge.made\"", "\"type\":\"pledge.amended\""),
              text.replace(task, task + "," + task),
              text.replaceFirst("\"availableFrom\":\"[^\"]+\"", "\"availableFrom\":\"soon\""))) {
        assertThat(bad).isNotEqualTo(text);
        ForceProjection f =
            new SnapshotCut.Stack().fold(log, 0, log.size()).module(ForceProjection.class);
        assertThatThrownBy(() -> f.restore(bad.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(f.tasks()).isEmpty();
        assertThat(f.pledgeIds()).isEmpty();
      }
    }
  }

  @Test
  void caveats_iterateInTheOrderStated() {
    var c = Pledge.caveats(List.of("t-9", "t-1", "t-5", "t-3"), List.of("z-b", "z-a"), false);
    assertThat(c.excludedTasks()).containsExactly("t-9", "t-1", "t-5", "t-3");
    assertThat(c.excludedZones()).containsExactly("z-b", "z-a");
  }

  // ---- a generator of force logs -------------------------------------------------------------

  private static final String[] CAPABILITIES = {
    "infantry", "engineering", "eod", "medical", "logistics"
  };
  private static final String[] STATES = {"state-a", "state-b", "state-c"};

  /**
   * Zones, then {@code steps} random tasks, pledges, amendments and withdrawals; some are refused
   * (a task or pledge id used again, a caveat naming an unknown task or zone, an unknown fallback
   * party, another state's pledge amended, a withdrawn pledge amended). Returns the refused ones.
   */
  static List<Event> generate(World w, Random r, int steps) {
    for (String s : STATES) w.party(s, "contributor");
    for (int z = 0; z < 4; z++) w.zone("z-" + z, 34.2 + z * 0.06, 31.3);
    List<Event> refused = new ArrayList<>();
    List<String[]> pledges = new ArrayList<>(); // id, party
    int tasks = 0, made = 0;
    for (int step = 0; step < steps; step++) {
      String party;
      String type;
      ObjectNode b = World.obj();
      int kind = r.nextInt(8);
      if (kind == 0 || tasks == 0) {
        party = "cmcc";
        type = "mandate.task-defined";
        String id = r.nextInt(8) == 0 && tasks > 0 ? "t-" + r.nextInt(tasks) : "t-" + tasks++;
        b.put("id", id).put("title", "Task " + id).put("source", "mandate para " + r.nextInt(20));
        ArrayNode reqs = b.putArray("requirements");
        for (int i = 0; i <= r.nextInt(3); i++)
          reqs.addObject()
              .put("capability", CAPABILITIES[r.nextInt(CAPABILITIES.length)])
              .put("units", 1 + r.nextInt(5));
        ArrayNode zones = b.putArray("zones");
        for (int i = 0; i < r.nextInt(3); i++) zones.add("z-" + r.nextInt(5));
        b.put("use_of_force", r.nextBoolean()).put("priority", 1 + r.nextInt(5));
        if (r.nextInt(3) == 0) b.put("fallback_party", r.nextInt(4) == 0 ? "nobody" : "idf");
        if (r.nextBoolean())
          b.put("need_by", LocalDate.parse("2025-11-01").plusDays(r.nextInt(400)).toString());
      } else if (kind <= 3 || pledges.isEmpty()) {
        party = STATES[r.nextInt(STATES.length)];
        type = "pledge.made";
        String id =
            r.nextInt(8) == 0 && made > 0
                ? pledges.get(r.nextInt(pledges.size()))[0]
                : "p-" + made++;
        pledge(b, r, id, tasks);
        if (!(w.submit(party, type, b) instanceof Outcome.Accepted)) {
          refused.add(new Event(type, party, party + "-1", 0, w.now(), b, b));
        } else pledges.add(new String[] {id, party});
        continue;
      } else {
        String[] p = pledges.get(r.nextInt(pledges.size()));
        party = r.nextInt(6) == 0 ? STATES[r.nextInt(STATES.length)] : p[1];
        if (kind <= 6) {
          type = "pledge.amended";
          pledge(b, r, p[0], tasks);
        } else {
          type = "pledge.withdrawn";
          b.put("id", p[0]).put("reason", "unit redeployed");
        }
      }
      if (w.submit(party, type, b) instanceof Outcome.Rejected)
        refused.add(new Event(type, party, party + "-1", 0, w.now(), b, b));
    }
    return refused;
  }

  private static void pledge(ObjectNode b, Random r, String id, int tasks) {
    b.put("id", id)
        .put("unit", "Unit " + id)
        .put("capability", CAPABILITIES[r.nextInt(CAPABILITIES.length)]);
    b.put("personnel", 50 + r.nextInt(900));
    b.put("readiness", new String[] {"registered", "assessed", "ready", "rapid"}[r.nextInt(4)]);
    b.put("available_from", LocalDate.parse("2025-10-15").plusDays(r.nextInt(300)).toString());
    if (r.nextBoolean()) {
      ObjectNode c = b.putObject("caveats");
      ArrayNode et = c.putArray("excluded_tasks");
      for (int i = 0; i < r.nextInt(4); i++) et.add("t-" + r.nextInt(tasks + 1));
      ArrayNode ez = c.putArray("excluded_zones");
      for (int i = 0; i < r.nextInt(4); i++) ez.add("z-" + r.nextInt(5));
      c.put("no_use_of_force", r.nextBoolean());
      if (r.nextBoolean()) c.put("conditions", "only with a lead nation");
    }
    if (r.nextBoolean()) b.put("illustrative", true);
  }
}
