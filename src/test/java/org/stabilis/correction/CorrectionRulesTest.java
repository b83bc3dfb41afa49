package org.stabilis.correction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.World;

class CorrectionRulesTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.zone("north", 34.40, 31.50);
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  long incident(String id) {
    ObjectNode b =
        World.obj()
            .put("id", id)
            .put("category", "uxo")
            .put("severity", 2)
            .put("summary", "by a road");
    b.putArray("location").add(34.42).add(31.52);
    return w.ok("idf", "incident.reported", b);
  }

  long item(String id) {
    ObjectNode b = World.obj().put("id", id).put("category", "tunnel").put("count", 1);
    b.putArray("location").add(34.42).add(31.52);
    return w.ok("idf", "demil.item-reported", b);
  }

  @Test
  void retractedIncident_disappearsFromEveryView_andCanBeRestated() {
    long i = incident("inc-1");
    w.ok("idf", "record.retracted", World.retraction(i, "reported twice"));
    assertThat(w.app.log.read(() -> w.app.incidents.incident("inc-1"))).isEmpty();
    assertThat(w.app.log.read(() -> w.app.corrections.retractions()))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.index()).isEqualTo(i);
          assertThat(r.type()).isEqualTo("incident.reported");
        });
    incident("inc-1"); // the retracted fact is restated by a new event, under the same id
    assertThat(w.app.log.read(() -> w.app.incidents.incident("inc-1"))).isPresent();
  }

  @Test
  void retraction_withALaterEntryThatDependsOnIt_isRefusedNamingThatEntry_andWritesNothing() {
    long reported = item("t-1");
    ObjectNode d = World.obj().put("id", "t-1").put("method", "destroyed");
    d.putArray("evidence").add(World.DIGEST);
    long decommissioned = w.ok("idf", "demil.item-decommissioned", d);
    long size = w.app.log.size();
    Rejection r = w.refused("idf", "record.retracted", World.retraction(reported, "wrong place"));
    assertThat(r.rule()).isEqualTo(CorrectionRules.RETRACTION_CONFLICTS);
    assertThat(r.detail())
        .contains("entry " + decommissioned + " (demil.item-decommissioned by \"idf\")");
    assertThat(w.app.log.size()).isEqualTo(size);
    // Retracting the dependent entry first makes the earlier one retractable.
    w.ok("idf", "record.retracted", World.retraction(decommissioned, "not yet done"));
    w.ok("idf", "record.retracted", World.retraction(reported, "wrong place"));
    assertThat(w.app.log.read(() -> w.app.zones.items())).isEmpty();
  }

  @Test
  void onlyTheSignerRetracts_andNeitherRetractionsNorPartyEventsAreRetractable() {
    long i = incident("inc-2");
    assertThat(w.refused("mon-a", "record.retracted", World.retraction(i, "not ours")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    long r = w.ok("idf", "record.retracted", World.retraction(i, "error"));
    assertThat(w.refused("idf", "record.retracted", World.retraction(r, "undo")).rule())
        .isEqualTo(CorrectionRules.NOT_RETRACTABLE);
    assertThat(w.refused("idf", "record.retracted", World.retraction(i, "again")).rule())
        .isEqualTo(CorrectionRules.ALREADY_RETRACTED);
    assertThat(w.refused("cmcc", "record.retracted", World.retraction(0, "genesis")).rule())
        .isEqualTo(CorrectionRules.NOT_RETRACTABLE);
    assertThat(w.refused("idf", "record.retracted", World.retraction(10_000, "future")).rule())
        .isEqualTo(CorrectionRules.NO_SUCH_ENTRY);
  }

  @Test
  void disputes_areOpenedByOthersOnly_onceEach_andWithdrawnByTheirAuthor() {
    long i = incident("inc-3");
    assertThat(w.refused("idf", "record.disputed", World.dispute(i, "mine")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    long d = w.ok("hamas-liaison", "record.disputed", World.dispute(i, "did not happen there"));
    assertThat(w.refused("hamas-liaison", "record.disputed", World.dispute(i, "again")).rule())
        .isEqualTo(CorrectionRules.ALREADY_DISPUTED);
    assertThat(w.refused("impl", "record.disputed", World.dispute(d, "meta")).rule())
        .isEqualTo(CorrectionRules.NOT_DISPUTABLE);
    assertThat(w.refused("impl", "record.dispute-withdrawn", World.obj().put("index", i)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(w.app.log.read(() -> w.app.corrections.disputesOf(i)))
        .singleElement()
        .satisfies(x -> assertThat(x.party()).isEqualTo("hamas-liaison"));
    w.ok("hamas-liaison", "record.dispute-withdrawn", World.obj().put("index", i));
    assertThat(w.app.log.read(() -> w.app.corrections.disputesOf(i))).isEmpty();
    assertThat(
            w.refused("hamas-liaison", "record.dispute-withdrawn", World.obj().put("index", i))
                .rule())
        .isEqualTo(CorrectionRules.NO_OPEN_DISPUTE);
  }

  @Test
  void everyView_showsWhoDisputesAFactBesideIt() throws Exception {
    long i = incident("inc-4");
    w.ok("hamas-liaison", "record.disputed", World.dispute(i, "counted twice"));
    String token = w.app.tokens.issue("donors", World.T0, new java.security.SecureRandom());
    Javalin web = w.app.web().start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + web.port() + "/api/v1/";
      JsonNode incidents = get(base + "incidents", token);
      JsonNode shown = incidents.path("incidents").get(0).path("disputes");
      assertThat(shown).hasSize(1);
      assertThat(shown.get(0).path("party").asText()).isEqualTo("hamas-liaison");
      assertThat(shown.get(0).path("reason").asText()).isEqualTo("counted twice");
      JsonNode geo = get(base + "incidents?format=geojson", token);
      assertThat(geo.path("features").get(0).path("properties").path("disputes")).hasSize(1);
      JsonNode corrections = get(base + "corrections", token);
      assertThat(corrections.path("disputes")).hasSize(1);
      // The log's own answers keep their normative shape.
      JsonNode proof =
          get(base + "log/proof/inclusion?index=" + i + "&size=" + w.app.log.size(), token);
      assertThat(proof.has("disputes")).isFalse();
    } finally {
      web.stop();
    }
  }

  static JsonNode get(String url, String token) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " answered " + r.body()).isEqualTo(200);
    return StrictJson.mapper().readTree(r.body());
  }
}
