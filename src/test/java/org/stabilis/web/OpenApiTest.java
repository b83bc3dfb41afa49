package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.RuleCode;
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
        HttpResponse<String> doc =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
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
            HttpRequest.Builder b =
                HttpRequest.newBuilder(
                        URI.create(base + path.replaceAll("\\{[a-z]+\\}", "no-such-id")))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json");
            b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString("{}")) : b.GET();
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404 && r.body().contains("no such endpoint"))
              missing.add(method + " " + path);
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

  /**
   * Query strings that make each GET route answer 200 over the demo; path parameters name demo
   * records.
   */
  private static final Map<String, String> ARGUMENTS =
      Map.of(
          "/api/v1/log/entries",
          "?start=0&end=3",
          "/api/v1/log/proof/inclusion",
          "?index=1&size=5",
          "/api/v1/log/proof/consistency",
          "?from=2&to=5",
          "/api/v1/epcis/events",
          "?perPage=20",
          "/api/v1/log/disclosures",
          "?index=0");

  private static final Map<String, String> IDS =
      Map.of("/api/v1/zones/{id}", "rafah-idf", "/api/v1/projects/{id}", "proj-water-1");

  /**
   * A JSON Schema (2020-12) of one declared body: the OpenAPI 3.1 schema object with the document's
   * components beside it, so its references resolve.
   */
  private static com.networknt.schema.Schema schemaOf(JsonNode api, JsonNode declared)
      throws Exception {
    ObjectNode s = StrictJson.mapper().createObjectNode();
    s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    s.setAll((ObjectNode) declared.deepCopy());
    s.set("components", api.path("components").deepCopy());
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(StrictJson.mapper().writeValueAsString(s), InputFormat.JSON);
  }

  @Test
  void everyGetRoute_answersTheDemoWithTheBodyItsSchemaDeclares_andProblemsWithTheProblemSchema()
      throws Exception {
    var demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {4}));
    try (App app = demo.app()) {
      Javalin web = app.web().start("127.0.0.1", 0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + web.port();
        String token = demo.tokens().get("cmcc");
        JsonNode api =
            StrictJson.mapper()
                .readTree(
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body());
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = api.path("paths").fields();
            it.hasNext(); ) {
          var path = it.next();
          for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
              ops.hasNext(); ) {
            var op = ops.next();
            assertThat(op.getValue().path("operationId").asText())
                .as(op.getKey() + " " + path.getKey() + " operationId")
                .isNotBlank();
            if (!op.getKey().equals("get")) continue;
            var content = op.getValue().path("responses").path("200").path("content");
            String mediaType = content.fieldNames().next();
            JsonNode declared = content.path(mediaType).path("schema");
            if (!mediaType.endsWith("json")) continue; // text: checkpoint, key, CSV
            assertThat(declared.toString())
                .as("GET " + path.getKey() + " declares its body")
                .isNotEqualTo("{\"type\":\"object\"}");
            String url =
                base
                    + path.getKey().replace("{id}", IDS.getOrDefault(path.getKey(), ""))
                    + ARGUMENTS.getOrDefault(path.getKey(), "");
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET " + url).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .as("GET " + path.getKey())
                .startsWith(mediaType);
            schemaOf(api, declared)
                .validate(r.body(), InputFormat.JSON)
                .forEach(e ->
                    problems.add(
                        "GET "
                            + path.getKey()
                            + " "
                            + e.getInstanceLocation()
                            + ": "
                            + e.getMessage()));
            validated++;
          }
        }
        assertThat(problems).as("answers that differ from openapi.json").isEmpty();
        assertThat(validated).isGreaterThanOrEqualTo(18);

        var problem =
            schemaOf(
                api, StrictJson.mapper().readTree("{\"$ref\": \"#/components/schemas/Problem\"}"));
        for (String bad :
            List.of(
                "/api/v1/zones/nowhere",
                "/api/v1/log/entries?start=5&end=2",
                "/api/v1/coverage?date=soon")) {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + bad))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(bad).isBetween(400, 499);
          assertThat(problem.validate(r.body(), InputFormat.JSON))
              .as(bad + " " + r.body())
              .isEmpty();
        }
        // A rule refusal names a registered rule, and an unregistered one would not fit the schema.
        assertThat(
                problem.validate(
                    "{\"type\":\"urn:stabilis:problem:rule\",\"title\":\"Refused by a rule\",\"status\":422,"
                        + "\"detail\":\"x\",\"code\":\"rule\",\"rule\":\"unknown-zone\"}",
                    InputFormat.JSON))
            .isNotEmpty();
        List<String> listed = new ArrayList<>();
        api.at("/components/schemas/Problem/properties/rule/oneOf")
            .forEach(c -> listed.add(c.path("const").asText()));
        assertThat(listed)
            .containsExactlyElementsOf(App.RULES.all().stream().map(RuleCode::wire).toList());
      } finally {
        web.stop();
      }
    }
  }
}
