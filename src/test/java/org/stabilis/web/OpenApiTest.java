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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.TestLog;

/** The OpenAPI document (SPEC §6) is public and describes only endpoints that exist. */
class OpenApiTest {
  @TempDir Path dir;

  @Test
  void everyDocumentedOperationIsServed() throws Exception {
    try (TestLog log = TestLog.create(dir)) {
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + web.port();
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode api = StrictJson.mapper().readTree(doc.body());
        assertThat(api.path("openapi").asText()).startsWith("3.1");
        String token = log.app.tokens.issue("coord", TestLog.T0, new SecureRandom());
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Iterator<String> it = api.path("paths").fieldNames(); it.hasNext(); ) {
          String path = it.next();
          for (Iterator<String> m = api.path("paths").path(path).fieldNames(); m.hasNext(); ) {
            String method = m.next().toUpperCase(java.util.Locale.ROOT);
            operations++;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.replaceAll("\\{[a-z]+\\}", "no-such-id")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
            b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString("{}")) : b.GET();
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404 && r.body().contains("no such endpoint")) missing.add(method + " " + path);
            assertThat(r.statusCode()).as(method + " " + path).isLessThan(500);
          }
        }
        assertThat(operations).isGreaterThanOrEqualTo(25);
        assertThat(missing).isEmpty();
      } finally {
        web.stop();
      }
    }
  }
}
