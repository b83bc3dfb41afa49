package org.stabilis.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.force.CoverageProblem;
import org.stabilis.force.CoverageSolver;
import org.stabilis.force.GreedyAssignment;
import org.stabilis.force.Pledge;
import org.stabilis.force.Readiness;
import org.stabilis.force.Task;

/**
 * Seeded random coverage instances, for the benchmark and the solver's cross-checks. Tasks carry
 * one requirement each, so {@code requirements} is also the number of tasks.
 */
public final class CoverageBenchmark {
  private CoverageBenchmark() {}

  public record Instance(List<Task> tasks, List<Pledge> pledges) {}

  /**
   * The day the generated instances are solved for: every generated pledge is available by then.
   */
  public static final LocalDate DAY = LocalDate.of(2026, 5, 1);

  public static Instance instance(
      int pledges, int requirements, int zones, int priorities, int maxUnits, long seed) {
    Random rnd = new Random(seed);
    List<String> caps = EventCatalogue.CAPABILITIES.stream().sorted().toList();
    LocalDate base = LocalDate.of(2026, 1, 1);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < requirements; i++) {
      List<String> z = new ArrayList<>();
      int nz = rnd.nextInt(3);
      for (int k = 0; k < nz && zones > 0; k++) {
        String zone = "z" + rnd.nextInt(zones);
        if (!z.contains(zone)) z.add(zone);
      }
      tasks.add(
          new Task(
              "t" + i,
              "task " + i,
              "generated",
              List.of(
                  new Task.Requirement(
                      caps.get(rnd.nextInt(caps.size())), 1 + rnd.nextInt(maxUnits))),
              z,
              rnd.nextInt(4) == 0,
              1 + rnd.nextInt(priorities),
              null,
              rnd.nextBoolean() ? base.plusDays(rnd.nextInt(90)) : null));
    }
    List<Pledge> out = new ArrayList<>();
    for (int i = 0; i < pledges; i++) {
      Set<String> exT =
          rnd.nextInt(5) == 0 ? Set.of("t" + rnd.nextInt(Math.max(1, requirements))) : Set.of();
      Set<String> exZ =
          rnd.nextInt(6) == 0 && zones > 0 ? Set.of("z" + rnd.nextInt(zones)) : Set.of();
      out.add(
          new Pledge(
              String.format("p%04d", i),
              "c" + rnd.nextInt(20),
              "unit " + i,
              caps.get(rnd.nextInt(caps.size())),
              100,
              Readiness.values()[rnd.nextInt(Readiness.values().length)],
              base.plusDays(rnd.nextInt(120)),
              new Pledge.Caveats(exT, exZ, rnd.nextInt(3) == 0, null),
              true,
              null));
    }
    return new Instance(tasks, out);
  }

  public record Report(
      int pledges,
      int requirements,
      int zones,
      long solverMs,
      boolean optimal,
      long solverCovered,
      long greedyMicros,
      long greedyCovered,
      long required,
      long loadMs,
      String solverByLevel,
      String greedyByLevel) {
    public String describe() {
      return String.format(
          "coverage benchmark: %d pledges × %d requirements × %d zones (%d units required)%n"
              + "  CP-SAT: %d units covered (by priority 1..3: %s) in %d ms, %s (native library load %d ms, not counted)%n"
              + "  greedy: %d units covered (by priority: %s) in %.3f ms (%.1f%% of the optimum's units)",
          pledges,
          requirements,
          zones,
          required,
          solverCovered,
          solverByLevel,
          solverMs,
          optimal ? "proven optimal" : "NOT proven optimal",
          loadMs,
          greedyCovered,
          greedyByLevel,
          greedyMicros / 1000.0,
          solverCovered == 0 ? 100.0 : 100.0 * greedyCovered / solverCovered);
    }
  }

  public static Report run(int pledges, int requirements, int zones, long seed, Duration limit) {
    Instance in = instance(pledges, requirements, zones, 3, 8, seed);
    CoverageProblem problem = new CoverageProblem(in.tasks(), in.pledges(), DAY);
    long g0 = System.nanoTime();
    int[] greedy = GreedyAssignment.assign(problem);
    long greedyMicros = (System.nanoTime() - g0) / 1000;
    long greedyCovered = java.util.Arrays.stream(problem.value(greedy)).sum();
    long loadMs = CoverageSolver.load();
    CoverageSolver.Result r = new CoverageSolver(limit).solve(problem);
    long covered = java.util.Arrays.stream(r.coveredByLevel()).sum();
    long required = java.util.Arrays.stream(problem.requiredByLevel()).sum();
    return new Report(
        pledges,
        requirements,
        zones,
        r.solveMs(),
        r.optimal(),
        covered,
        greedyMicros,
        greedyCovered,
        required,
        loadMs,
        java.util.Arrays.toString(r.coveredByLevel()),
        java.util.Arrays.toString(problem.value(greedy)));
  }
}
