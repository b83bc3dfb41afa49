package org.stabilis.force;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solves a {@link CoverageProblem} with OR-Tools CP-SAT: each pledge fills at most one slot it is
 * eligible for, each slot takes at most its units, and covered units are maximised
 * lexicographically by priority (every unit at priority 1 outweighs any number at priority 2).
 *
 * <p>Lexicographic order is encoded with weights: a level's weight exceeds the most the lower
 * levels of the same stage could ever add up to, so one solve gives the lexicographic optimum. When
 * the weights of all levels would not fit safely in 64-bit coefficients (many priority levels with
 * many units), the levels are split into stages solved one after another, each stage's optimum
 * fixed as a constraint before the next. The greedy assignment seeds the first solve.
 *
 * <p>Deterministic: one search worker and a fixed seed; the same problem gives the same answer. The
 * result says whether every stage was proven optimal within the time limit.
 */
public final class CoverageSolver {
  /** Largest weighted objective a stage may reach; far below 2^63 so sums cannot overflow. */
  static final long MAX_OBJECTIVE = 1L << 50;

  private static volatile boolean loaded;

  private final Duration timeLimit;

  public CoverageSolver(Duration timeLimit) {
    this.timeLimit = timeLimit;
  }

  /** The assignment: for each pledge of the problem, its slot or -1. */
  public record Result(
      int[] slotOfPledge,
      long[] coveredByLevel,
      boolean optimal,
      String status,
      long solveMs,
      int stages) {}

  /**
   * Loads the OR-Tools native library once; returns the milliseconds it took (0 when already
   * loaded).
   */
  public static long load() {
    long t0 = System.nanoTime();
    if (loaded) return 0;
    synchronized (CoverageSolver.class) {
      if (!loaded) {
        Loader.loadNativeLibraries();
        loaded = true;
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  public Result solve(CoverageProblem problem) {
    long start = System.nanoTime();
    int[] greedy = GreedyAssignment.assign(problem);
    int n = problem.pledges.size();
    // Nothing to decide: avoid loading the native library for an empty model.
    if (problem.eligible.stream().allMatch(e -> e.length == 0))
      return new Result(greedy, problem.value(greedy), true, "OPTIMAL", ms(start), 0);
    load();
    CpModel model = new CpModel();
    List<List<BoolVar>> byPledge = new ArrayList<>();
    for (int p = 0; p < n; p++) byPledge.add(new ArrayList<>());
    List<int[]> varSlotPledge = new ArrayList<>();
    List<BoolVar> vars = new ArrayList<>();
    for (int s = 0; s < problem.slots.size(); s++) {
      List<BoolVar> inSlot = new ArrayList<>();
      for (int p : problem.eligible.get(s)) {
        BoolVar x = model.newBoolVar("x_" + p + "_" + s);
        vars.add(x);
        varSlotPledge.add(new int[] {s, p});
        inSlot.add(x);
        byPledge.get(p).add(x);
      }
      if (inSlot.size() > problem.slots.get(s).units())
        model.addLessOrEqual(
            LinearExpr.sum(inSlot.toArray(BoolVar[]::new)), problem.slots.get(s).units());
    }
    for (List<BoolVar> xs : byPledge)
      if (xs.size() > 1) model.addAtMostOne(xs.toArray(com.google.ortools.sat.Literal[]::new));

    int[] hint = greedy;
    boolean optimal = true;
    String status = "OPTIMAL";
    int stages = 0;
    long[] cap = levelCaps(problem);
    int level = 0;
    while (level < problem.priorities.length) {
      int end = stageEnd(cap, level);
      long[] weight = weights(cap, level, end);
      long[] coeffs = new long[vars.size()];
      for (int i = 0; i < vars.size(); i++) {
        int lv = problem.level(problem.slots.get(varSlotPledge.get(i)[0]).priority());
        coeffs[i] = lv >= level && lv < end ? weight[lv - level] : 0;
      }
      LinearExpr objective = LinearExpr.weightedSum(vars.toArray(BoolVar[]::new), coeffs);
      model.clearObjective();
      model.maximize(objective);
      model.clearHints();
      for (int i = 0; i < vars.size(); i++)
        model.addHint(vars.get(i), hint[varSlotPledge.get(i)[1]] == varSlotPledge.get(i)[0]);
      CpSolver solver = new CpSolver();
      solver
          .getParameters()
          .setNumWorkers(1)
          .setRandomSeed(20251117)
          .setMaxTimeInSeconds(
              Math.max(0.01, (timeLimit.toNanos() - (System.nanoTime() - start)) / 1e9));
      CpSolverStatus st = solver.solve(model);
      stages++;
      if (st == CpSolverStatus.UNKNOWN) {
        // The time ran out before this stage found anything (a busy machine): the assignment of the
        // stages before, or the greedy one, is feasible; answer it, marked as not proven optimal.
        optimal = false;
        status = st.name();
        break;
      }
      if (st != CpSolverStatus.OPTIMAL && st != CpSolverStatus.FEASIBLE)
        throw new IllegalStateException(
            "CP-SAT found no assignment (" + st + "); the empty assignment is always feasible");
      if (st != CpSolverStatus.OPTIMAL) {
        optimal = false;
        status = st.name();
      }
      int[] sol = new int[n];
      Arrays.fill(sol, -1);
      for (int i = 0; i < vars.size(); i++)
        if (solver.booleanValue(vars.get(i)))
          sol[varSlotPledge.get(i)[1]] = varSlotPledge.get(i)[0];
      hint = sol;
      long value = Math.round(solver.objectiveValue());
      if (end < problem.priorities.length) {
        // Later stages may not give up any of this stage's coverage.
        if (st == CpSolverStatus.OPTIMAL) model.addEquality(objective, value);
        else model.addLessOrEqual(LinearExpr.constant(value), objective);
      }
      level = end;
    }
    return new Result(hint, problem.value(hint), optimal, status, ms(start), stages);
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * The most units each level could possibly cover: its units, and no more than its eligible
   * pledges.
   */
  static long[] levelCaps(CoverageProblem problem) {
    long[] units = problem.requiredByLevel();
    List<java.util.BitSet> who = new ArrayList<>();
    for (int i = 0; i < units.length; i++) who.add(new java.util.BitSet());
    for (int s = 0; s < problem.slots.size(); s++)
      for (int p : problem.eligible.get(s))
        who.get(problem.level(problem.slots.get(s).priority())).set(p);
    long[] cap = new long[units.length];
    for (int i = 0; i < cap.length; i++) cap[i] = Math.min(units[i], who.get(i).cardinality());
    return cap;
  }

  /**
   * Weights of levels [from, end): the lowest level weighs 1, each higher one more than all below.
   */
  static long[] weights(long[] cap, int from, int end) {
    long[] w = new long[end - from];
    long below = 0;
    for (int i = end - 1; i >= from; i--) {
      w[i - from] = below + 1;
      below += cap[i] * w[i - from];
    }
    return w;
  }

  /**
   * The end (exclusive) of the longest run of levels from {@code from} whose weighted objective
   * stays bounded.
   */
  static int stageEnd(long[] cap, int from) {
    int end = from + 1;
    while (end < cap.length && maxObjective(cap, from, end + 1) <= MAX_OBJECTIVE) end++;
    return end;
  }

  private static double maxObjective(long[] cap, int from, int end) {
    // In doubles so that an oversized stage is recognised rather than overflowing.
    double below = 0;
    for (int i = end - 1; i >= from; i--) below += cap[i] * (below + 1);
    return below;
  }
}
