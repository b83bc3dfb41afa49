package org.stabilis.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.ErrorCode;
import org.stabilis.obligation.ObligationView.State;
import org.stabilis.testing.World;

class ObligationsTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    phase("p1", 1);
    phase("p2", 2);
    obligation("idf-withdraw-1", "p1", "idf", "2026-05-20");
    obligation("hl-tunnels", "p1", "hamas-liaison", "2026-05-10");
    obligation("idf-withdraw-2", "p2", "idf", null);
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  void phase(String id, int order) {
    w.ok(
        "cmcc",
        "phase.defined",
        World.obj()
            .put("id", id)
            .put("order", order)
            .put("title", "Phase " + order)
            .put("source", "roadmap"));
  }

  void obligation(String id, String phase, String party, String due) {
    ObjectNode b =
        World.obj()
            .put("id", id)
            .put("phase", phase)
            .put("party", party)
            .put("title", id)
            .put("source", "roadmap");
    if (due != null) b.put("due", due);
    w.ok("cmcc", "obligation.defined", b);
  }

  ObjectNode report(String id) {
    ObjectNode b = World.obj().put("id", id).put("note", "done");
    b.putArray("evidence").add(World.DIGEST);
    return b;
  }

  ObjectNode confirmation(String id) {
    ObjectNode b = World.obj().put("id", id);
    b.putArray("evidence").add(World.DIGEST);
    return b;
  }

  ObligationView.Obligation get(String id) {
    return w.app.log.read(() ->
        w.app.obligations.phases().stream()
            .flatMap(p -> p.obligations().stream())
            .filter(o -> o.id().equals(id))
            .findFirst()
            .orElseThrow());
  }

  @Test
  void onlyTheObligatedPartyReports_andAnInspectorConfirmsWhatWasReported() {
    assertThat(w.refused("hamas-liaison", "obligation.reported", report("idf-withdraw-1")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(w.refused("mon-a", "obligation.confirmed", confirmation("idf-withdraw-1")).rule())
        .isEqualTo(ObligationRules.NOT_REPORTED);
    assertThat(w.refused("idf", "obligation.confirmed", confirmation("idf-withdraw-1")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    w.ok("idf", "obligation.reported", report("idf-withdraw-1"));
    assertThat(get("idf-withdraw-1").stateOn(LocalDate.parse("2026-05-15")))
        .isEqualTo(State.REPORTED);
    w.ok("mon-a", "obligation.confirmed", confirmation("idf-withdraw-1"));
    assertThat(get("idf-withdraw-1").stateOn(LocalDate.parse("2027-01-01")))
        .isEqualTo(State.CONFIRMED);
    assertThat(w.refused("mon-b", "obligation.confirmed", confirmation("idf-withdraw-1")).rule())
        .isEqualTo(ObligationRules.ALREADY_CONFIRMED);
  }

  @Test
  void states_areComputedForTheDateAsked() {
    ObligationView.Obligation o = get("hl-tunnels");
    assertThat(o.stateOn(LocalDate.parse("2026-05-10"))).isEqualTo(State.OPEN);
    assertThat(o.stateOn(LocalDate.parse("2026-05-11"))).isEqualTo(State.OVERDUE);
    assertThat(get("idf-withdraw-2").stateOn(LocalDate.parse("2030-01-01")))
        .as("no due date, never overdue")
        .isEqualTo(State.OPEN);
  }

  @Test
  void noObligationOfAPhaseIsReported_beforeEveryLowerPhaseIsComplete() {
    long size = w.app.log.size();
    var r = w.refused("idf", "obligation.reported", report("idf-withdraw-2"));
    assertThat(r.rule()).isEqualTo(ObligationRules.PHASE_LOCKED);
    assertThat(r.detail())
        .contains("phase \"p1\"", "hl-tunnels (hamas-liaison)", "idf-withdraw-1 (idf)");
    assertThat(w.app.log.size()).isEqualTo(size);
    // Reciprocity: one side's confirmations alone do not open the next phase.
    w.ok("idf", "obligation.reported", report("idf-withdraw-1"));
    w.ok("mon-a", "obligation.confirmed", confirmation("idf-withdraw-1"));
    assertThat(w.refused("idf", "obligation.reported", report("idf-withdraw-2")).rule())
        .isEqualTo(ObligationRules.PHASE_LOCKED);
    w.ok("hamas-liaison", "obligation.reported", report("hl-tunnels"));
    w.ok("mon-b", "obligation.confirmed", confirmation("hl-tunnels"));
    w.ok("idf", "obligation.reported", report("idf-withdraw-2"));
  }

  @Test
  void perParty_whatItOwesAndWhatIsOwedBesideIt_andTheCsvCarriesHxl() {
    JsonNode j = ObligationRoutes.json(w.app.obligations, LocalDate.parse("2026-05-15"));
    JsonNode idf = j.path("parties").path("idf");
    assertThat(idf.path("owes"))
        .extracting(n -> n.path("id").asText())
        .containsExactly("idf-withdraw-1", "idf-withdraw-2");
    assertThat(idf.path("owed"))
        .singleElement()
        .satisfies(n -> {
          assertThat(n.path("id").asText()).isEqualTo("hl-tunnels");
          assertThat(n.path("state").asText()).isEqualTo("overdue");
        });
    String csv = ObligationRoutes.csv(w.app.obligations, LocalDate.parse("2026-05-15"));
    String[] lines = csv.split("\r\n");
    assertThat(lines[1]).startsWith("#activity+code+phase,");
    assertThat(lines).hasSize(5);
    assertThat(lines[3]).contains("hl-tunnels,hamas-liaison", "overdue");
  }

  @Test
  void aRetractedReport_leavesTheObligationOpenAgain() {
    long r = w.ok("idf", "obligation.reported", report("idf-withdraw-1"));
    w.ok("idf", "record.retracted", World.retraction(r, "reported too early"));
    assertThat(get("idf-withdraw-1").reported()).isNull();
  }

  @Test
  void theReciprocityPanel_showsEachSidesOpenAndOverdueObligations_phaseByPhase_andTheDisputes()
      throws Exception {
    long rep = w.ok("idf", "obligation.reported", report("idf-withdraw-1"));
    w.ok("hamas-liaison", "record.disputed", World.dispute(rep, "positions not vacated"));
    String token = w.app.tokens.issue("donors", World.T0, new java.security.SecureRandom());
    io.javalin.Javalin web = w.app.web().start("127.0.0.1", 0);
    try {
      var r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + web.port() + "/dashboard/panel/reciprocity"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      // The server clock of the test world stands at 2026-06-15: both phase-1 due dates have
      // passed.
      String html = r.body();
      String p1 = row(html, "p1"), p2 = row(html, "p2");
      assertThat(p1).contains("data-party=\"hamas-liaison\" data-open=\"0\" data-overdue=\"1\"");
      assertThat(p1).contains("data-party=\"idf\" data-open=\"0\" data-overdue=\"1\"");
      assertThat(p2).contains("data-party=\"idf\" data-open=\"1\" data-overdue=\"0\"");
      assertThat(p2).contains("<td data-party=\"hamas-liaison\">—</td>");
      String dispute = html.substring(html.indexOf("<tr data-index=\"" + rep + "\">"));
      assertThat(dispute.substring(0, dispute.indexOf("</tr>")))
          .contains("hamas-liaison", "positions not vacated");
      String li = html.substring(html.indexOf("<li data-obligation=\"idf-withdraw-1\">"));
      assertThat(li.substring(0, li.indexOf("</li>")))
          .contains("class=\"disputed\"", "positions not vacated");
    } finally {
      web.stop();
    }
  }

  private static String row(String html, String phase) {
    String from = html.substring(html.indexOf("<tr data-phase=\"" + phase + "\">"));
    return from.substring(0, from.indexOf("</tr>"));
  }
}
