package org.stabilis.force;

import java.util.Arrays;

/**
 * A fast feasible assignment, used to seed the solver and as the benchmark's baseline; never as the
 * answer. Slots are filled in priority order, each with the free eligible pledges that have the
 * fewest other uses first.
 */
public final class GreedyAssignment {
  private GreedyAssignment() {}

  public static int[] assign(CoverageProblem problem) {
    int n = problem.pledges.size();
    int[] uses = new int[n];
    for (int[] e : problem.eligible) for (int p : e) uses[p]++;
    int[] slotOfPledge = new int[n];
    Arrays.fill(slotOfPledge, -1);
    Integer[] order = new Integer[problem.slots.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    // Stable sort: within a priority, slots keep task-then-requirement order.
    Arrays.sort(
        order,
        (a, b) ->
            Integer.compare(problem.slots.get(a).priority(), problem.slots.get(b).priority()));
    for (int s : order) {
      int need = problem.slots.get(s).units();
      int[] candidates =
          Arrays.stream(problem.eligible.get(s))
              .boxed()
              .sorted((a, b) ->
                  uses[a] != uses[b] ? Integer.compare(uses[a], uses[b]) : Integer.compare(a, b))
              .mapToInt(Integer::intValue)
              .toArray();
      for (int p : candidates) {
        if (need == 0) break;
        if (slotOfPledge[p] >= 0) continue;
        slotOfPledge[p] = s;
        need--;
      }
    }
    return slotOfPledge;
  }
}
