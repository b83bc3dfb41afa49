package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.stabilis.testing.SnapshotCut;
import org.stabilis.testing.World;

class MaterialSnapshotTest {

  /** Every answer the materials views give, as text. */
  static String views(MaterialProjection m) {
    Ledger l = m.ledger();
    StringBuilder sb = new StringBuilder();
    sb.append(m.history()).append('\n');
    sb.append(l.items()).append('\n').append(l.nodes()).append('\n');
    for (Fact.Node n : l.nodes())
      if (n.gln() != null) sb.append(n.gln()).append("→").append(l.nodeByGln(n.gln())).append(' ');
    for (Fact.Item i : l.items())
      if (i.gtin() != null)
        sb.append(i.gtin()).append("→").append(l.itemByGtin(i.gtin())).append(' ');
    sb.append('\n').append(m.shipments()).append('\n');
    sb.append(l.balances(null, null)).append('\n');
    Instant latest = m.latestTime();
    sb.append(m.movements()).append(' ').append(latest).append('\n');
    sb.append(l.alerts(null)).append('\n');
    if (latest != null) {
      sb.append(l.alerts(latest)).append('\n');
      sb.append(l.alerts(latest.plus(Duration.ofDays(30)))).append('\n');
    }
    sb.append(MaterialRoutes.traceJson(m.traces())).append('\n');
    List<Applied> movements = new ArrayList<>();
    for (Applied a : m.history())
      if (!(a.fact() instanceof Fact.Item
          || a.fact() instanceof Fact.Node
          || a.fact() instanceof Fact.Inspected)) movements.add(a);
    sb.append(Epcis.queryDocument(movements, l, latest == null ? Instant.EPOCH : latest, null))
        .append('\n');
    List<Applied> h = m.history();
    for (int k : new int[] {0, h.size() / 3, h.size() / 2, h.size() - 1})
      if (k >= 0 && k < h.size()) {
        Ledger past = m.asOf(h.get(k).index());
        sb.append(past.balances(null, null)).append(past.alerts(latest)).append('\n');
      }
    return sb.toString();
  }

  private static int[] cuts(int size) {
    return new int[] {
      0, 1, size / 5, size / 3, size / 2, 2 * size / 3, 4 * size / 5, size - 1, size
    };
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
    MaterialProjection full =
        new SnapshotCut.Stack().fold(log, 0, log.size()).module(MaterialProjection.class);
    assertThat(full.history()).as("the demo moves materials").hasSizeGreaterThan(40);
    assertThat(full.history()).anyMatch(a -> a.epcisId() != null);
    assertThat(full.ledger().alerts(full.latestTime())).hasSizeGreaterThanOrEqualTo(5);
    SnapshotCut.check(
        log, List.of(), cuts(log.size()), MaterialProjection.class, MaterialSnapshotTest::views);
  }

  @Test
  void randomMovements_refusedOnesAmongThem_restoreToTheFullFold(@TempDir Path dir) {
    for (long seed : new long[] {1, 2, 3}) {
      Generated g;
      try (World w = new World(dir.resolve("w" + seed))) {
        g = generate(w, new Random(seed), 160);
        assertThat(g.refused).as("seed " + seed + " has refused events").hasSizeGreaterThan(10);
        List<Entry> log = SnapshotCut.entries(w.app);
        MaterialProjection full =
            new SnapshotCut.Stack().fold(log, 0, log.size()).module(MaterialProjection.class);
        assertThat(views(full))
            .as("the harness folds as the log does")
            .isEqualTo(w.app.log.read(() -> views(w.app.materials)));
        assertThat(full.ledger().alerts(full.latestTime().plus(Duration.ofDays(10))))
            .extracting(Alert.View::kind)
            .contains("shortfall", "overdue");
        SnapshotCut.check(
            log,
            g.refused,
            cuts(log.size()),
            MaterialProjection.class,
            MaterialSnapshotTest::views);
      }
    }
  }

