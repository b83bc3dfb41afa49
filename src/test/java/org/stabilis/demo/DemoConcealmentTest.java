package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.log.canonical.StrictJson;

/**
 * The demo conceals what a careful security party would (SPEC §2.10): item locations, evidence
 * digests and incident summaries. An observer (the donors) and the coordination centre read the
 * same zones and figures; only the coordinator reads the concealed values.
 */
class DemoConcealmentTest {
  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static App app;
  static io.javalin.Javalin web;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void load() throws Exception {
    demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-20T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom());
    app = demo.app();
    web = app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
  }

  @AfterAll
  static void close() {
    web.stop();
    app.close();
  }

  static String get(String path, String party) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + demo.tokens().get(party))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " as " + party).isEqualTo(200);
    return r.body();
  }

  @Test
  void incidentSummaries_areConcealedFromObservers_theirZonesAreNot() throws Exception {
    JsonNode donors =
        StrictJson.mapper().readTree(get("/api/v1/incidents", "donors")).path("incidents");
    JsonNode cmcc =
        StrictJson.mapper()
            .readTree(get("/api/v1/incidents", DemoScenario.COORDINATOR))
            .path("incidents");
    assertThat(donors.size()).isPositive().isEqualTo(cmcc.size());
    for (int i = 0; i < donors.size(); i++) {
      assertThat(donors.get(i).path("summary").path("concealed").asBoolean()).isTrue();
      assertThat(cmcc.get(i).path("summary").isTextual()).isTrue();
      assertThat(donors.get(i).path("zone")).isEqualTo(cmcc.get(i).path("zone"));
      assertThat(donors.get(i).path("location")).isEqualTo(cmcc.get(i).path("location"));
    }
    assertThat(get("/dashboard/panel/map-lists", "donors"))
        .doesNotContain(cmcc.get(0).path("summary").asText());
  }

  @Test
  void theSameZone_readsTheSameForEveryone_butOnlyTheCoordinatorReadsItsEvidence()
      throws Exception {
    assertThat(get("/api/v1/zones", "donors"))
        .isEqualTo(get("/api/v1/zones", DemoScenario.COORDINATOR));
    String zone = "rafah-idf";
    JsonNode donors =
        StrictJson.mapper().readTree(get("/api/v1/zones/" + zone, "donors")).path("properties");
    JsonNode cmcc =
        StrictJson.mapper()
            .readTree(get("/api/v1/zones/" + zone, DemoScenario.COORDINATOR))
            .path("properties");
    assertThat(donors.path("status")).isEqualTo(cmcc.path("status"));
    assertThat(donors.path("demil")).isEqualTo(cmcc.path("demil"));
    boolean sawEvidence = false;
    for (int i = 0; i < cmcc.path("status_history").size(); i++) {
      JsonNode c = cmcc.path("status_history").get(i), d = donors.path("status_history").get(i);
      assertThat(d.path("indices")).isEqualTo(c.path("indices"));
      if (c.path("evidence").isArray() && !c.path("evidence").isEmpty()) {
        sawEvidence = true;
        assertThat(d.path("evidence").path("concealed").asBoolean()).isTrue();
      }
    }
    assertThat(sawEvidence)
        .as("the demo's " + zone + " history shows evidence to the coordinator")
        .isTrue();
  }
}
