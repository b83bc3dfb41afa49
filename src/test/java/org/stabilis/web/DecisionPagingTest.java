package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.World;

/**
 * The lists of the decisions (corrections, obligations, the permit queue, the trace) page as the
 * other lists do: bounded pages whose cursors, followed, give every item once and in order.
 */
class DecisionPagingTest {
  @TempDir Path dir;
  World w;
  Javalin web;
  String base;
  String token;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "pipes")
            .put("name", "Pipes")
            .put("unit", "m")
            .put("dual_use", true));
    for (String[] n : new String[][] {{"kerem", "crossing"}, {"wh", "warehouse"}}) {
      ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
      b.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", b);
    }
    w.zone("north", 34.28, 31.33);
    List<Long> entered = new ArrayList<>();
    for (int i = 0; i < 9; i++)
      entered.add(
          w.ok(
              "unops",
              "material.entered",
              World.obj()
                  .put("consignment", "c-" + i)
                  .put("item", "pipes")
                  .put("quantity", 100)
                  .put("crossing", "kerem")
                  .put("to", "wh")));
    // Corrections: retractions by the signer, disputes by others, one dispute withdrawn.
    for (int i = 0; i < 3; i++)
      w.ok("unops", "record.retracted", World.retraction(entered.get(i), "typed wrong " + i));
    for (int i = 3; i < 8; i++)
      w.ok("idf", "record.disputed", World.dispute(entered.get(i), "counted differently " + i));
    w.ok("mon-a", "record.disputed", World.dispute(entered.get(8), "not seen at the crossing"));
    w.ok("idf", "record.dispute-withdrawn", World.obj().put("index", entered.get(7)));
    // Phases: three with obligations for two parties, one without any.
    for (int p = 1; p <= 4; p++) {
      w.ok(
          "cmcc",
          "phase.defined",
          World.obj()
              .put("id", "phase-" + p)
              .put("order", p)
              .put("title", "Phase " + p)
              .put("source", "roadmap"));
      if (p == 3) continue;
      for (String party : List.of("idf", "hamas-liaison"))
        w.ok(
            "cmcc",
            "obligation.defined",
            World.obj()
                .put("id", "ob-" + p + "-" + party)
                .put("phase", "phase-" + p)
                .put("party", party)
                .put("title", "Obligation of " + party)
                .put("due", "2026-05-20")
                .put("source", "roadmap"));
    }
    // Permits: seven requests, some decided.
    for (int i = 0; i < 7; i++) {
      ObjectNode b = World.obj().put("id", "pm-" + i).put("purpose", "repairs");
      b.putArray("items").addObject().put("item", "pipes").put("quantity", 10 + i);
      w.ok("impl", "permit.requested", b);
      if (i % 2 == 0)
        w.ok(
            "cmcc",
            "permit.decided",
            World.obj().put("id", "pm-" + i).put("decision", "approved").put("reason", "ok"));
    }
    // Finds traced to consignments; one traced to two.
    for (int i = 3; i < 8; i++) {
      ObjectNode b = World.obj().put("id", "find-" + i).put("category", "rockets").put("count", 1);
      b.putArray("location").add(34.30).add(31.34);
      b.putArray("traced").addObject().put("item", "pipes").put("consignment", "c-" + i);
      if (i == 5) b.withArray("traced").addObject().put("item", "pipes").put("consignment", "c-8");
      w.ok("idf", "demil.item-reported", b);
    }
    token = w.app.tokens.issue("cmcc", World.T0, new SecureRandom());
    web = w.app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port() + "/api/v1/";
  }

  @AfterEach
  void tearDown() {
    web.stop();
    w.close();
  }

  /** Every page of a route at {@code limit}, following the cursors. */
  private List<JsonNode> pages(String route, int limit, Consumer<JsonNode> eachPage)
      throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String sep = route.contains("?") ? "&" : "?";
    String url = base + route + sep + "limit=" + limit;
    for (int n = 0; ; n++) {
      assertThat(n).as(route + " pages").isLessThan(100);
      JsonNode page = get(url, 200);
      eachPage.accept(page);
      out.add(page);
      if (page.path("next").isNull()) return out;
      url = base + route + sep + "limit=" + limit + "&cursor=" + page.path("next").asText();
    }
  }

  @Test
  void corrections_pageNewestFirst_retractionsAndDisputesTogether_addingUpToTheWhole()
      throws Exception {
    JsonNode whole = get(base + "corrections?limit=1000", 200);
    assertThat(whole.path("next").isNull()).isTrue();
    assertThat(whole.path("retractions")).hasSize(3);
    assertThat(whole.path("disputes")).hasSize(5); // one of six withdrawn
    List<JsonNode> retractions = new ArrayList<>();
    List<JsonNode> disputes = new ArrayList<>();
    List<Long> stated = new ArrayList<>();
    List<JsonNode> pages =
        pages(
            "corrections",
            3,
            p -> {
              assertThat(p.path("retractions").size() + p.path("disputes").size())
                  .isLessThanOrEqualTo(3);
              List<Long> here = new ArrayList<>();
              p.path("retractions")
                  .forEach(r -> {
                    retractions.add(r);
                    here.add(r.path("retracted_by").asLong());
                  });
              p.path("disputes")
                  .forEach(d -> {
                    disputes.add(d);
                    here.add(d.path("disputed_by_entry").asLong());
                  });
              // Each page's corrections are older than the previous page's.
              here.sort((a, b) -> Long.compare(b, a));
              stated.addAll(here);
            });
    assertThat(pages).hasSize(3);
    assertThat(stated).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
    // Newest first: the last dispute stated comes first.
    assertThat(pages.get(0).path("disputes").get(0).path("reason").asText())
        .isEqualTo("not seen at the crossing");
    assertThat(sortedBy(retractions, "retracted_by"))
        .containsExactlyInAnyOrderElementsOf(whole.path("retractions"));
    assertThat(disputes).containsExactlyInAnyOrderElementsOf(whole.path("disputes"));
    assertThat(get(base + "corrections?limit=1001", 400).path("code").asText())
        .isEqualTo("bad-request");
  }

  @Test
  void obligations_pageByObligationInPhaseOrder_phasesRepeatedWhereTheySpanPages_partiesAddUp()
      throws Exception {
    JsonNode whole = get(base + "obligations?date=2026-05-25&limit=1000", 200);
    assertThat(whole.path("next").isNull()).isTrue();
    assertThat(whole.path("phases")).hasSize(4);
    List<String> wholeLines = lines(whole);
    assertThat(wholeLines)
        .containsExactly(
            "phase-1/ob-1-idf",
            "phase-1/ob-1-hamas-liaison",
            "phase-2/ob-2-idf",
            "phase-2/ob-2-hamas-liaison",
            "phase-3/",
            "phase-4/ob-4-idf",
            "phase-4/ob-4-hamas-liaison");
    List<String> paged = new ArrayList<>();
    Map<String, List<JsonNode>> owes = new LinkedHashMap<>();
    Map<String, List<JsonNode>> owed = new LinkedHashMap<>();
    List<JsonNode> pages =
        pages(
            "obligations?date=2026-05-25",
            3,
            p -> {
              List<String> l = lines(p);
              assertThat(l.size()).isLessThanOrEqualTo(3);
              paged.addAll(l);
              p.path("parties")
                  .properties()
                  .forEach(e -> {
                    e.getValue()
                        .path("owes")
                        .forEach(
                            o -> owes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(o));
                    e.getValue()
                        .path("owed")
                        .forEach(
                            o -> owed.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(o));
                  });
            });
    assertThat(pages).hasSize(3);
    assertThat(paged).containsExactlyElementsOf(wholeLines);
    // phase-2 spans the first two pages: it is named, with its state, on both.
    assertThat(pages.get(0).path("phases").get(1).path("id").asText()).isEqualTo("phase-2");
    assertThat(pages.get(1).path("phases").get(0).path("id").asText()).isEqualTo("phase-2");
    for (String party : List.of("idf", "hamas-liaison")) {
      assertThat(owes.get(party))
          .containsExactlyElementsOf(whole.path("parties").path(party).path("owes"));
      assertThat(owed.get(party))
          .containsExactlyElementsOf(whole.path("parties").path(party).path("owed"));
      assertThat(owes.get(party)).allMatch(o -> o.path("state").asText().equals("overdue"));
    }
  }

  @Test
  void thePermitQueue_pagesOldestRequestFirst_withTheStatsOfEveryRequestOnEachPage()
      throws Exception {
    JsonNode whole = get(base + "permits?limit=1000", 200);
    assertThat(whole.path("permits")).hasSize(7);
    List<JsonNode> paged = new ArrayList<>();
    List<JsonNode> pages =
        pages(
            "permits",
            2,
            p -> {
              assertThat(p.path("permits").size()).isLessThanOrEqualTo(2);
              p.path("permits").forEach(paged::add);
              assertThat(p.path("stats")).isEqualTo(whole.path("stats"));
            });
    assertThat(pages).hasSize(4);
    assertThat(paged).containsExactlyElementsOf(whole.path("permits"));
    assertThat(paged.get(0).path("id").asText()).isEqualTo("pm-0");
    assertThat(paged).extracting(p -> p.path("index").asLong()).isSorted();
    assertThat(get(base + "permits?limit=0", 400).path("code").asText()).isEqualTo("bad-request");
  }

  @Test
  void theTrace_pagesInTheOrderFindsWereReported_aFindTracedTwiceGivenTwiceOnce() throws Exception {
    JsonNode whole = get(base + "trace?limit=1000", 200);
    assertThat(whole.path("traces")).hasSize(6);
    List<JsonNode> paged = new ArrayList<>();
    pages(
        "trace",
        2,
        p -> {
          assertThat(p.path("traces").size()).isLessThanOrEqualTo(2);
          p.path("traces").forEach(paged::add);
        });
    assertThat(paged).containsExactlyElementsOf(whole.path("traces"));
    assertThat(paged)
        .extracting(t -> t.path("find").asText() + "/" + t.path("consignment").asText())
        .containsExactly(
            "find-3/c-3", "find-4/c-4", "find-5/c-5", "find-5/c-8", "find-6/c-6", "find-7/c-7");
    assertThat(get(base + "trace?cursor=%21%21", 400).path("code").asText())
        .isEqualTo("bad-request");
  }

  private static List<JsonNode> sortedBy(List<JsonNode> l, String field) {
    List<JsonNode> out = new ArrayList<>(l);
    out.sort((a, b) -> Long.compare(a.path(field).asLong(), b.path(field).asLong()));
    return out;
  }

  /** "phase/obligation" for each obligation of an answer, "phase/" for a phase without any. */
  private static List<String> lines(JsonNode answer) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : answer.path("phases")) {
      if (p.path("obligations").isEmpty()) out.add(p.path("id").asText() + "/");
      for (JsonNode o : p.path("obligations"))
        out.add(p.path("id").asText() + "/" + o.path("id").asText());
    }
    return out;
  }

  private JsonNode get(String url, int status) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(status);
    return StrictJson.mapper().readTree(r.body());
  }
}
