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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.World;

/**
 * The views of the decisions answer "as of" a log size as the other views do: the obligations, the
 * permit queue and the corrections as they stood once the log held that many entries, retractions
 * honoured.
 */
class DecisionAsOfTest {
  @TempDir Path dir;

  @Test
  void obligationsPermitsAndCorrections_answerAsOfALogSize() throws Exception {
    try (World w = new World(dir)) {
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
          "phase.defined",
          World.obj().put("id", "ph-1").put("order", 1).put("title", "One").put("source", "r"));
      w.ok(
          "cmcc",
          "obligation.defined",
          World.obj()
              .put("id", "ob-1")
              .put("phase", "ph-1")
              .put("party", "idf")
              .put("title", "Withdrawal milestone")
              .put("source", "r"));
      ObjectNode req = World.obj().put("id", "pm-1").put("purpose", "repairs");
      req.putArray("items").addObject().put("item", "cement").put("quantity", 100);
      w.ok("impl", "permit.requested", req);
      long beforeDecision = w.app.log.size();
      w.ok(
          "cmcc",
          "permit.decided",
          World.obj().put("id", "pm-1").put("decision", "approved").put("reason", "ok"));
      ObjectNode report = World.obj().put("id", "ob-1").put("note", "done");
      report.putArray("evidence").add(World.DIGEST);
      long reported = w.ok("idf", "obligation.reported", report);
      long disputed =
          w.ok("hamas-liaison", "record.disputed", World.dispute(reported, "not withdrawn"));
      w.ok("hamas-liaison", "record.dispute-withdrawn", World.obj().put("index", reported));
      long retracted =
          w.ok("idf", "record.retracted", World.retraction(reported, "reported too early"));

      String token = w.app.tokens.issue("cmcc", World.T0, new SecureRandom());
      Javalin web = w.app.web().start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + web.port() + "/api/v1/";
        // Permits: pending before the decision, approved after.
        assertThat(
                get(base + "permits?at=" + beforeDecision, token, 200)
                    .at("/permits/0/state")
                    .asText())
            .isEqualTo("pending");
        assertThat(get(base + "permits", token, 200).at("/permits/0/state").asText())
            .isEqualTo("approved");
        assertThat(
                get(base + "permits/stats?at=" + beforeDecision, token, 200)
                    .at("/stats/0/pending")
                    .asInt())
            .isEqualTo(1);
        // Obligations: reported while the report stood; open again once it was retracted.
        String ob = "/phases/0/obligations/0/state";
        assertThat(get(base + "obligations?date=2026-05-10&at=" + reported, token, 200).at(ob))
            .hasToString("\"open\"");
        assertThat(
                get(base + "obligations?date=2026-05-10&at=" + (reported + 1), token, 200).at(ob))
            .hasToString("\"reported\"");
        assertThat(get(base + "obligations?date=2026-05-10", token, 200).at(ob))
            .hasToString("\"open\"");
        assertThat(get(base + "obligations.csv?date=2026-05-10&at=" + (reported + 1), token))
            .contains(",reported,");
        // Corrections: the dispute open between its statement and its withdrawal; then the
        // retraction.
        JsonNode open = get(base + "corrections?at=" + (disputed + 1), token, 200);
        assertThat(open.path("disputes")).hasSize(1);
        assertThat(open.at("/disputes/0/reason").asText()).isEqualTo("not withdrawn");
        assertThat(open.path("retractions")).isEmpty();
        JsonNode now = get(base + "corrections", token, 200);
        assertThat(now.path("disputes")).isEmpty();
        assertThat(now.at("/retractions/0/retracted_by").asLong()).isEqualTo(retracted);
        assertThat(get(base + "corrections?at=" + retracted, token, 200).path("retractions"))
            .isEmpty();
        assertThat(
                get(base + "corrections?at=" + (w.app.log.size() + 1), token, 400)
                    .path("code")
                    .asText())
            .isEqualTo("bad-request");
      } finally {
        web.stop();
      }
    }
  }

  private static String get(String url, String token) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode get(String url, String token, int status) throws Exception {
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