  @Test
  void bytesItDidNotWrite_areRefused_andLeaveItAsIfReset(@TempDir Path dir) {
    try (World w = new World(dir)) {
      generate(w, new Random(9), 60);
      List<Entry> log = SnapshotCut.entries(w.app);
      byte[] good =
          new SnapshotCut.Stack().fold(log, 0, log.size()).module(MaterialProjection.class).save();
      String text = new String(good, StandardCharsets.UTF_8);
      SnapshotCut.refusesForeign(
          log,
          MaterialProjection.class,
          MaterialSnapshotTest::views,
          "{\"format\":1,\"tasks\":[],\"pledges\":[]}".getBytes(StandardCharsets.UTF_8));
      // Well-formed states whose facts do not fold: a fact kind that does not exist, a quantity
      // that is not a number, a time that is not one, the first fact twice, a transfer of more than
      // the stock holds.
      int t = text.indexOf("\"kind\":\"transferred\"");
      int q = text.indexOf("\"quantity\":", t);
      String overdrawn =
          text.substring(0, q) + "\"quantity\":999999999999" + text.substring(text.indexOf(',', q));
      int first = text.indexOf("{\"index\"");
      String firstFact = text.substring(first, text.indexOf("},{\"index\"", first) + 1);
      for (String bad :
          List.of(
              text.replaceAll("\"kind\":\"item\"", "\"kind\":\"tool\""),
              text.replaceFirst("\"quantity\":([0-9]+)", "\"quantity\":\"many\""),
              text.replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"yesterday\""),
              text.replace(firstFact, firstFact + "," + firstFact),
              overdrawn)) {
        assertThat(bad).isNotEqualTo(text);
        MaterialProjection m =
            new SnapshotCut.Stack().fold(log, 0, log.size()).module(MaterialProjection.class);
        assertThatThrownBy(() -> m.restore(bad.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(m.history()).isEmpty();
        assertThat(m.movements()).isZero();
        assertThat(m.latestTime()).isNull();
        assertThat(m.traces()).isEmpty();
      }
    }
  }

  // ---- a generator of materials logs -------------------------------------------------------

  record Generated(List<Event> refused) {}

  private static final String[] ITEMS = {"cement", "pipes", "tents"};
  private static final String[] HOLDERS = {"wh-a", "wh-b", "water-1", "shelter-1"};

  /**
   * Sets up a catalogue, nodes and two approved projects, then submits {@code steps} random
   * materials events; about one in four is refused (stock too low, unknown shipment, repeated
   * consignment, wrong party). Returns the refused ones, as events to decide on.
   */
  static Generated generate(World w, Random r, int steps) {
    w.zone("khan-younis", 34.28, 31.33);
    w.ok(
        "cmcc",
        "policy.gate-set",
        World.obj().put("require_verified_zone", false).put("min_decommissioned_share", 0));
    item(w, "cement", "kg", true, "09506000134352");
    item(w, "pipes", "m", true, null);
    item(w, "tents", "piece", false, null);
    node(w, "kerem", "crossing", null);
    node(w, "wh-a", "warehouse", "0614141000012");
    node(w, "wh-b", "warehouse", null);
    project(w, "water-1", 40_000, 800);
    project(w, "shelter-1", 20_000, 300);
    List<Event> refused = new ArrayList<>();
    List<String[]> entered = new ArrayList<>(); // consignment, item
    List<Object[]> inTransit = new ArrayList<>(); // shipment, quantity
    int consignments = 0, shipments = 0, finds = 0, captures = 0;
    for (int step = 0; step < steps; step++) {
      if (r.nextInt(6) == 0) w.advance(Duration.ofHours(r.nextInt(40)));
      String item = ITEMS[r.nextInt(ITEMS.length)];
      int kind = r.nextInt(12);
      String party;
      String type;
      Object[] receiving = null;
      String[] entering = null;
      String shipping = null;
      ObjectNode b = World.obj();
      switch (kind) {
        case 0, 1 -> {
          party = r.nextInt(8) == 0 ? "impl" : "unops";
          type = "material.entered";
          String c =
              r.nextInt(8) == 0 && consignments > 0
                  ? "c-" + r.nextInt(consignments)
                  : "c-" + consignments++;
          b.put("consignment", c).put("item", item).put("quantity", 1 + r.nextInt(8_000));
          b.put("crossing", "kerem").put("to", r.nextBoolean() ? "wh-a" : "wh-b");
          entering = new String[] {c, item};
        }
        case 2, 3 -> {
          party = "unops";
          type = "material.transferred";
          String s =
              r.nextInt(10) == 0 && shipments > 0
                  ? "s-" + r.nextInt(shipments)
                  : "s-" + shipments++;
          String from = HOLDERS[r.nextInt(2)];
          String to = HOLDERS[r.nextInt(HOLDERS.length)];
          long q = share(r, stock(w, from, item));
          b.put("shipment", s).put("item", item).put("quantity", q).put("from", from).put("to", to);
          shipping = s;
        }
        case 4, 5 -> {
          party = r.nextInt(8) == 0 ? "impl" : "unops";
          type = "material.received";
          if (inTransit.isEmpty() || r.nextInt(10) == 0) {
            b.put("shipment", "s-" + r.nextInt(shipments + 1)).put("quantity", 1);
          } else {
            receiving = inTransit.get(r.nextInt(inTransit.size()));
            long q = (long) receiving[1];
            long got =
                switch (r.nextInt(5)) {
                  case 0 -> q - 1 - r.nextInt((int) Math.max(1, q / 4));
                  case 1 -> q + 1;
                  default -> q;
                };
            b.put("shipment", (String) receiving[0]).put("quantity", Math.max(1, got));
          }
        }
        case 6 -> {
          party = r.nextInt(8) == 0 ? "unops" : "impl";
          type = "material.consumed";
          String project = HOLDERS[2 + r.nextInt(2)];
          b.put("project", project).put("item", item);
          b.put("quantity", share(r, stock(w, project, item))).put("progress", r.nextInt(101));
        }
        case 7 -> {
          party = r.nextBoolean() ? "unops" : "impl";
          type = "material.loss-reported";
          String at = HOLDERS[r.nextInt(HOLDERS.length)];
          b.put("at", at).put("item", item).put("cause", "damaged");
          if (r.nextBoolean() && !inTransit.isEmpty()) {
            Object[] s = inTransit.get(r.nextInt(inTransit.size()));
            b.put("shipment", (String) s[0]).put("quantity", 1 + r.nextInt(50));
          } else b.put("quantity", share(r, stock(w, at, item)) / 3 + 1);
        }
        case 8 -> {
          party = r.nextInt(6) == 0 ? "unops" : "mon-a";
          type = "inspection.recorded";
          b.put("project", HOLDERS[2 + r.nextInt(2)]).put("progress", r.nextInt(101));
          b.putArray("evidence").add(World.DIGEST);
        }
        case 9 -> {
          party = "idf";
          type = "demil.item-reported";
          b.put("id", "find-" + finds++).put("category", "rockets").put("count", 1 + r.nextInt(4));
          b.putArray("location").add(34.30).add(31.34);
          String[] c =
              entered.isEmpty() || r.nextInt(4) == 0
                  ? new String[] {"c-" + consignments, item}
                  : entered.get(r.nextInt(entered.size()));
          b.putArray("traced").addObject().put("item", c[1]).put("consignment", c[0]);
        }
        default -> {
          party = "unops";
          type = "epcis.capture";
          b = capture(r, "cap-" + captures++, item, 1 + r.nextInt(5_000));
        }
      }
      Outcome o = w.submit(party, type, b);
      if (o instanceof Outcome.Rejected)
        refused.add(new Event(type, party, party + "-1", 0, w.now(), b, b));
      else {
        if (entering != null) entered.add(entering);
        if (shipping != null) inTransit.add(new Object[] {shipping, b.get("quantity").asLong()});
        if (receiving != null) inTransit.remove(receiving);
      }
    }
    return new Generated(refused);
  }

  private static long stock(World w, String holder, String item) {
    return w.app.log.read(() -> w.app.materials.ledger().stock(holder, item));
  }

  /** Mostly part of {@code stock}, sometimes all of it, sometimes more (refused). */
  private static long share(Random r, long stock) {
    return switch (r.nextInt(6)) {
      case 0 -> stock + 1 + r.nextInt(100);
      case 1 -> Math.max(1, stock);
      default -> 1 + (stock <= 1 ? 0 : r.nextLong(stock / 2 + 1));
    };
  }

  /**
   * An EPCIS 2.0 document of one ObjectEvent entering goods, naming the node and item either by
   * Stabilis URN or by their GS1 keys (SGLN of wh-a's GLN, Digital Link of cement's GTIN).
   */
  private static ObjectNode capture(Random r, String id, String item, long q) {
    ObjectNode d = World.obj();
    ArrayNode ctx = d.putArray("@context");
    ctx.add(Epcis.CONTEXT);
    ctx.addObject().put(Epcis.EXT_PREFIX, Epcis.EXT_NS);
    d.put("type", "EPCISDocument")
        .put("schemaVersion", "2.0")
        .put("creationDate", "2026-05-01T12:00:00Z");
    ObjectNode e = d.putObject("epcisBody").putArray("eventList").addObject();
    boolean gs1 = r.nextBoolean();
    e.put("type", "ObjectEvent")
        .put("eventID", "urn:stabilis:test:" + id)
        .put("eventTime", "2026-05-01T10:30:00+02:00")
        .put("eventTimeZoneOffset", "+02:00")
        .put("action", "ADD")
        .put("bizStep", "entering_exiting");
    e.putObject("readPoint").put("id", "urn:stabilis:node:kerem");
    e.putArray("quantityList")
        .addObject()
        .put(
            "epcClass",
            gs1 && item.equals("cement")
                ? "https://id.gs1.org/01/09506000134352"
                : "urn:stabilis:item:" + item)
        .put("quantity", q)
        .put("uom", item.equals("cement") ? "KGM" : item.equals("pipes") ? "MTR" : "H87");
    e.putArray("bizTransactionList")
        .addObject()
        .put("type", "desadv")
        .put("bizTransaction", "urn:stabilis:shipment:" + id);
    e.putArray("destinationList")
        .addObject()
        .put("type", "location")
        .put("destination", gs1 ? "urn:epc:id:sgln:0614141.00001.0" : "urn:stabilis:node:wh-b");
    return d;
  }

  private static void item(World w, String code, String unit, boolean dualUse, String gtin) {
    ObjectNode b =
        World.obj().put("code", code).put("name", code).put("unit", unit).put("dual_use", dualUse);
    if (gtin != null) b.put("gtin", gtin);
    w.ok("cmcc", "material.item-defined", b);
  }

  private static void node(World w, String id, String kind, String gln) {
    ObjectNode b = World.obj().put("id", id).put("kind", kind).put("name", id);
    b.putArray("location").add(34.27).add(31.22);
    if (gln != null) b.put("gln", gln);
    w.ok("cmcc", "node.defined", b);
  }

  private static void project(World w, String id, long cement, long pipes) {
    ObjectNode p =
        World.obj().put("id", id).put("zone", "khan-younis").put("kind", "water-network");
    p.putArray("location").add(34.30).add(31.35);
    ArrayNode m = p.putArray("materials");
    m.addObject().put("item", "pipes").put("quantity", pipes);
    m.addObject().put("item", "cement").put("quantity", cement);
    m.addObject().put("item", "tents").put("quantity", 50);
    w.ok("impl", "project.registered", p);
    w.ok("cmcc", "project.approved", World.obj().put("id", id).put("reason", "gate holds"));
  }
}
