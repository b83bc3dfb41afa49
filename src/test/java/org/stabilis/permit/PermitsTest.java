package org.stabilis.permit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.correction.CorrectionRules;
import org.stabilis.testing.World;

class PermitsTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "cement")
            .put("name", "Cement")
            .put("unit", "kg")
            .put("dual_use", true));
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "tents")
            .put("name", "Tents")
            .put("unit", "piece")
            .put("dual_use", false));
    for (String[] n : new String[][] {{"kerem", "crossing"}, {"wh", "warehouse"}}) {
      ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
      b.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", b);
    }
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  long request(String id, String party, String item, long q) {
    ObjectNode b = World.obj().put("id", id).put("purpose", "shelter repairs");
    b.putArray("items").addObject().put("item", item).put("quantity", q);
    return w.ok(party, "permit.requested", b);
  }

  long decide(String id, String decision) {
    return w.ok(
        "cmcc",
        "permit.decided",
        World.obj().put("id", id).put("decision", decision).put("reason", "reviewed"));
  }

  ObjectNode entry(String consignment, String item, long q, String permit) {
    ObjectNode b =
        World.obj()
            .put("consignment", consignment)
            .put("item", item)
            .put("quantity", q)
            .put("crossing", "kerem")
            .put("to", "wh");
    if (permit != null) b.put("permit", permit);
    return b;
  }

  @Test
  void withoutThePolicy_entriesNeedNoPermit() {
    w.ok("unops", "material.entered", entry("c1", "cement", 1000, null));
  }

  @Test
  void withThePolicy_aDualUseEntryNeedsAnApprovedPermitForThatItem_andCannotExceedIt() {
    w.ok(
        "cmcc",
        "policy.permits-set",
        World.obj().put("required_for_dual_use", true).put("decision_days", 14));
    long size = w.app.log.size();
    assertThat(w.refused("unops", "material.entered", entry("c1", "cement", 100, null)).rule())
        .isEqualTo(PermitRules.NO_PERMIT);
    assertThat(w.app.log.size()).isEqualTo(size);
    w.ok("unops", "material.entered", entry("c2", "tents", 100, null)); // not dual-use
    request("pm-1", "impl", "cement", 1000);
    assertThat(w.refused("unops", "material.entered", entry("c3", "cement", 100, "pm-1")).detail())
        .contains("pending");
    decide("pm-1", "approved");
    w.ok("unops", "material.entered", entry("c3", "cement", 600, "pm-1"));
    var r = w.refused("unops", "material.entered", entry("c4", "cement", 500, "pm-1"));
    assertThat(r.rule()).isEqualTo(PermitRules.PERMIT_EXCEEDED);
    assertThat(r.detail()).contains("allows 400 more");
    w.ok("unops", "material.entered", entry("c4", "cement", 400, "pm-1"));
    request("pm-2", "impl", "cement", 10);
    decide("pm-2", "rejected");
    assertThat(w.refused("unops", "material.entered", entry("c5", "cement", 5, "pm-2")).detail())
        .contains("rejected");
  }

  @Test
  void aDecisionThatAnEntryReliedOn_cannotBeRetracted() {
    w.ok(
        "cmcc",
        "policy.permits-set",
        World.obj().put("required_for_dual_use", true).put("decision_days", 14));
    request("pm-1", "impl", "cement", 1000);
    long decided = decide("pm-1", "approved");
    long entered = w.ok("unops", "material.entered", entry("c1", "cement", 100, "pm-1"));
    var r = w.refused("cmcc", "record.retracted", World.retraction(decided, "decided in error"));
    assertThat(r.rule()).isEqualTo(CorrectionRules.RETRACTION_CONFLICTS);
    assertThat(r.detail()).contains("entry " + entered);
  }

  @Test
  void theQueue_givesAgesAndOverdueRequests_andAggregatesPerPartyAndKind() {
    w.ok(
        "cmcc",
        "policy.permits-set",
        World.obj().put("required_for_dual_use", true).put("decision_days", 14));
    // Decision times for impl/cement: 1, 2, ..., 10 days.
    for (int i = 1; i <= 10; i++) {
      request("r" + i, "impl", "cement", 10);
      w.advance(Duration.ofDays(i));
      decide("r" + i, i % 5 == 0 ? "rejected" : "approved");
      w.advance(Duration.ofDays(-i).minusSeconds(60));
    }
    request("late", "unops", "cement", 5);
    Instant asked = w.now().plus(Duration.ofDays(20));
    List<PermitStats> stats = w.app.log.read(() -> PermitStats.of(w.app.permits, asked));
    PermitStats impl =
        stats.stream().filter(s -> s.party().equals("impl")).findFirst().orElseThrow();
    assertThat(impl.requests()).isEqualTo(10);
    assertThat(impl.approvalRate()).isEqualTo(80.0);
    assertThat(impl.medianDays()).isEqualTo(5.0);
    assertThat(impl.p90Days()).isEqualTo(9.0);
    PermitStats unops =
        stats.stream().filter(s -> s.party().equals("unops")).findFirst().orElseThrow();
    assertThat(unops.pending()).isEqualTo(1);
    assertThat(unops.overdue()).isEqualTo(1);
    assertThat(
            w
                .app
                .log
                .read(() -> PermitStats.of(w.app.permits, w.now().plus(Duration.ofDays(10))))
                .stream()
                .filter(s -> s.party().equals("unops"))
                .findFirst()
                .orElseThrow()
                .overdue())
        .isZero();
    JsonNode q = w.app.log.read(() -> PermitRoutes.queue(w.app.permits, asked));
    JsonNode late = q.path("permits").get(10);
    assertThat(late.path("id").asText()).isEqualTo("late");
    assertThat(late.path("overdue").asBoolean()).isTrue();
    assertThat(late.path("age_days").asDouble()).isEqualTo(20.0);
    String[] csv = w.app.log.read(() -> PermitRoutes.csv(w.app.permits, asked)).split("\r\n");
    assertThat(csv[1]).startsWith("#meta+id,#org+code,#item+code");
    assertThat(csv).hasSize(13);
  }

  @Test
  void observers_readTheAggregates_notTheQueue() throws Exception {
    request("pm-1", "impl", "cement", 1000);
    String token = w.app.tokens.issue("donors", World.T0, new java.security.SecureRandom());
    io.javalin.Javalin web = w.app.web().start("127.0.0.1", 0);
    try {
      var c = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + web.port() + "/api/v1/permits";
      var queue =
          c.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(queue.statusCode()).isEqualTo(403);
      var stats =
          c.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/stats"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.body())
          .contains("\"party\":\"impl\"", "\"kind\":\"cement\"", "\"pending\":1")
          .doesNotContain("shelter repairs");
    } finally {
      web.stop();
    }
  }

  /** An EPCIS 2.0 document of entering_exiting events: {consignment, item, quantity, permit}. */
  static ObjectNode capture(String[]... entries) {
    ObjectNode d = World.obj();
    d.putArray("@context").add("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    d.put("type", "EPCISDocument")
        .put("schemaVersion", "2.0")
        .put("creationDate", "2026-05-01T09:00:00Z");
    var list = d.putObject("epcisBody").putArray("eventList");
    int n = 0;
    for (String[] e : entries) {
      ObjectNode ev = list.addObject();
      ev.put("type", "ObjectEvent")
          .put("eventID", "ev-" + n++)
          .put("eventTime", "2026-05-01T09:00:00Z")
          .put("eventTimeZoneOffset", "+00:00")
          .put("action", "ADD")
          .put("bizStep", "entering_exiting");
      ev.putObject("readPoint").put("id", "urn:stabilis:node:kerem");
      ev.putArray("quantityList")
          .addObject()
          .put("epcClass", "urn:stabilis:item:" + e[1])
          .put("quantity", Long.parseLong(e[2]))
          .put("uom", e[1].equals("cement") ? "KGM" : "H87");
      var tx = ev.putArray("bizTransactionList");
      // The permit first: the consignment is the entry that is not a permit.
      if (e[3] != null) tx.addObject().put("bizTransaction", "urn:stabilis:permit:" + e[3]);
      tx.addObject().put("type", "desadv").put("bizTransaction", "urn:stabilis:shipment:" + e[0]);
      ev.putArray("destinationList")
          .addObject()
          .put("type", "location")
          .put("destination", "urn:stabilis:node:wh");
    }
    return d;
  }

  private long stock() {
    return w.app.log.read(() ->
        w.app.materials.ledger().balances("wh", "cement").stream().mapToLong(b -> b.stock()).sum());
  }

  private long used(String permit) {
    return w.app.log.read(() ->
        w.app.permits.permits().stream()
            .filter(p -> p.id().equals(permit))
            .findFirst()
            .orElseThrow()
            .used()
            .getOrDefault("cement", 0L));
  }

  @Test
  void
      withThePolicy_anEpcisEntryOfADualUseItem_isHeldToThePermitRules_refusedWholeNamingTheEvent() {
    w.ok(
        "cmcc",
        "policy.permits-set",
        World.obj().put("required_for_dual_use", true).put("decision_days", 14));
    long size = w.app.log.size();
    var none =
        w.refused(
            "unops",
            "epcis.capture",
            capture(
                new String[] {"c0", "tents", "5", null},
                new String[] {"c1", "cement", "100", null}));
    assertThat(none.rule()).isEqualTo(PermitRules.NO_PERMIT);
    assertThat(none.detail()).startsWith("EPCIS event ev-1 (position 1): ").contains("dual-use");
    assertThat(none.field()).isEqualTo("event.body.epcisBody.eventList[1]");
    assertThat(w.app.log.size()).isEqualTo(size);
    assertThat(stock()).isZero();

    request("pm-1", "impl", "cement", 1000);
    assertThat(
            w.refused(
                    "unops", "epcis.capture", capture(new String[] {"c2", "cement", "10", "pm-1"}))
                .detail())
        .contains("still pending");
    decide("pm-1", "approved");
    size = w.app.log.size();
    // Two entries of one document under one permit count together against it.
    var over =
        w.refused(
            "unops",
            "epcis.capture",
            capture(
                new String[] {"c3", "cement", "600", "pm-1"},
                new String[] {"c4", "cement", "600", "pm-1"}));
    assertThat(over.rule()).isEqualTo(PermitRules.PERMIT_EXCEEDED);
    assertThat(over.detail())
        .startsWith("EPCIS event ev-1 (position 1): ")
        .contains("allows 400 more");
    assertThat(w.app.log.size()).isEqualTo(size);
    assertThat(stock()).isZero();
    assertThat(used("pm-1")).isZero();

    w.ok(
        "unops",
        "epcis.capture",
        capture(
            new String[] {"c3", "cement", "600", "pm-1"},
            new String[] {"c4", "cement", "400", "pm-1"}));
    assertThat(stock()).isEqualTo(1000);
    assertThat(used("pm-1")).isEqualTo(1000);
    // The permit is exhausted for native entries too.
    assertThat(w.refused("unops", "material.entered", entry("c5", "cement", 1, "pm-1")).rule())
        .isEqualTo(PermitRules.PERMIT_EXCEEDED);
    // Not dual-use: no permit needed in a document either.
    w.ok("unops", "epcis.capture", capture(new String[] {"c6", "tents", "5", null}));
  }

  @Test
  void withoutThePolicy_anEpcisEntryNamingAPermit_countsAgainstIt_andTheExportNamesIt() {
    request("pm-1", "impl", "cement", 1000);
    decide("pm-1", "approved");
    w.ok("unops", "epcis.capture", capture(new String[] {"c1", "cement", "250", "pm-1"}));
    assertThat(used("pm-1")).isEqualTo(250);
    assertThat(
            w.app
                .log
                .read(() ->
                    org.stabilis.material.Epcis.queryDocument(
                        w.app.materials.history(),
                        w.app.materials.ledger(),
                        java.time.Instant.EPOCH,
                        null))
                .toString())
        .contains("\"bizTransaction\":\"urn:stabilis:permit:pm-1\"");
  }
}
