package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;
import org.stabilis.zone.ZoneView.Status;

class DecisionRulesTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.zone("rafah", 34.20, 31.25);
    w.ok(
        "cmcc",
        "policy.gate-set",
        World.obj().put("require_verified_zone", true).put("min_decommissioned_share", 0));
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  long decisions(int quorum, String suspension, int hours) {
    return w.ok(
        "cmcc",
        "policy.decisions-set",
        World.obj()
            .put("certification_quorum", quorum)
            .put("suspension", suspension)
            .put("confirm_within_hours", hours));
  }

  ObjectNode certification() {
    ObjectNode b = World.obj().put("zone", "rafah").put("criteria", "no reported item outstanding");
    b.putArray("evidence").add(World.DIGEST);
    return b;
  }

  long incident(String id, int severity) {
    ObjectNode b =
        World.obj()
            .put("id", id)
            .put("category", "ceasefire-violation")
            .put("severity", severity)
            .put("summary", "exchange of fire");
    b.putArray("location").add(34.22).add(31.27);
    return w.ok("idf", "incident.reported", b);
  }

  ZoneBook.Zone zone() {
    return w.app.log.read(() -> w.app.zones.zone("rafah").orElseThrow());
  }

  @Test
  void withoutThePolicy_oneCertificationVerifies_andAnIncidentSuspendsAtOnce() {
    w.ok("mon-a", "zone.certified", certification());
    assertThat(zone().status()).isEqualTo(Status.VERIFIED);
    incident("inc-1", 5);
    assertThat(zone().status()).isEqualTo(Status.SUSPENDED);
    assertThat(w.refused("mon-a", "incident.confirmed", World.obj().put("id", "inc-1")).rule())
        .isEqualTo(ZoneRule.NOT_UNDER_REVIEW);
  }

  @Test
  void quorum_needsDistinctInspectorParties_countedAfreshAfterASuspension() {
    long policy = decisions(2, "immediate", 24);
    long first = w.ok("mon-a", "zone.certified", certification());
    assertThat(zone().status()).isEqualTo(Status.UNVERIFIED);
    assertThat(zone().certifications()).containsOnlyKeys("mon-a");
    assertThat(w.refused("mon-a", "zone.certified", certification()).rule())
        .isEqualTo(ZoneRule.ALREADY_CERTIFIED);
    long second = w.ok("mon-b", "zone.certified", certification());
    ZoneBook.Transition t = zone().transitions().getLast();
    assertThat(t.to()).isEqualTo(Status.VERIFIED);
    assertThat(t.reason()).contains("\"mon-a\"", "\"mon-b\"", "quorum 2");
    assertThat(t.indices()).contains(policy, first, second).endsWith(second);

    incident("inc-2", 4);
    assertThat(zone().status()).isEqualTo(Status.SUSPENDED);
    w.ok("mon-a", "zone.certified", certification());
    assertThat(zone().status())
        .as("a certification before the suspension does not count")
        .isEqualTo(Status.SUSPENDED);
    w.ok("mon-b", "zone.certified", certification());
    assertThat(zone().status()).isEqualTo(Status.VERIFIED);
  }

  @Test
  void onConfirmation_putsTheZoneUnderReview_untilConfirmedWithinTheWindow() {
    decisions(1, "on-confirmation", 48);
    w.ok("mon-a", "zone.certified", certification());
    ObjectNode project =
        World.obj().put("id", "shelter-1").put("zone", "rafah").put("kind", "temporary-shelter");
    project.putArray("location").add(34.23).add(31.28);
    project.putArray("materials");
    w.ok("impl", "project.registered", project);

    long inc = incident("inc-3", 5);
    Instant reported = w.now();
    ZoneBook.Zone z = zone();
    assertThat(z.status()).as("materials and existing projects go on").isEqualTo(Status.VERIFIED);
    assertThat(z.statusOn(reported.plusSeconds(3600))).isEqualTo(Status.UNDER_REVIEW);
    assertThat(z.statusOn(reported.plus(Duration.ofHours(48))))
        .as("the window passed")
        .isEqualTo(Status.VERIFIED);
    assertThat(
            w.refused(
                    "cmcc",
                    "project.approved",
                    World.obj().put("id", "shelter-1").put("reason", "ok"))
                .detail())
        .contains("under review");

    long confirmed = w.ok("mon-b", "incident.confirmed", World.obj().put("id", "inc-3"));
    ZoneBook.Transition t = zone().transitions().getLast();
    assertThat(t.from()).as("the confirmation ends the review").isEqualTo(Status.UNDER_REVIEW);
    assertThat(t.to()).isEqualTo(Status.SUSPENDED);
    assertThat(t.reason()).contains("confirmed by \"mon-b\"");
    assertThat(t.indices()).containsExactly(inc, confirmed);
  }

  @Test
  void onConfirmation_theZoneReturnsToItsEarlierStatus_whenTheWindowPasses() {
    decisions(1, "on-confirmation", 2);
    w.ok("mon-a", "zone.certified", certification());
    long inc = incident("inc-4", 5);
    w.advance(Duration.ofHours(3));
    assertThat(w.refused("mon-a", "incident.confirmed", World.obj().put("id", "inc-4")).rule())
        .isEqualTo(ZoneRule.REVIEW_WINDOW_PASSED);
    w.ok(
        "mon-a",
        "demil.estimate-set",
        World.obj().put("zone", "rafah").put("category", "tunnel").put("count", 3));
    ZoneBook.Transition back = zone().transitions().getLast();
    assertThat(back.from()).isEqualTo(Status.UNDER_REVIEW);
    assertThat(back.to()).isEqualTo(Status.VERIFIED);
    assertThat(back.indices()).contains(inc);
    assertThat(zone().statusOn(w.now())).isEqualTo(Status.VERIFIED);
  }
}
