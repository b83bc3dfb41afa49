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
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.canonical.StrictJson;

/**
 * "What did the force look like on 13 November?": views as of a date equal views as of the matching
 * log size.
 */
class AsOfTest {
  @TempDir Path dir;

  @Test
  void onADate_answersAsOfTheEntriesStatedByTheEndOfThatDay_andRefusesBadInput() throws Exception {
    var demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {5}));
    Javalin web = demo.app().web().start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + web.port() + "/api/v1/";
      String token = demo.tokens().get(DemoScenario.COORDINATOR);
      long size = demo.app().log.sizeStatedBy(LocalDate.parse("2025-11-13"));
      assertThat(size).isBetween(2L, demo.app().log.size() - 1);
      // The entry at `size` is the first stated after 13 November: the index answers as a scan
      // does.
      long scanned = demo.app().log.size();
      for (var e : demo.app().log.entries(0, demo.app().log.size()))
        if (LeafCodec.trusted(e.index(), e.data(), e.disclosures())
            .event()
            .time()
            .isAfter(Instant.parse("2025-11-13T23:59:59.999999999Z"))) {
          scanned = e.index();
          break;
        }
      assertThat(size).isEqualTo(scanned);

      // One availability date for all three, so that only the entries counted differ.
      JsonNode onDate = get(base + "coverage?on=2025-11-13&date=2026-02-01", token, 200);
      JsonNode atSize = get(base + "coverage?at=" + size + "&date=2026-02-01", token, 200);
      JsonNode now = get(base + "coverage?date=2026-02-01", token, 200);
      assertThat(onDate.path("tasks")).isEqualTo(atSize.path("tasks"));
      assertThat(onDate.path("assigned_units")).isNotEqualTo(now.path("assigned_units"));

      assertThat(get(base + "zones?on=2025-11-13", token, 200))
          .isEqualTo(get(base + "zones?at=" + size, token, 200));
      // Projects too: none registered in the first entries, some by now, the same on a date as at
      // its size.
      assertThat(get(base + "projects?at=2", token, 200).path("projects")).isEmpty();
      assertThat(get(base + "projects", token, 200).path("projects")).isNotEmpty();
      assertThat(get(base + "projects?on=2025-11-13", token, 200))
          .isEqualTo(get(base + "projects?at=" + size, token, 200));
      assertThat(get(base + "coverage?on=13-11-2025", token, 400).path("code").asText())
          .isEqualTo("bad-request");
      assertThat(get(base + "coverage?on=2025-11-13&at=3", token, 400).path("detail").asText())
          .contains("not both");
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
