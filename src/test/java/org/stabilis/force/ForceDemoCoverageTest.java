package org.stabilis.force;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;
import org.stabilis.demo.ForceDemo;
import org.stabilis.log.canonical.StrictJson;

class ForceDemoCoverageTest {
  @TempDir static Path dir;
  static DemoScenario.Loaded demo;

  /**
   * A day by which every demo pledge is available (the last, Azerbaijan's, from 15 January 2026).
   */
  static final LocalDate ALL_ARRIVED = LocalDate.of(2026, 2, 1);

  @BeforeAll
  static void load() throws Exception {
    demo =
        DemoScenario.load(
            dir.resolve("data"),
            Clock.fixed(Instant.parse("2025-12-10T12:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {1}));
  }

  @AfterAll
  static void close() {
    demo.app().close();
  }

  @Test
  void demilitarizationEnforcement_isUncoveredAndInheritedByTheIdf() {
    Coverage c = demo.app().coverage.current(ALL_ARRIVED);
    assertThat(c.optimal()).isTrue();
    Coverage.TaskCoverage demil = c.task(ForceDemo.DEMILITARIZATION);
    assertThat(demil.assigned()).isZero();
    assertThat(c.uncovered())
        .filteredOn(g -> g.task().equals(ForceDemo.DEMILITARIZATION))
        .extracting(Coverage.Gap::capability, Coverage.Gap::units, Coverage.Gap::inheritedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("infantry", 3, "idf"),
            org.assertj.core.groups.Tuple.tuple("eod", 2, "idf"));
    assertThat(demil.keptOut())
        .extracting(Coverage.KeptOut::reason)
        .containsExactly("aze: no use of force", "pak: excludes task demil-enforce");
    assertThat(c.task(ForceDemo.POLICE).assigned()).isEqualTo(3);
  }

  @Test
  void coverageOn13November_lacksThePledgesMadeLater() throws Exception {
    long before = -1;
    for (var e : demo.app().log.entries(0, demo.app().log.size())) {
      var entry = org.stabilis.log.LeafCodec.entry(e.index(), e.data(), demo.app().parser);
      if (entry.event().time().isBefore(Instant.parse("2025-11-13T00:00:00Z"))) before = e.index();
    }
    Coverage then = demo.app().coverage.asOf(before + 1, ALL_ARRIVED);
    Coverage now = demo.app().coverage.current(ALL_ARRIVED);
    assertThat(then.task(ForceDemo.CIVILIANS).requirements())
        .filteredOn(r -> r.capability().equals("medical"))
        .extracting(Coverage.RequirementCoverage::assigned)
        .containsExactly(0);
    assertThat(now.task(ForceDemo.CIVILIANS).requirements())
        .filteredOn(r -> r.capability().equals("medical"))
        .extracting(Coverage.RequirementCoverage::assigned)
        .containsExactly(1);
    assertThat(then.contributors())
        .extracting(Coverage.Contributor::party)
        .doesNotContain("idn", "pak");
  }

  @Test
  void anAmendedPledge_keepsItsHistory_andOnlyItsPartyMayChangeIt() {
    var app = demo.app();
    var history = app.log.read(() -> app.force.histories().get("egy-border-1"));
    assertThat(history)
        .extracting(Pledge.Version::type)
        .containsExactly("pledge.made", "pledge.amended");
    assertThat(history.get(1).pledge().source()).contains("menafn.com");
    var rejection =
        app.force.decide(
            new org.stabilis.log.Event(
                "pledge.withdrawn",
                "jor",
                "jor-1",
                99,
                Instant.parse("2025-12-07T00:00:00Z"),
                StrictJson.mapper().createObjectNode().put("id", "egy-border-1").put("reason", "r"),
                StrictJson.mapper().createObjectNode()));
    assertThat(rejection.code()).isEqualTo(org.stabilis.log.ErrorCode.FORBIDDEN);
    var body = StrictJson.mapper().createObjectNode().put("id", "jor-2");
    body.putObject("caveats").putArray("excluded_tasks").add("no-such-task");
    var unknown =
        app.force.decide(
            new org.stabilis.log.Event(
                "pledge.made",
                "jor",
                "jor-1",
                99,
                Instant.parse("2025-12-07T00:00:00Z"),
                body,
                StrictJson.mapper().createObjectNode()));
    assertThat(unknown.rule().wire()).isEqualTo("no-such-task");
  }

  @Test
  void whatIf_answersWithoutWritingToTheLog() {
    long size = demo.app().log.size();
    String checkpoint = demo.app().log.checkpoint().orElseThrow().note();
    var answer =
        demo.app()
            .coverage
            .whatIf(
                List.of(
                    new WhatIf.Lift("aze-infantry-1", Eligibility.Caveat.NO_USE_OF_FORCE),
                    new WhatIf.Withdraw("jor-police-training-1")),
                ALL_ARRIVED);
    assertThat(answer.changed().task(ForceDemo.DEMILITARIZATION).assigned()).isEqualTo(1);
    assertThat(answer.changed().task(ForceDemo.POLICE).assigned()).isEqualTo(2);
    assertThat(demo.app().log.size()).isEqualTo(size);
    assertThat(demo.app().log.checkpoint().orElseThrow().note()).isEqualTo(checkpoint);
    assertThat(demo.app().coverage.current(ALL_ARRIVED).task(ForceDemo.DEMILITARIZATION).assigned())
        .isZero();
  }

  @Test
  void theHttpApi_servesCoverageAndWhatIf_andRefusesBadChanges() throws Exception {
    var web = demo.app().web().start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + web.port() + "/api/v1";
      String token = demo.tokens().get("cmcc");
      var cov =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/coverage"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(cov.statusCode()).isEqualTo(200);
      var json = StrictJson.mapper().readTree(cov.body());
      assertThat(json.path("solver").path("optimal").asBoolean()).isTrue();
      assertThat(json.path("uncovered").findValuesAsText("inherited_by")).contains("idf");

      var add =
          http.send(
              post(
                  base + "/coverage/what-if",
                  token,
                  """
                  {"changes":[{"add":{"id":"hyp-eod-1","party":"hyp","capability":"eod","readiness":"ready","available_from":"2025-12-01"}}]}\
                  """),
              HttpResponse.BodyHandlers.ofString());
      assertThat(add.statusCode()).isEqualTo(200);
      var diff = StrictJson.mapper().readTree(add.body()).path("diff");
      assertThat(diff.path("assigned_units").asInt()).isEqualTo(1);
      assertThat(diff.path("pledges").get(0).path("task_after").asText())
          .isEqualTo(ForceDemo.DEMILITARIZATION);

      var unknown =
          http.send(
              post(
                  base + "/coverage/what-if",
                  token,
                  "{\"changes\":[{\"withdraw\":\"no-such-pledge\"}]}"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(422);
      var bad =
          http.send(
              post(
                  base + "/coverage/what-if",
                  token,
                  "{\"changes\":[{\"lift\":{\"pledge\":\"aze-infantry-1\",\"caveat\":\"politics\"}}]}"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
    } finally {
      web.stop();
    }
  }

  private static HttpRequest post(String url, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void coverageOnADate_countsOnlyPledgesAvailableByThen_andNamesTheCaveat() throws Exception {
    // 10 December 2025: the Indonesian field hospital (from 15 December) has not arrived.
    Coverage dec = demo.app().coverage.current(LocalDate.of(2025, 12, 10));
    assertThat(dec.date()).isEqualTo(LocalDate.of(2025, 12, 10));
    assertThat(dec.task(ForceDemo.CIVILIANS).requirements())
        .filteredOn(r -> r.capability().equals("medical"))
        .extracting(Coverage.RequirementCoverage::assigned)
        .containsExactly(0);
    assertThat(dec.task(ForceDemo.CIVILIANS).keptOut())
        .filteredOn(k -> k.pledge().equals("idn-medical-1"))
        .extracting(Coverage.KeptOut::caveat, Coverage.KeptOut::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "available_from",
                "idn: available from 2025-12-15, after the date asked 2025-12-10"));
    assertThat(demo.app().coverage.current(ALL_ARRIVED).task(ForceDemo.CIVILIANS).requirements())
        .filteredOn(r -> r.capability().equals("medical"))
        .extracting(Coverage.RequirementCoverage::assigned)
        .containsExactly(1);

    var web = demo.app().web().start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + web.port() + "/api/v1";
      String token = demo.tokens().get("cmcc");
      // The server clock of this demo reads 10 December 2025: that is the default date.
      var today =
          StrictJson.mapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/coverage"))
                              .header("Authorization", "Bearer " + token)
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      assertThat(today.path("date").asText()).isEqualTo("2025-12-10");
      assertThat(today.path("assigned_units").asLong()).isEqualTo(dec.assigned());
      var later =
          StrictJson.mapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/coverage?date=2026-02-01"))
                              .header("Authorization", "Bearer " + token)
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      assertThat(later.path("date").asText()).isEqualTo("2026-02-01");
      assertThat(later.path("assigned_units").asLong()).isGreaterThan(dec.assigned());
      var bad =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/coverage?date=tomorrow"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      var whatIf =
          StrictJson.mapper()
              .readTree(
                  http.send(
                          post(
                              base + "/coverage/what-if?date=2025-12-10",
                              token,
                              "{\"changes\":[{\"lift\":{\"pledge\":\"idn-medical-1\",\"caveat\":\"available_from\"}}]}"),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      assertThat(whatIf.path("coverage").path("date").asText()).isEqualTo("2025-12-10");
      assertThat(whatIf.path("diff").path("assigned_units").asInt())
          .as("lifting the date brings the hospital in")
          .isEqualTo(1);
    } finally {
      web.stop();
    }
  }
}
