package org.stabilis.force;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stabilis.bench.CoverageBenchmark;

class CoverageSolverTest {
  private final CoverageSolver solver = new CoverageSolver(Duration.ofSeconds(10));

  /** Small instances over two capabilities and two zones, so pledges compete for slots. */
  static CoverageBenchmark.Instance small(long seed) {
    Random rnd = new Random(seed);
    List<String> caps = List.of("infantry", "eod");
    LocalDate base = LocalDate.of(2026, 1, 1);
    List<Task> tasks = new ArrayList<>();
    int nt = 1 + rnd.nextInt(4);
    for (int i = 0; i < nt; i++)
      tasks.add(
          new Task(
              "t" + i,
              "t",
              "test",
              List.of(new Task.Requirement(caps.get(rnd.nextInt(2)), 1 + rnd.nextInt(3))),
              rnd.nextBoolean() ? List.of("z" + rnd.nextInt(2)) : List.of(),
              rnd.nextBoolean(),
              1 + rnd.nextInt(3),
              null,
              rnd.nextBoolean() ? base.plusDays(rnd.nextInt(20)) : null));
    List<Pledge> pledges = new ArrayList<>();
    int np = 1 + rnd.nextInt(8);
    for (int i = 0; i < np; i++)
      pledges.add(
          new Pledge(
              "p" + i,
              "c" + rnd.nextInt(3),
              "u",
              caps.get(rnd.nextInt(2)),
              10,
              Readiness.values()[rnd.nextInt(4)],
              base.plusDays(rnd.nextInt(30)),
              new Pledge.Caveats(
                  rnd.nextInt(4) == 0 ? Set.of("t" + rnd.nextInt(nt)) : Set.of(),
                  rnd.nextInt(4) == 0 ? Set.of("z" + rnd.nextInt(2)) : Set.of(),
                  rnd.nextInt(3) == 0,
                  null),
              true,
              null));
    return new CoverageBenchmark.Instance(tasks, pledges);
  }

  /**
   * Every assignment of each pledge to a slot or none; the lexicographically best per-level
   * coverage.
   */
  static long[] bruteForce(CoverageProblem problem) {
    int n = problem.pledges.size();
    int options = problem.slots.size() + 1;
    int[] choice = new int[n];
    long[] best = new long[problem.priorities.length];
    long total = (long) Math.pow(options, n);
    for (long code = 0; code < total; code++) {
      long c = code;
      for (int p = 0; p < n; p++) {
        choice[p] = (int) (c % options) - 1;
        c /= options;
      }
      long[] v;
      try {
        v = problem.value(choice);
      } catch (IllegalStateException infeasible) {
        continue;
      }
      if (CoverageProblem.compareLexicographic(v, best) > 0) best = v;
    }
    return best;
  }

  @Test
  void onSeededSmallInstances_theSolversOptimumEqualsTheBruteForceOptimum() {
    for (long seed = 1; seed <= 60; seed++) {
      CoverageProblem problem =
          new CoverageProblem(small(seed).tasks(), small(seed).pledges(), CoverageBenchmark.DAY);
      CoverageSolver.Result r = solver.solve(problem);
      assertThat(r.optimal()).as("seed %d proven optimal", seed).isTrue();
      assertThat(problem.value(r.slotOfPledge()))
          .as("seed %d", seed)
          .containsExactly(bruteForce(problem));
    }
  }

  @Test
  void oneUnitAtAHigherPriority_outweighsAnyNumberAtLowerPriorities() {
    // One infantry unit; task A (priority 1) needs 1, task B (priority 2) needs 5 but only one unit
    // exists either way.
    Task a =
        new Task(
            "a",
            "a",
            "test",
            List.of(new Task.Requirement("infantry", 1)),
            List.of(),
            false,
            1,
            null,
            null);
    Task b =
        new Task(
            "b",
            "b",
            "test",
            List.of(new Task.Requirement("infantry", 5)),
            List.of(),
            false,
            2,
            null,
            null);
    Pledge p =
        new Pledge(
            "p",
            "c",
            "u",
            "infantry",
            1,
            Readiness.READY,
            LocalDate.of(2025, 1, 1),
            Pledge.Caveats.NONE,
            true,
            null);
    CoverageProblem problem = new CoverageProblem(List.of(b, a), List.of(p), CoverageBenchmark.DAY);
    assertThat(problem.value(solver.solve(problem).slotOfPledge())).containsExactly(1, 0);
  }

  @Test
  void manyPriorityLevels_areSolvedInStagesAndStayLexicographic() {
    long[] caps = new long[12];
    java.util.Arrays.fill(caps, 300_000);
    // Twelve levels of 300,000 units cannot share one 2^50 objective: the solver splits them.
    assertThat(CoverageSolver.stageEnd(caps, 0)).isLessThan(12);
    long[] w = CoverageSolver.weights(new long[] {2, 3, 4}, 0, 3);
    assertThat(w[0]).isGreaterThan(3 * w[1] + 4 * w[2]);
    assertThat(w[1]).isGreaterThan(4 * w[2]);
  }

  @Test
  void theSameProblem_alwaysGetsTheSameAssignment() {
    CoverageBenchmark.Instance in = CoverageBenchmark.instance(80, 20, 4, 3, 4, 7);
    CoverageProblem problem = new CoverageProblem(in.tasks(), in.pledges(), CoverageBenchmark.DAY);
    assertThat(solver.solve(problem).slotOfPledge())
        .containsExactly(solver.solve(problem).slotOfPledge());
  }

  @Test
  void whenTheTimeRunsOutBeforeAStageFindsAnything_theBestAssignmentSoFarIsAnswered_notAnError() {
    // 1 ns leaves every stage the solver's minimum of 10 ms: on a busy machine, some stages find
    // nothing in that time. The answer must still be a feasible assignment, never an exception.
    Random rnd = new Random(11);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 60; i++)
      tasks.add(
          new Task(
              "t" + i,
              "t",
              "test",
              List.of(new Task.Requirement(i % 2 == 0 ? "infantry" : "eod", 1 + rnd.nextInt(5))),
              List.of("z" + rnd.nextInt(5)),
              false,
              1 + i % 12,
              null,
              null));
    List<Pledge> pledges = new ArrayList<>();
    for (int i = 0; i < 400; i++)
      pledges.add(
          new Pledge(
              "p" + i,
              "c" + rnd.nextInt(9),
              "u",
              i % 2 == 0 ? "infantry" : "eod",
              10,
              Readiness.READY,
              LocalDate.of(2025, 1, 1),
              new Pledge.Caveats(Set.of(), Set.of("z" + rnd.nextInt(5)), false, null),
              true,
              null));
    CoverageProblem problem = new CoverageProblem(tasks, pledges, CoverageBenchmark.DAY);
    CoverageSolver.Result r = new CoverageSolver(Duration.ofNanos(1)).solve(problem);
    assertThat(problem.value(r.slotOfPledge())).as("a feasible assignment").isNotNull();
    if (!r.optimal()) assertThat(r.status()).isIn("FEASIBLE", "UNKNOWN");
  }
}
