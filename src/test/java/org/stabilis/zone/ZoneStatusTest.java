package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.zone.Mission.box;
import static org.stabilis.zone.Mission.polygon;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.Rejection;
import org.stabilis.zone.ZoneView.Status;

class ZoneStatusTest {
  @TempDir Path dir;
  Mission m;

  @BeforeEach
  void setUp() {
    m = new Mission(dir.resolve("log"));
    m.defineZone("z1", polygon(box(34.30, 31.30, 34.34, 31.34)));
    m.gate(true, 50);
    m.estimate("z1", "small-arms", 100);
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  @Test
  void aNewZone_isUnverified() {
    assertThat(m.status("z1")).isEqualTo(Status.UNVERIFIED);
    assertThat(m.history("z1")).isEmpty();
  }

  @Test
  void decommissioningAnItem_movesTheZoneToInProgress_citingTheReportAndTheDecommissioning() {
    long reported = m.report("i1", "small-arms", 60, 34.31, 31.31);
    assertThat(m.status("z1")).isEqualTo(Status.UNVERIFIED);
    long dec = m.decommission("i1");
    assertThat(m.status("z1")).isEqualTo(Status.IN_PROGRESS);
    ZoneBook.Transition t = m.history("z1").getFirst();
    assertThat(t.from()).isEqualTo(Status.UNVERIFIED);
    assertThat(t.indices()).containsExactly(reported, dec);
    assertThat(t.evidence()).containsExactly(Mission.DIGEST);
    assertThat(t.reason()).contains("i1");
  }

  @Test
  void certification_isRefused_whileAReportedItemIsNotVerified() {
    m.report("i1", "small-arms", 60, 34.31, 31.31);
    m.decommission("i1");
    Rejection r = m.refused("monitors", "zone.certified", m.certification("z1"));
    assertThat(r.rule().wire()).isEqualTo("items-not-verified");
    assertThat(r.detail()).contains("i1");
    assertThat(m.status("z1")).isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void certification_isRefused_whenTheDecommissionedShareIsBelowThePolicy() {
    m.report("i1", "small-arms", 40, 34.31, 31.31);
    m.decommission("i1");
    m.verify("i1");
    Rejection r = m.refused("monitors", "zone.certified", m.certification("z1"));
    assertThat(r.rule().wire()).isEqualTo("decommissioned-share-below-policy");
    assertThat(r.detail())
        .contains("small-arms")
        .contains("40 of an estimated 100")
        .contains("50%");
  }

  @Test
  void
      certification_isRefused_whenAnyEstimatedCategoryFallsShort_evenIfTheOverallShareMeetsThePolicy() {
    m.estimate("z1", "rockets", 10);
    m.report("i1", "small-arms", 100, 34.31, 31.31);
    m.decommission("i1");
    m.verify("i1");
    // Overall 100 of 110 (91%), but rockets 0 of 10.
    assertThat(m.refused("monitors", "zone.certified", m.certification("z1")).detail())
        .contains("rockets");
  }

  @Test
  void certification_whenEveryItemIsVerifiedAndTheShareMeetsThePolicy_verifiesTheZone() {
    m.report("i1", "small-arms", 50, 34.31, 31.31);
    m.decommission("i1");
    long ver = m.verify("i1");
    long cert = m.ok("monitors", "zone.certified", m.certification("z1"));
    assertThat(m.status("z1")).isEqualTo(Status.VERIFIED);
    ZoneBook.Transition t = m.history("z1").getLast();
    assertThat(t.from()).isEqualTo(Status.IN_PROGRESS);
    assertThat(t.index()).isEqualTo(cert);
    assertThat(t.indices()).contains(ver);
    assertThat(t.evidence()).containsExactly("b".repeat(64));
  }

  @Test
  void aVerifiedZone_cannotBeCertifiedAgain() {
    verifyZone();
    assertThat(m.refused("monitors", "zone.certified", m.certification("z1")).rule().wire())
        .isEqualTo("zone-already-verified");
  }

  @Test
  void aSeverityFourRearmamentIndicator_inTheZone_suspendsIt() {
    verifyZone();
    long inc =
        m.ok(
            "idf",
            "incident.reported",
            m.incident("inc-1", "rearmament-indicator", 4, 34.32, 31.32));
    assertThat(m.status("z1")).isEqualTo(Status.SUSPENDED);
    assertThat(m.history("z1").getLast().indices()).containsExactly(inc);
    assertThat(m.history("z1").getLast().reason()).contains("inc-1");
  }

  @Test
  void aSeverityFiveCeasefireViolation_suspendsEvenAnUnverifiedZone() {
    m.ok("idf", "incident.reported", m.incident("inc-1", "ceasefire-violation", 5, 34.32, 31.32));
    assertThat(m.status("z1")).isEqualTo(Status.SUSPENDED);
  }

  @Test
  void lessSevereOrOtherIncidents_doNotSuspend() {
    verifyZone();
    m.ok("idf", "incident.reported", m.incident("inc-1", "rearmament-indicator", 3, 34.32, 31.32));
    m.ok("idf", "incident.reported", m.incident("inc-2", "uxo", 5, 34.32, 31.32));
    assertThat(m.status("z1")).isEqualTo(Status.VERIFIED);
  }

  @Test
  void anInspectorOrTheCoordinator_suspendsAZone_citingTheIncident() {
    verifyZone();
    long inc = m.ok("idf", "incident.reported", m.incident("inc-1", "other", 2, 34.32, 31.32));
    var body = m.suspension("z1");
    body.put("incident", "inc-1");
    long s = m.ok("cmcc", "zone.suspended", body);
    assertThat(m.status("z1")).isEqualTo(Status.SUSPENDED);
    assertThat(m.history("z1").getLast().indices()).containsExactly(inc, s);
    assertThat(m.refused("monitors", "zone.suspended", m.suspension("z1")).rule().wire())
        .isEqualTo("zone-already-suspended");
  }

  @Test
  void aSuspensionNamingAnUnknownIncident_isRefused() {
    var body = m.suspension("z1");
    body.put("incident", "nope");
    assertThat(m.refused("cmcc", "zone.suspended", body).rule().wire())
        .isEqualTo("no-such-incident");
  }

  @Test
  void aSecurityForce_cannotSuspendAZone() {
    assertThat(m.refused("idf", "zone.suspended", m.suspension("z1")).code().wire())
        .isEqualTo("forbidden");
  }

  @Test
  void aSuspendedZone_returnsToVerified_onlyByANewCertification() {
    verifyZone();
    m.ok("monitors", "zone.suspended", m.suspension("z1"));
    m.report("i2", "small-arms", 5, 34.33, 31.33);
    m.decommission("i2");
    assertThat(m.status("z1")).isEqualTo(Status.SUSPENDED);
    assertThat(m.refused("monitors", "zone.certified", m.certification("z1")).rule().wire())
        .isEqualTo("items-not-verified");
    m.verify("i2");
    m.ok("monitors", "zone.certified", m.certification("z1"));
    assertThat(m.status("z1")).isEqualTo(Status.VERIFIED);
    assertThat(m.history("z1"))
        .extracting(ZoneBook.Transition::to)
        .containsExactly(Status.IN_PROGRESS, Status.VERIFIED, Status.SUSPENDED, Status.VERIFIED);
  }

  @Test
  void statusAt_answersForEveryLogSize_aroundEachTransition() {
    verifyZone();
    long cert = m.history("z1").getLast().index();
    ZoneBook.Zone z = m.app.log.read(() -> m.app.zones.zone("z1").orElseThrow());
    assertThat(z.statusAt(cert)).isEqualTo(Status.IN_PROGRESS);
    assertThat(z.statusAt(cert + 1)).isEqualTo(Status.VERIFIED);
  }

  @Test
  void itemLifecycle_refusesSkippedOrRepeatedSteps() {
    m.report("i1", "small-arms", 5, 34.31, 31.31);
    assertThat(m.refused("monitors", "demil.item-verified", body("i1")).rule().wire())
        .isEqualTo("item-not-decommissioned");
    m.decommission("i1");
    var again = body("i1");
    again.put("method", "sealed");
    again.putArray("evidence");
    assertThat(m.refused("idf", "demil.item-decommissioned", again).rule().wire())
        .isEqualTo("item-already-decommissioned");
    m.verify("i1");
    assertThat(m.refused("monitors", "demil.item-verified", body("i1")).rule().wire())
        .isEqualTo("item-already-verified");
    // Only an inspector verifies.
    assertThat(m.refused("idf", "demil.item-verified", body("i2")).code().wire())
        .isEqualTo("forbidden");
  }

  @Test
  void anItemsZone_isFoundFromItsLocation_orRefusedWhenNoZoneCoversIt() {
    m.report("i1", "small-arms", 5, 34.31, 31.31);
    assertThat(m.app.log.read(() -> m.app.zones.items().getFirst().zone())).isEqualTo("z1");
    var b = Mission.obj();
    b.put("id", "i2").put("category", "cache").put("count", 1);
    b.putArray("location").add(34.50).add(31.50);
    assertThat(m.refused("idf", "demil.item-reported", b).rule().wire()).isEqualTo("no-zone");
    b.put("zone", "z1");
    assertThat(m.refused("idf", "demil.item-reported", b).rule().wire())
        .isEqualTo("item-outside-zone");
  }

  @Test
  void figures_givePerCategoryAndOverallDecommissionedShares() {
    m.estimate("z1", "rockets", 20);
    m.report("i1", "small-arms", 30, 34.31, 31.31);
    m.report("i2", "rockets", 5, 34.31, 31.31);
    m.report("i3", "cache", 2, 34.31, 31.31);
    m.decommission("i1");
    m.decommission("i2");
    m.decommission("i3");
    m.verify("i1");
    m.app.log.read(() -> {
      ZoneBook b = m.app.zones;
      var z = b.zone("z1").orElseThrow();
      var f = b.figures(z);
      assertThat(f.get("small-arms")).isEqualTo(new ZoneBook.Figures(100, 30, 30, 30));
      assertThat(f.get("small-arms").share()).isEqualTo(30.0);
      assertThat(f.get("rockets").share()).isEqualTo(25.0);
      assertThat(f.get("cache").share()).isNull();
      // (30 + 5) of (100 + 20); the un-estimated cache has no denominator.
      assertThat(b.overallShare(z)).isEqualTo(29.2);
      return null;
    });
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode body(String id) {
    var b = Mission.obj();
    b.put("id", id);
    b.putArray("evidence");
    return b;
  }

  private void verifyZone() {
    m.report("i1", "small-arms", 50, 34.31, 31.31);
    m.decommission("i1");
    m.verify("i1");
    m.ok("monitors", "zone.certified", m.certification("z1"));
    assertThat(m.status("z1")).isEqualTo(Status.VERIFIED);
  }
}
