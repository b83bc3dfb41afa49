package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.Projection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.reconstruction.Projects;
import org.stabilis.zone.ZoneView.Status;

/**
 * The demo scenario's zones, projects and incidents, read through the projections and over HTTP.
 */
class ZonesDemoTest {
  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static App app;
  static io.javalin.Javalin web;
  static String base;

  @BeforeAll
  static void load() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-12-20T00:00:00Z"), ZoneOffset.UTC);
    demo = DemoScenario.load(dir.resolve("demo"), clock, new SecureRandom(new byte[] {1}));
    app = demo.app();
    web = app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
  }

  @AfterAll
  static void close() {
    web.stop();
    app.close();
  }

  @Test
  void everyStatusAppears_inTheTenZonesOfTheFiveGovernorates() {
    Map<String, Status> s =
        app.log.read(() -> {
          Map<String, Status> m = new HashMap<>();
          app.zones.zones().forEach(z -> m.put(z.id, z.status()));
          return m;
        });
    assertThat(s).hasSize(10);
    assertThat(s)
        .containsEntry("rafah-idf", Status.VERIFIED)
        .containsEntry("khan-younis-idf", Status.VERIFIED)
        .containsEntry("deir-al-balah-idf", Status.SUSPENDED)
        .containsEntry("gaza-city-idf", Status.IN_PROGRESS)
        .containsEntry("north-gaza-west", Status.SUSPENDED)
        .containsEntry("gaza-city-west", Status.UNVERIFIED);
    assertThat(s.values())
        .containsAll(
            List.of(Status.UNVERIFIED, Status.IN_PROGRESS, Status.VERIFIED, Status.SUSPENDED));
  }

  @Test
  void
      projectsInVerifiedZonesAreApproved_theOneInASuspendedZoneIsFrozen_andTheUnverifiedOneWaits() {
    app.log.read(() -> {
      Projects p = app.projects;
      assertThat(p.gateState(p.get("proj-water-1").orElseThrow()))
          .isEqualTo(Projects.GateState.APPROVED);
      assertThat(p.gateState(p.get("proj-shelter-1").orElseThrow()))
          .isEqualTo(Projects.GateState.APPROVED);
      assertThat(p.gateState(p.get("proj-water-2").orElseThrow()))
          .isEqualTo(Projects.GateState.FROZEN);
      assertThat(p.gateState(p.get("proj-shelter-2").orElseThrow()))
          .isEqualTo(Projects.GateState.PENDING);
      assertThat(p.project("proj-water-1").orElseThrow().materials())
          .containsOnlyKeys("cement", "steel-bar", "aggregate", "pipes", "cable");
      return null;
    });
  }

  @Test
  void statusRebuiltFromTheLog_equalsStatusKeptIncrementally_atEverySize() {
    long size = app.log.size();
    ZoneBook rebuilt = new ZoneBook(p -> true);
    app.log.replayInto(size, List.<Projection>of(rebuilt));
    JsonNode live = app.log.read(() -> ZoneRoutes.featureCollection(app.zones));
    assertThat(ZoneRoutes.featureCollection(rebuilt)).isEqualTo(live);
    // The history answers "as of" every size the same way a replay up to that size does.
    for (long n : new long[] {size / 4, size / 2, size * 3 / 4, size - 3}) {
      ZoneBook past = new ZoneBook(p -> true);
      app.log.replayInto(n, List.<Projection>of(past));
      for (ZoneBook.Zone z : past.zones())
        assertThat(rebuilt.zone(z.id).orElseThrow().statusAt(n))
            .as("%s at %d", z.id, n)
            .isEqualTo(z.status());
    }
  }

  @Test
  void zonesEndpoint_servesAFeatureCollection_withStatusControllerAndFigures() throws Exception {
    JsonNode fc = get("/api/v1/zones", "donors");
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    JsonNode rafah = feature(fc, "rafah-idf");
    assertThat(rafah.at("/geometry/type").asText()).isEqualTo("Polygon");
    assertThat(rafah.has("crs")).isFalse();
    assertThat(rafah.at("/properties/status").asText()).isEqualTo("verified");
    assertThat(rafah.at("/properties/controller").asText()).isEqualTo("idf");
    assertThat(rafah.at("/properties/illustrative").asBoolean()).isTrue();
    assertThat(rafah.at("/properties/demil/categories/small-arms/decommissioned_share").asDouble())
        .isEqualTo(65.0);
  }

  @Test
  void zonesEndpoint_asOfAnEarlierSize_showsTheEarlierStatus() throws Exception {
    long cert =
        app.log.read(() ->
            app.zones.zone("deir-al-balah-idf").orElseThrow().transitions().stream()
                .filter(t -> t.to() == Status.VERIFIED)
                .findFirst()
                .orElseThrow()
                .index());
    assertThat(
            feature(get("/api/v1/zones?at=" + cert, "cmcc"), "deir-al-balah-idf")
                .at("/properties/status")
                .asText())
        .isEqualTo("in-progress");
    assertThat(
            feature(get("/api/v1/zones?at=" + (cert + 1), "cmcc"), "deir-al-balah-idf")
                .at("/properties/status")
                .asText())
        .isEqualTo("verified");
    assertThat(status("/api/v1/zones?at=0", "cmcc")).isEqualTo(400);
  }

  @Test
  void zoneDetail_listsEachTransitionWithReasonIndicesAndEvidence() throws Exception {
    JsonNode d = get("/api/v1/zones/deir-al-balah-idf", "donors");
    JsonNode hist = d.at("/properties/status_history");
    assertThat(hist).hasSize(3);
    assertThat(hist.get(1).get("to").asText()).isEqualTo("verified");
    assertThat(hist.get(1).get("evidence")).hasSize(1);
    assertThat(hist.get(2).get("to").asText()).isEqualTo("suspended");
    assertThat(hist.get(2).get("reason").asText()).contains("inc-1");
    assertThat(status("/api/v1/zones/nowhere", "donors")).isEqualTo(404);
  }

  @Test
  void items_areShownToTheCoordinator_notToObservers() throws Exception {
    assertThat(get("/api/v1/demil/items?zone=rafah-idf", "cmcc").get("items")).hasSize(4);
    assertThat(status("/api/v1/demil/items", "donors")).isEqualTo(403);
  }

  @Test
  void incidents_filterByZoneCategoryAndTime_andComeAsGeoJson() throws Exception {
    assertThat(get("/api/v1/incidents?zone=deir-al-balah-idf", "donors").get("incidents"))
        .hasSize(1);
    JsonNode outside = get("/api/v1/incidents?zone=none", "donors").get("incidents");
    assertThat(outside).hasSize(1);
    assertThat(outside.get(0).get("outside_zones").asBoolean()).isTrue();
    assertThat(get("/api/v1/incidents?category=uxo", "donors").get("incidents")).hasSize(1);
    assertThat(
            get("/api/v1/incidents?from=2025-12-05T00:00:00Z&to=2025-12-06T00:00:00Z", "donors")
                .get("incidents"))
        .hasSize(2);
    JsonNode geo = get("/api/v1/incidents?format=geojson", "donors");
    assertThat(geo.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(geo.get("features")).hasSize(4);
    assertThat(status("/api/v1/incidents?from=yesterday", "donors")).isEqualTo(400);
  }

  @Test
  void projectsEndpoint_showsGateStates() throws Exception {
    JsonNode ps = get("/api/v1/projects", "donors").get("projects");
    Map<String, String> states = new HashMap<>();
    ps.forEach(p -> states.put(p.get("id").asText(), p.get("gate_state").asText()));
    assertThat(states)
        .containsEntry("proj-water-1", "approved")
        .containsEntry("proj-water-2", "frozen")
        .containsEntry("proj-shelter-2", "pending");
    JsonNode pending = get("/api/v1/projects/proj-shelter-2", "donors");
    assertThat(pending.get("waiting_since").asText()).isEqualTo("2025-11-24T09:30:00Z");
  }

  @Test
  void reportZones_printsOneLinePerZone() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    app.log.read(() -> {
      org.stabilis.cli.ReportAccess.printZones(
          app.zones, new PrintStream(out, true, StandardCharsets.UTF_8));
      return null;
    });
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(12);
    assertThat(text).containsPattern("rafah-idf\\s+idf\\s+verified\\s+169\\s+169\\s+169\\s+67.1%");
  }

  private static JsonNode feature(JsonNode fc, String id) {
    for (JsonNode f : fc.get("features")) if (f.get("id").asText().equals(id)) return f;
    throw new AssertionError("no feature " + id);
  }

  private static HttpResponse<String> send(String path, String party) throws Exception {
    String token =
        app.tokens.issue(party, Instant.parse("2025-12-20T00:00:00Z"), new SecureRandom());
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .build();
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(req, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static JsonNode get(String path, String party) throws Exception {
    HttpResponse<String> r = send(path, party);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return StrictJson.mapper().readTree(r.body());
  }

  private static int status(String path, String party) throws Exception {
    return send(path, party).statusCode();
  }
}
