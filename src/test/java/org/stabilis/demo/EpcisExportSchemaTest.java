package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.log.canonical.StrictJson;

/**
 * The EPCIS export of the demo validates against GS1's published EPCIS 2.0 JSON Schema
 * (EPCIS-JSON-Schema.json of the EPCIS 2.0 standard), and its recordTime is the log's received
 * time, so the export is the same after a restart (SPEC §1 principle 2).
 */
class EpcisExportSchemaTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /**
   * GS1's EPCIS 2.0 JSON Schema: a standard's data file, which the build unpacks into target/gs1/
   * (pom.xml, maven-antrun-plugin), or the file named by -Dstabilis.epcisSchema.
   */
  static Path gs1Schema() {
    String named = System.getProperty("stabilis.epcisSchema");
    Path schema =
        named != null
            ? Path.of(named)
            : Path.of("target", "gs1", "package", "src", "schema", "EPCISDocument.schema.json");
    if (!Files.isRegularFile(schema))
      throw new AssertionError(
          "GS1's EPCIS 2.0 JSON Schema is not at "
              + schema.toAbsolutePath()
              + "; `./mvnw verify` unpacks it there (phase generate-test-resources), or name one with -Dstabilis.epcisSchema=FILE");
    return schema;
  }

  private static List<String> pages(Javalin web, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<String> out = new ArrayList<>();
    String next = "/api/v1/epcis/events?perPage=40";
    while (next != null) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + next))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      out.add(r.body());
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
    }
    return out;
  }

  @Test
  void theExportOfTheDemo_validatesAgainstGs1sSchema_andIsTheSameAfterARestart() throws Exception {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(Files.readString(gs1Schema(), StandardCharsets.UTF_8), InputFormat.JSON);
    Path data = dir.resolve("demo");
    var demo = DemoScenario.load(data, CLOCK, new SecureRandom(new byte[] {9}));
    String token = demo.tokens().get("cmcc");
    List<String> before;
    int events = 0, transformations = 0;
    try (App app = demo.app()) {
      Javalin web = app.web().start("127.0.0.1", 0);
      try {
        before = pages(web, token);
      } finally {
        web.stop();
      }
      List<String> problems = new ArrayList<>();
      for (String page : before) {
        schema
            .validate(page, InputFormat.JSON)
            .forEach(e -> problems.add(e.getInstanceLocation() + ": " + e.getMessage()));
        for (JsonNode e :
            StrictJson.mapper()
                .readTree(page)
                .path("epcisBody")
                .path("queryResults")
                .path("resultsBody")
                .path("eventList")) {
          events++;
          if (e.path("type").asText().equals("TransformationEvent")) transformations++;
          String id = e.path("eventID").asText();
          if (id.startsWith("urn:stabilis:event:")) {
            long index =
                Long.parseLong(id.substring("urn:stabilis:event:".length()).split("\\.")[0]);
            JsonNode leaf =
                StrictJson.mapper().readTree(app.log.entries(index, index + 1).get(0).data());
            assertThat(e.path("recordTime").asText())
                .as("recordTime of " + id)
                .isEqualTo(leaf.path("received").asText());
          }
        }
      }
      assertThat(problems).as("violations of GS1's EPCIS 2.0 JSON Schema").isEmpty();
    }
    assertThat(events).isGreaterThan(50);
    assertThat(transformations).isPositive();

    try (App again = App.open(data, null, CLOCK, null)) {
      Javalin web = again.web().start("127.0.0.1", 0);
      try {
        assertThat(pages(web, token)).as("the export after a restart").isEqualTo(before);
      } finally {
        web.stop();
      }
    }
  }
}
