package org.stabilis.force;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The assignment problem of SPEC §5, built purely from tasks and active pledges: which pledge may
 * fill which requirement slot, and why the others are kept out. Tasks are ordered by priority then
 * id, pledges by id, so the same state always gives the same problem.
 */
public final class CoverageProblem {

  /** One requirement of one task: {@code units} units of {@code capability}. */
  public record Slot(int task, int requirement, String capability, int units, int priority) {}

  /** A pledge of matching capability that a caveat keeps out of a task. */
  public record Kept(int pledge, int task, Eligibility.Exclusion exclusion) {}

  /** The day asked about: only pledges available by then serve. */
  public final LocalDate date;

  public final List<Task> tasks;
  public final List<Pledge> pledges;
  public final List<Slot> slots = new ArrayList<>();

  /** For each slot, the pledges that may fill it, ascending. */
  public final List<int[]> eligible = new ArrayList<>();

  public final List<Kept> kept = new ArrayList<>();

  /** Distinct priorities, highest (1) first. */
  public final int[] priorities;

  public CoverageProblem(List<Task> tasks, List<Pledge> pledges, LocalDate date) {
    this.date = java.util.Objects.requireNonNull(date, "date");
    this.tasks =
        tasks.stream()
            .sorted(Comparator.comparingInt(Task::priority).thenComparing(Task::id))
            .toList();
    this.pledges = pledges.stream().sorted(Comparator.comparing(Pledge::id)).toList();
    TreeSet<Integer> levels = new TreeSet<>();
    for (int t = 0; t < this.tasks.size(); t++) {
      Task task = this.tasks.get(t);
      levels.add(task.priority());
      Eligibility.Exclusion[] why = new Eligibility.Exclusion[this.pledges.size()];
      boolean[] matches = new boolean[this.pledges.size()];
      for (int r = 0; r < task.requirements().size(); r++) {
        Task.Requirement req = task.requirements().get(r);
        slots.add(new Slot(t, r, req.capability(), req.units(), task.priority()));
        List<Integer> ok = new ArrayList<>();
        for (int p = 0; p < this.pledges.size(); p++) {
          Pledge pledge = this.pledges.get(p);
          if (!pledge.capability().equals(req.capability())) continue;
          matches[p] = true;
          Eligibility.Exclusion x = Eligibility.exclusion(pledge, task, date);
          if (x == null) ok.add(p);
          else why[p] = x;
        }
        eligible.add(ok.stream().mapToInt(Integer::intValue).toArray());
      }
      for (int p = 0; p < why.length; p++)
        if (matches[p] && why[p] != null) kept.add(new Kept(p, t, why[p]));
    }
    priorities = levels.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Units asked for at each priority level, aligned with {@link #priorities}. */
  public long[] requiredByLevel() {
    long[] out = new long[priorities.length];
    for (Slot s : slots) out[level(s.priority())] += s.units();
    return out;
  }

  int level(int priority) {
    return java.util.Arrays.binarySearch(priorities, priority);
  }

  /**
   * Covered units per priority level (aligned with {@link #priorities}) of an assignment, after
   * checking it: each pledge fills at most one slot it is eligible for, and no slot is overfilled.
   */
  public long[] value(int[] slotOfPledge) {
    if (slotOfPledge.length != pledges.size())
      throw new IllegalArgumentException("one entry per pledge expected");
    int[] fill = new int[slots.size()];
    long[] out = new long[priorities.length];
    for (int p = 0; p < slotOfPledge.length; p++) {
      int s = slotOfPledge[p];
      if (s < 0) continue;
      final int pledge = p;
      if (java.util.Arrays.stream(eligible.get(s)).noneMatch(e -> e == pledge))
        throw new IllegalStateException(
            "pledge " + pledges.get(p).id() + " is not eligible for slot " + s);
      if (++fill[s] > slots.get(s).units())
        throw new IllegalStateException("slot " + s + " overfilled");
      out[level(slots.get(s).priority())]++;
    }
    return out;
  }

  /** Lexicographic comparison of per-level coverage vectors: higher priority levels count first. */
  public static int compareLexicographic(long[] a, long[] b) {
    return java.util.Arrays.compare(a, b);
  }
}
