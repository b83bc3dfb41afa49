package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.obligation.ObligationView;
import org.stabilis.permit.PermitView;

class DecisionsDemoTest {
  @TempDir Path dir;

  @Test
  void
      theDemoIn2026_showsPhasesForEachSide_theQuorum_theMaterialClassGate_aDisputedCount_aRetractedConsignment_permits_andATracedFind()
          throws Exception {
    var loaded =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {5}));
    var app = loaded.app();
    try {
      app.log.read(() -> {
        var phases = app.obligations.phases();
        assertThat(phases)
            .extracting(ObligationView.Phase::title)
            .containsExactly("Tunnels", "Weapons factories", "RPGs and mortars", "Light weapons");
        assertThat(phases.getFirst().obligations())
            .extracting(ObligationView.Obligation::party)
            .containsExactly("pal-side", "idf");
        // The committee confirmed one obligation of each side in the first phase: it is complete.
        assertThat(phases)
            .extracting(ObligationView.Phase::complete)
            .containsExactly(true, false, false, false);
        assertThat(app.zones.decisions().certificationQuorum()).isEqualTo(2);
        assertThat(app.zones.policy().exemptKinds()).containsExactly("temporary-shelter");
        assertThat(app.zones.policy().restrictedItems()).contains("cement", "steel-bar");
        assertThat(app.corrections.openDisputes())
            .singleElement()
            .satisfies(d -> {
              assertThat(d.party()).isEqualTo("idf");
              assertThat(d.type()).isEqualTo("material.entered");
              assertThat(d.reason()).contains("459", "113");
            });
        assertThat(app.corrections.retractions())
            .singleElement()
            .satisfies(r -> assertThat(r.type()).isEqualTo("material.entered"));
        assertThat(app.materials.ledger().hasConsignment("ks-2026-07-pipes", "pipes")).isFalse();
        assertThat(app.materials.ledger().hasConsignment("ks-2026-07-pipes-r", "pipes")).isTrue();
        // The permit queue: one approved, one refused, one waiting past its 14 days.
        assertThat(app.permits.required()).isTrue();
        assertThat(app.permits.permits())
            .extracting(PermitView.Permit::id, PermitView.Permit::approved)
            .containsExactly(
                tuple("permit-2026-06-water", true),
                tuple("permit-2026-06-cement", false),
                tuple("permit-2026-07-generators", null));
        assertThat(app.permits.permits().getLast().ageDays(Instant.parse("2026-12-01T00:00:00Z")))
            .isGreaterThan(app.permits.decisionDays());
        // The restated consignment counts against its permit; the retracted one does not.
        assertThat(app.permits.permits().getFirst().used()).containsEntry("pipes", 3_000L);
        // The find traced back to the pipes consignment, through the warehouse to the project.
        assertThat(app.materials.traces())
            .singleElement()
            .satisfies(t -> {
              assertThat(t.find().find()).isEqualTo("item-gaza-city-west-2");
              assertThat(t.entry().to()).isEqualTo("wh-khan-younis");
              assertThat(t.projects()).contains("proj-water-1");
            });
        assertThat(app.force.activePledges())
            .filteredOn(p -> p.id().equals("idn-medical-1"))
            .singleElement()
            .satisfies(p ->
                assertThat(p.caveats().conditions())
                    .contains("no direct confrontation with any armed parties"));
        return null;
      });
      confirmationsThroughTheApi(loaded);
      String csv =
          org.stabilis.obligation.ObligationRoutes.csv(
              app.obligations, LocalDate.parse("2026-12-01"));
      assertThat(csv.lines()).hasSize(2 + 8);
    } finally {
      app.close();
    }
  }

  /**
   * The verification committee's decisions as a reader sees them: the line's move, reported in a
   * western zone, put it under review until the committee confirmed it and it was suspended; the
   * verified zones the rest of the demo relies on stay verified; one obligation of each side was
   * reported and confirmed by the committee, completing the first phase.
   */
  private static void confirmationsThroughTheApi(DemoScenario.Loaded loaded) throws Exception {
    Javalin web = loaded.app().web().start("127.0.0.1", 0);
    try {
      String token = loaded.tokens().get(DemoScenario.COORDINATOR);
      HttpClient http = HttpClient.newHttpClient();
      Function<String, JsonNode> get =
          path -> {
            try {
              HttpResponse<String> r =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + web.port() + "/api/v1/" + path))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
              return StrictJson.mapper().readTree(r.body());
            } catch (Exception e) {
              throw new AssertionError("GET " + path, e);
            }
          };

      JsonNode zone = get.apply("zones/" + DecisionsDemo.LINE_MOVED_ZONE).path("properties");
      assertThat(zone.path("status").asText()).isEqualTo("suspended");
      JsonNode history = zone.path("status_history");
      JsonNode review = history.get(history.size() - 2);
      JsonNode confirmed = history.get(history.size() - 1);
      assertThat(review.path("from").asText()).isEqualTo("unverified");
      assertThat(review.path("to").asText()).isEqualTo("under-review");
      assertThat(review.path("reason").asText())
          .contains(DecisionsDemo.LINE_MOVED, "reported by \"monitors\"", "under review until");
      assertThat(confirmed.path("to").asText()).isEqualTo("suspended");
      assertThat(confirmed.path("reason").asText())
          .isEqualTo("incident \"" + DecisionsDemo.LINE_MOVED + "\" confirmed by \"ivc\"");
      assertThat(confirmed.path("time").asText()).isEqualTo("2026-07-22T10:00:00Z");
      // Just before the committee's confirmation the zone was under review, not suspended.
      long confirmation = confirmed.path("index").asLong();
      assertThat(
              get.apply(
                      "zones/"
                          + DecisionsDemo.LINE_MOVED_ZONE
                          + "?at="
                          + confirmation
                          + "&time=2026-07-22T09:00:00Z")
                  .at("/properties/status")
                  .asText())
          .isEqualTo("under-review");
      // The entry behind the suspension is the committee's own signed statement.
      JsonNode entry =
          StrictJson.mapper()
              .readTree(
                  java.util.Base64.getDecoder()
                      .decode(
                          get.apply(
                                  "log/entries?start="
                                      + confirmation
                                      + "&end="
                                      + (confirmation + 1))
                              .at("/entries/0/data")
                              .asText()))
              .path("event");
      assertThat(entry.path("type").asText()).isEqualTo("incident.confirmed");
      assertThat(entry.path("party").asText()).isEqualTo("ivc");
      assertThat(entry.at("/body/id").asText()).isEqualTo(DecisionsDemo.LINE_MOVED);
      for (String verified : List.of("rafah-idf", "khan-younis-idf"))
        assertThat(get.apply("zones/" + verified).at("/properties/status").asText())
            .as(verified)
            .isEqualTo("verified");

      JsonNode obligations = get.apply("obligations?date=2026-12-01");
      JsonNode first = obligations.path("phases").get(0);
      assertThat(first.path("id").asText()).isEqualTo("phase-1");
      assertThat(first.path("complete").asBoolean()).isTrue();
      assertThat(first.path("obligations"))
          .extracting(
              o -> o.path("id").asText(),
              o -> o.path("state").asText(),
              o -> o.at("/reported/party").asText(),
              o -> o.at("/confirmed/party").asText())
          .containsExactly(
              tuple("phase-1-pal", "confirmed", "pal-side", "ivc"),
              tuple("phase-1-isr", "confirmed", "idf", "ivc"));
      assertThat(first.path("obligations"))
          .allSatisfy(o ->
              assertThat(o.at("/reported/note").asText()).startsWith("Illustrative and generic"));
      for (int i = 1; i < 4; i++)
        assertThat(obligations.path("phases").get(i).path("obligations"))
            .as("phase %d", i + 1)
            .allSatisfy(o -> assertThat(o.path("state").asText()).isEqualTo("open"));
    } finally {
      web.stop();
    }
  }
}
