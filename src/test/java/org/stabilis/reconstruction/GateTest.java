package org.stabilis.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.zone.Mission.box;
import static org.stabilis.zone.Mission.polygon;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.Rejection;
import org.stabilis.zone.Mission;

class GateTest {
  @TempDir Path dir;
  Mission m;

  @BeforeEach
  void setUp() {
    m = new Mission(dir.resolve("log"));
    m.defineZone("z1", polygon(box(34.30, 31.30, 34.34, 31.34)));
    m.gate(true, 50);
    m.estimate("z1", "small-arms", 100);
    m.report("i1", "small-arms", 60, 34.31, 31.31);
    m.decommission("i1");
    m.verify("i1");
    m.ok("impl-water", "project.registered", m.project("p1", "z1", 34.32, 31.32));
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private Projects.GateState state(String id) {
    return m.app.log.read(() -> m.app.projects.gateState(m.app.projects.get(id).orElseThrow()));
  }

  @Test
  void approval_inAZoneNotYetVerified_isRefusedNamingTheCriterion() {
    Rejection r = m.refused("cmcc", "project.approved", m.decision("p1"));
    assertThat(r.rule().wire()).isEqualTo("zone-not-verified");
    assertThat(r.detail()).contains("zone-status").contains("in-progress");
    assertThat(state("p1")).isEqualTo(Projects.GateState.PENDING);
  }

  @Test
  void approval_isDecidedAtTheExactIndexWhereTheZoneBecomesVerifiedOrSuspended() {
    long cert = m.ok("monitors", "zone.certified", m.certification("z1"));
    long approved = m.ok("cmcc", "project.approved", m.decision("p1"));
    assertThat(approved).isEqualTo(cert + 1);
    assertThat(m.app.log.read(() -> m.app.projects.project("p1").orElseThrow().approved()))
        .isTrue();

    m.ok("impl-water", "project.registered", m.project("p2", "z1", 34.32, 31.32));
    long inc =
        m.ok(
            "idf",
            "incident.reported",
            m.incident("inc-1", "rearmament-indicator", 4, 34.33, 31.33));
    Rejection r = m.refused("cmcc", "project.approved", m.decision("p2"));
    assertThat(r.rule().wire()).isEqualTo("zone-not-verified");
    assertThat(r.detail()).contains("suspended");
    assertThat(m.app.log.size()).isEqualTo(inc + 1);
    // Approved before the suspension: frozen, still approved for ProjectView.
    assertThat(state("p1")).isEqualTo(Projects.GateState.FROZEN);
    assertThat(m.app.log.read(() -> m.app.projects.project("p1").orElseThrow().approved()))
        .isTrue();

    m.ok("monitors", "zone.certified", m.certification("z1"));
    assertThat(state("p1")).isEqualTo(Projects.GateState.APPROVED);
    m.ok("cmcc", "project.approved", m.decision("p2"));
  }

  @Test
  void approval_isRefused_whenAnItemReportedAfterCertificationIsNotYetVerified() {
    m.ok("monitors", "zone.certified", m.certification("z1"));
    m.report("i2", "cache", 1, 34.31, 31.31);
    Rejection r = m.refused("cmcc", "project.approved", m.decision("p1"));
    assertThat(r.rule().wire()).isEqualTo("zone-not-verified");
    assertThat(r.detail()).contains("items-not-verified").contains("i2");
  }

  @Test
  void approval_isRefused_whenThePolicyIsRaisedAboveTheZonesShare() {
    m.ok("monitors", "zone.certified", m.certification("z1"));
    m.gate(true, 80);
    Rejection r = m.refused("cmcc", "project.approved", m.decision("p1"));
    assertThat(r.detail())
        .contains("decommissioned-share-below-policy")
        .contains("60 of an estimated 100");
  }

  @Test
  void withoutARequiredVerifiedZone_theShareAloneGates() {
    m.gate(false, 50);
    m.ok("cmcc", "project.approved", m.decision("p1"));
    assertThat(state("p1")).isEqualTo(Projects.GateState.APPROVED);
  }

  @Test
  void decisions_followPendingApprovedRejected() {
    m.ok("monitors", "zone.certified", m.certification("z1"));
    m.ok("cmcc", "project.approved", m.decision("p1"));
    assertThat(m.refused("cmcc", "project.approved", m.decision("p1")).rule().wire())
        .isEqualTo("project-already-approved");
    m.ok("cmcc", "project.rejected", m.decision("p1"));
    assertThat(state("p1")).isEqualTo(Projects.GateState.REJECTED);
    assertThat(m.app.log.read(() -> m.app.projects.project("p1").orElseThrow().approved()))
        .isFalse();
    assertThat(m.refused("cmcc", "project.approved", m.decision("p1")).rule().wire())
        .isEqualTo("project-rejected");
    assertThat(m.refused("cmcc", "project.approved", m.decision("nope")).rule().wire())
        .isEqualTo("no-such-project");
  }

  @Test
  void registration_isRefused_outsideItsZone_inAnUnknownZone_orWithAnItemTwice() {
    assertThat(
            m.refused("impl-water", "project.registered", m.project("p2", "z1", 34.40, 31.40))
                .rule()
                .wire())
        .isEqualTo("project-outside-zone");
    assertThat(
            m.refused("impl-water", "project.registered", m.project("p2", "zx", 34.32, 31.32))
                .rule()
                .wire())
        .isEqualTo("no-such-zone");
    var twice = m.project("p2", "z1", 34.32, 31.32);
    ((com.fasterxml.jackson.databind.node.ArrayNode) twice.get("materials"))
        .addObject()
        .put("item", "cement")
        .put("quantity", 5);
    assertThat(m.refused("impl-water", "project.registered", twice).rule().wire())
        .isEqualTo("duplicate-material");
  }

  @Test
  void registration_isRefused_whenTheBillNamesAnItemNotInTheCatalogue() {
    long before = m.app.log.size();
    var bill = m.project("p3", "z1", 34.32, 31.32);
    ((com.fasterxml.jackson.databind.node.ArrayNode) bill.get("materials"))
        .addObject()
        .put("item", "unobtainium")
        .put("quantity", 5);
    var r = m.refused("impl-water", "project.registered", bill);
    assertThat(r.rule().wire()).isEqualTo("no-such-item");
    assertThat(r.detail()).contains("unobtainium");
    assertThat(m.app.log.size()).as("nothing appended").isEqualTo(before);
    assertThat(m.app.log.read(() -> m.app.projects.project("p3"))).isEmpty();
  }

  @Test
  void projectView_givesZoneImplementerAndBillOfMaterials() {
    var info = m.app.log.read(() -> m.app.projects.project("p1").orElseThrow());
    assertThat(info.zone()).isEqualTo("z1");
    assertThat(info.implementer()).isEqualTo("impl-water");
    assertThat(info.approved()).isFalse();
    assertThat(info.materials()).containsEntry("cement", 1000L);
  }
}
