package org.stabilis.force;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityTest {
  static final Task FORCEFUL =
      new Task(
          "demil",
          "Demilitarize",
          "test",
          List.of(new Task.Requirement("infantry", 1)),
          List.of("rafah"),
          true,
          1,
          "idf",
          LocalDate.of(2026, 1, 1));

  static Pledge unit(Pledge.Caveats c, Readiness r, LocalDate from) {
    return new Pledge("p1", "aze", "company", "infantry", 100, r, from, c, true, null);
  }

  /**
   * A day by which every unit of these tests is available, so that only the caveat under test
   * decides.
   */
  static final LocalDate DAY = LocalDate.of(2026, 6, 1);

  static final Pledge FREE = unit(Pledge.Caveats.NONE, Readiness.READY, LocalDate.of(2025, 12, 1));

  static CoverageProblem alone(Pledge p) {
    return new CoverageProblem(List.of(FORCEFUL), List.of(p), DAY);
  }

  @Test
  void aUnitWithoutCaveats_servesTheTask() {
    assertThat(Eligibility.exclusion(FREE, FORCEFUL, DAY)).isNull();
    assertThat(
            new CoverageSolver(java.time.Duration.ofSeconds(5)).solve(alone(FREE)).coveredByLevel())
        .containsExactly(1);
  }

  @Test
  void excludingTheTask_keepsTheUnitOut() {
    Pledge p = FREE.withCaveats(new Pledge.Caveats(Set.of("demil"), Set.of(), false, null));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).caveat())
        .isEqualTo(Eligibility.Caveat.EXCLUDED_TASKS);
    assertThat(alone(p).eligible.getFirst()).isEmpty();
  }

  @Test
  void excludingOneOfTheTasksZones_keepsTheUnitOut() {
    Pledge p = FREE.withCaveats(new Pledge.Caveats(Set.of(), Set.of("rafah"), false, null));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).reason())
        .isEqualTo("aze: excludes zone rafah");
    assertThat(alone(p).eligible.getFirst()).isEmpty();
  }

  @Test
  void excludingAnotherZone_doesNotKeepTheUnitOutOfAZonedTask() {
    Pledge p = FREE.withCaveats(new Pledge.Caveats(Set.of(), Set.of("gaza-city"), false, null));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY)).isNull();
  }

  @Test
  void noUseOfForce_keepsTheUnitOutOfATaskThatNeedsForce() {
    Pledge p = FREE.withCaveats(new Pledge.Caveats(Set.of(), Set.of(), true, null));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).reason()).isEqualTo("aze: no use of force");
    Task calm =
        new Task(
            "calm",
            "Maintain calm",
            "test",
            FORCEFUL.requirements(),
            List.of(),
            false,
            1,
            null,
            null);
    assertThat(Eligibility.exclusion(p, calm, DAY)).isNull();
  }

  @Test
  void readinessRegistered_keepsTheUnitOut() {
    Pledge p = unit(Pledge.Caveats.NONE, Readiness.REGISTERED, LocalDate.of(2025, 12, 1));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).caveat())
        .isEqualTo(Eligibility.Caveat.READINESS);
    assertThat(
            Eligibility.exclusion(
                unit(Pledge.Caveats.NONE, Readiness.ASSESSED, LocalDate.of(2025, 12, 1)),
                FORCEFUL,
                DAY))
        .isNull();
  }

  @Test
  void availableAfterTheNeedDate_keepsTheUnitOut() {
    Pledge p = unit(Pledge.Caveats.NONE, Readiness.READY, LocalDate.of(2026, 1, 15));
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).reason())
        .isEqualTo("aze: available from 2026-01-15, after the need date 2026-01-01");
    assertThat(
            Eligibility.exclusion(
                unit(Pledge.Caveats.NONE, Readiness.READY, LocalDate.of(2026, 1, 1)),
                FORCEFUL,
                DAY))
        .isNull();
  }

  @Test
  void liftingEachCaveat_letsTheUnitServeAgain() {
    Pledge bound =
        new Pledge(
            "p1",
            "aze",
            "company",
            "infantry",
            100,
            Readiness.REGISTERED,
            LocalDate.of(2026, 2, 1),
            new Pledge.Caveats(Set.of("demil"), Set.of("rafah"), true, null),
            true,
            null);
    Pledge p = bound;
    for (Eligibility.Caveat c : Eligibility.Caveat.values()) {
      assertThat(Eligibility.exclusion(p, FORCEFUL, DAY).caveat()).isEqualTo(c);
      p = Eligibility.lift(p, c);
    }
    assertThat(Eligibility.exclusion(p, FORCEFUL, DAY)).isNull();
  }

  @Test
  void aPledgeOfAnotherCapability_isNotListedAsKeptOut() {
    Pledge medic =
        new Pledge(
            "m1",
            "idn",
            "field hospital",
            "medical",
            100,
            Readiness.READY,
            LocalDate.of(2025, 12, 1),
            Pledge.Caveats.NONE,
            true,
            null);
    assertThat(new CoverageProblem(List.of(FORCEFUL), List.of(medic), DAY).kept).isEmpty();
  }

  @Test
  void aUnitNotYetAvailableOnTheDateAsked_isKeptOutNamingAvailableFrom() {
    Task calm =
        new Task(
            "calm",
            "Maintain calm",
            "test",
            List.of(new Task.Requirement("infantry", 1)),
            List.of(),
            false,
            1,
            null,
            null);
    Pledge later = unit(Pledge.Caveats.NONE, Readiness.READY, LocalDate.of(2099, 1, 1));
    Eligibility.Exclusion x = Eligibility.exclusion(later, calm, LocalDate.of(2026, 1, 1));
    assertThat(x.caveat()).isEqualTo(Eligibility.Caveat.AVAILABLE_FROM);
    assertThat(x.reason())
        .isEqualTo("aze: available from 2099-01-01, after the date asked 2026-01-01");
    assertThat(Eligibility.exclusion(later, calm, LocalDate.of(2099, 1, 1)))
        .as("available on that very day")
        .isNull();
    var problem = new CoverageProblem(List.of(calm), List.of(later), LocalDate.of(2026, 1, 1));
    assertThat(new CoverageSolver(java.time.Duration.ofSeconds(5)).solve(problem).coveredByLevel())
        .containsExactly(0);
    assertThat(problem.kept)
        .extracting(k -> k.exclusion().caveat())
        .containsExactly(Eligibility.Caveat.AVAILABLE_FROM);
  }
}
