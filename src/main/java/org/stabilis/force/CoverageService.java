package org.stabilis.force;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stabilis.log.LogService;

/**
 * Answers coverage questions: now, as of a log index (by replaying into a fresh projection) and
 * what-if. The solver runs outside the log's read lock; only the state snapshot is taken inside.
 */
public final class CoverageService implements CoverageView {
  /**
   * Long enough for a mission-sized instance to be proven optimal, short enough for a web request.
   */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  private final LogService log;
  private final ForceProjection force;
  private final Supplier<ForceProjection> fresh;
  private final CoverageSolver solver = new CoverageSolver(TIME_LIMIT);

  /**
   * @param fresh makes an empty projection for replays as of an earlier index
   */
  public CoverageService(LogService log, ForceProjection force, Supplier<ForceProjection> fresh) {
    this.log = log;
    this.force = force;
    this.fresh = fresh;
  }

  record Snapshot(long size, List<Task> tasks, List<Pledge> pledges, java.util.Set<String> ids) {}

  private Snapshot now() {
    return log.read(() ->
        new Snapshot(
            log.size(),
            force.tasks(),
            force.activePledges(),
            java.util.Set.copyOf(force.pledgeIds())));
  }

  /**
   * The latest answer, keyed by the log size it was computed at. The log only grows, so a size
   * names one state of the force: an answer for the current size is never stale.
   */
  private volatile Coverage latest;

  @Override
  public Coverage current(LocalDate date) {
    return current(now(), date);
  }

  private Coverage current(Snapshot s, LocalDate date) {
    Coverage c = latest;
    if (c != null && c.asOf() == s.size() && c.date().equals(date)) return c;
    c = solve(s.tasks(), s.pledges(), s.size(), date);
    Coverage before = latest;
    // A request that read an older size must not replace a newer answer.
    if (before == null || before.asOf() <= c.asOf()) latest = c;
    return c;
  }

  /**
   * Coverage over entries [0, upTo): the force as it stood then, counting pledges available by
   * {@code date}.
   */
  public Coverage asOf(long upTo, LocalDate date) {
    if (upTo < 0 || upTo > log.size())
      throw new IllegalArgumentException("at must be in [0, " + log.size() + "]; got " + upTo);
    ForceProjection p = fresh.get();
    log.replayInto(upTo, List.of(p));
    return solve(p.tasks(), p.activePledges(), upTo, date);
  }

  @Override
  public WhatIfReply whatIf(JsonNode request, LocalDate date) {
    try {
      return whatIf(WhatIf.parse(request), date);
    } catch (IllegalArgumentException | WhatIf.UnknownReference e) {
      return new WhatIfRefused(e.getMessage());
    }
  }

  @Override
  public List<Pledge> activePledges() {
    return force.activePledges();
  }

  @Override
  public Map<String, String> capabilities() {
    return Capabilities.all();
  }

  public WhatIfAnswer whatIf(List<WhatIf.Change> changes, LocalDate date) {
    Snapshot s = now();
    List<Pledge> changed = WhatIf.apply(s.pledges(), s.ids(), changes);
    return new WhatIfAnswer(current(s, date), solve(s.tasks(), changed, s.size(), date));
  }

  public Coverage solve(List<Task> tasks, List<Pledge> pledges, long asOf, LocalDate date) {
    CoverageProblem problem = new CoverageProblem(tasks, pledges, date);
    Problem key = new Problem(List.copyOf(tasks), List.copyOf(pledges), date);
    CoverageSolver.Result r;
    synchronized (solved) {
      r = solved.get(key);
    }
    if (r == null) {
      r = solver.solve(problem);
      synchronized (solved) {
        solved.put(key, r);
      }
    }
    return Coverage.of(problem, r, asOf);
  }

  /**
   * What a solve depends on. Between two changes to the force a log holds many entries (incidents,
   * materials), so views "as of" its sizes ask the same question again: it is answered once.
   */
  private record Problem(List<Task> tasks, List<Pledge> pledges, LocalDate date) {}

  /** The latest solves, by what they solved: the solver is deterministic (one worker, a seed). */
  private final Map<Problem, CoverageSolver.Result> solved =
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Problem, CoverageSolver.Result> e) {
          return size() > 64;
        }
      };

  public ForceProjection force() {
    return force;
  }

  public LogService log() {
    return log;
  }
}
