package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.TestLog;

/**
 * A list answer is one bounded page; following "next" gives every item once, also while the log
 * grows.
 */
class PagingTest {
  @TempDir Path dir;

  @Test
  void incidents_pageNewestFirst_everyIncidentOnce_evenWhenMoreArriveBetweenPages()
      throws Exception {
    try (TestLog log = TestLog.create(dir)) {
      EventSigner inspector = log.register("inspector-1", "inspector");
      List<Long> indices = new ArrayList<>();
      for (int i = 0; i < 250; i++)
        indices.add(log.accept(inspector, "incident.reported", TestLog.incident("inc-" + i)));
      String token = log.app.tokens.issue("inspector-1", TestLog.T0, new SecureRandom());
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + web.port() + "/api/v1/incidents";
        JsonNode first = get(base, token, 200);
        assertThat(first.path("incidents")).hasSize(Page.DEFAULT_LIMIT);
        assertThat(first.path("incidents").get(0).path("id").asText()).isEqualTo("inc-249");

        List<String> seen = new ArrayList<>();
        List<Long> seenIndex = new ArrayList<>();
        String url = base + "?limit=40";
        int pages = 0;
        while (true) {
          JsonNode page = get(url, token, 200);
          assertThat(page.path("incidents").size()).isLessThanOrEqualTo(40);
          page.path("incidents")
              .forEach(i -> {
                seen.add(i.path("id").asText());
                seenIndex.add(i.path("index").asLong());
              });
          // Appended while a reader pages: newer than the walk, so it neither repeats nor shifts
          // it.
          if (pages++ == 0)
            log.accept(inspector, "incident.reported", TestLog.incident("inc-late"));
          if (page.path("next").isNull()) break;
          url = base + "?limit=40&cursor=" + page.path("next").asText();
        }
        assertThat(pages).isEqualTo(7);
        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).hasSize(250).doesNotContain("inc-late");
        assertThat(seenIndex)
            .isSortedAccordingTo((a, b) -> Long.compare(b, a))
            .containsExactlyInAnyOrderElementsOf(indices);

        JsonNode geo = get(base + "?format=geojson&limit=5", token, 200);
        assertThat(geo.path("features")).hasSize(5);
        assertThat(geo.path("features").get(0).path("id").asText()).isEqualTo("inc-late");
        assertThat(geo.path("next").isTextual()).isTrue();

        assertThat(get(base + "?limit=0", token, 400).path("detail").asText())
            .contains("between 1 and 1000");
        assertThat(get(base + "?limit=1001", token, 400).path("detail").asText())
            .contains("between 1 and 1000");
        assertThat(get(base + "?cursor=%25%25", token, 400).path("detail").asText())
            .contains("cursor");
        assertThat(get(base + "?cursor=bm90LWEtbnVtYmVy", token, 400).path("detail").asText())
            .contains("cursor");
      } finally {
        web.stop();
      }
    }
  }

  /** Every list route: small pages, followed by their cursors, add up to the one large page. */
  @Test
  void everyListRoute_pagesAddUpToTheWholeList() throws Exception {
    var demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    Javalin web = demo.app().web().start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + web.port() + "/api/v1/";
      String token = demo.tokens().get(DemoScenario.COORDINATOR);
      Map<String, String> routes = new LinkedHashMap<>();
      routes.put("incidents", "incidents");
      routes.put("tasks", "tasks");
      routes.put("pledges", "pledges");
      routes.put("projects", "projects");
      routes.put("zones", "features");
      routes.put("demil/items", "items");
      routes.put("materials/items", "items");
      routes.put("materials/nodes", "nodes");
      routes.put("materials/balance", "balances");
      routes.put("materials/alerts", "alerts");
      for (var r : routes.entrySet()) {
        JsonNode whole = get(base + r.getKey() + "?limit=1000", token, 200);
        assertThat(whole.path("next").isNull()).as(r.getKey()).isTrue();
        List<JsonNode> paged = new ArrayList<>();
        String url = base + r.getKey() + "?limit=3";
        for (int pages = 0; ; pages++) {
          assertThat(pages).as(r.getKey() + " pages").isLessThan(1000);
          JsonNode page = get(url, token, 200);
          assertThat(page.path(r.getValue()).size()).as(r.getKey()).isLessThanOrEqualTo(3);
          page.path(r.getValue()).forEach(paged::add);
          if (page.path("next").isNull()) break;
          url = base + r.getKey() + "?limit=3&cursor=" + page.path("next").asText();
        }
        assertThat(whole.path(r.getValue()).size()).as(r.getKey()).isPositive();
        assertThat(paged).as(r.getKey()).containsExactlyElementsOf(whole.path(r.getValue()));
        assertThat(get(base + r.getKey() + "?limit=1001", token, 400).path("code").asText())
            .isEqualTo("bad-request");
      }
    } finally {
      web.stop();
      demo.app().close();
    }
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
