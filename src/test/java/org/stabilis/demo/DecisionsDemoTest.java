package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        assertThat(phases).allMatch(p -> !p.complete());
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
      String csv =
          org.stabilis.obligation.ObligationRoutes.csv(
              app.obligations, LocalDate.parse("2026-12-01"));
      assertThat(csv.lines()).hasSize(2 + 8);
    } finally {
      app.close();
    }
  }
}
