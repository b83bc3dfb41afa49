package org.stabilis.force;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stabilis.log.canonical.StrictJson;

/**
 * The answer of SPEC §5 "Mandate coverage": per task, required and assigned units and which
 * pledges; the pledges a caveat kept out and why; the uncovered remainder and who inherits it;
 * totals per contributor; and whether the solver proved the assignment optimal.
 */
public record Coverage(
    long asOf,
    LocalDate date,
    boolean optimal,
    String status,
    long solveMs,
    List<TaskCoverage> tasks,
    List<Gap> uncovered,
    List<Contributor> contributors,
    long required,
    long assigned) {

  public record Assigned(String pledge, String party, String unit) {}

  public record RequirementCoverage(
      String capability, int required, int assigned, List<Assigned> pledges) {}

  public record KeptOut(
      String pledge, String party, String capability, String caveat, String reason) {}

  public record TaskCoverage(
      String id,
      String title,
      String source,
      int priority,
      boolean useOfForce,
      String fallbackParty,
      int required,
      int assigned,
      List<RequirementCoverage> requirements,
      List<KeptOut> keptOut) {}

  /**
   * Units of a task's requirement that no pledge fills; {@code inheritedBy} is null when the task
   * names no fallback.
   */
  public record Gap(String task, int priority, String capability, int units, String inheritedBy) {}

  public record Contributor(
      String party, int pledges, int assigned, int personnelPledged, int personnelAssigned) {}

  public static Coverage of(CoverageProblem problem, CoverageSolver.Result result, long asOf) {
    int[] slotOf = result.slotOfPledge();
    List<List<Assigned>> bySlot = new ArrayList<>();
    for (int s = 0; s < problem.slots.size(); s++) bySlot.add(new ArrayList<>());
    for (int p = 0; p < slotOf.length; p++) {
      if (slotOf[p] < 0) continue;
      Pledge pl = problem.pledges.get(p);
      bySlot.get(slotOf[p]).add(new Assigned(pl.id(), pl.party(), pl.unit()));
    }
    List<TaskCoverage> tasks = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    long required = 0, assigned = 0;
    for (int t = 0; t < problem.tasks.size(); t++) {
      Task task = problem.tasks.get(t);
      List<RequirementCoverage> reqs = new ArrayList<>();
      int tr = 0, ta = 0;
      for (int s = 0; s < problem.slots.size(); s++) {
        CoverageProblem.Slot slot = problem.slots.get(s);
        if (slot.task() != t) continue;
        List<Assigned> a = bySlot.get(s);
        reqs.add(
            new RequirementCoverage(slot.capability(), slot.units(), a.size(), List.copyOf(a)));
        tr += slot.units();
        ta += a.size();
        if (a.size() < slot.units())
          gaps.add(
              new Gap(
                  task.id(),
                  task.priority(),
                  slot.capability(),
                  slot.units() - a.size(),
                  task.fallbackParty()));
      }
      List<KeptOut> kept = new ArrayList<>();
      for (CoverageProblem.Kept k : problem.kept) {
        if (k.task() != t) continue;
        Pledge pl = problem.pledges.get(k.pledge());
        kept.add(
            new KeptOut(
                pl.id(),
                pl.party(),
                pl.capability(),
                k.exclusion().caveat().wire,
                k.exclusion().reason()));
      }
      tasks.add(
          new TaskCoverage(
              task.id(),
              task.title(),
              task.source(),
              task.priority(),
              task.useOfForce(),
              task.fallbackParty(),
              tr,
              ta,
              reqs,
              kept));
      required += tr;
      assigned += ta;
    }
    Map<String, int[]> per = new TreeMap<>();
    for (int p = 0; p < slotOf.length; p++) {
      Pledge pl = problem.pledges.get(p);
      int[] c = per.computeIfAbsent(pl.party(), k -> new int[4]);
      c[0]++;
      c[2] += pl.personnel();
      if (slotOf[p] >= 0) {
        c[1]++;
        c[3] += pl.personnel();
      }
    }
    List<Contributor> contributors = new ArrayList<>();
    per.forEach((party, c) -> contributors.add(new Contributor(party, c[0], c[1], c[2], c[3])));
    return new Coverage(
        asOf,
        problem.date,
        result.optimal(),
        result.status(),
        result.solveMs(),
        tasks,
        gaps,
        contributors,
        required,
        assigned);
  }

  public TaskCoverage task(String id) {
    return tasks.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  /** Pledge id → task it serves, for every assigned pledge. */
  public Map<String, String> assignments() {
    Map<String, String> out = new TreeMap<>();
    for (TaskCoverage t : tasks)
      for (RequirementCoverage r : t.requirements())
        for (Assigned a : r.pledges()) out.put(a.pledge(), t.id());
    return out;
  }

  // ---- JSON --------------------------------------------------------------------------------

  public ObjectNode json() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("as_of", asOf);
    o.put("date", date.toString());
    ObjectNode solver = o.putObject("solver");
    solver.put("name", "OR-Tools CP-SAT");
    solver.put("optimal", optimal);
    solver.put("status", status);
    solver.put("solve_ms", solveMs);
    o.put("required_units", required);
    o.put("assigned_units", assigned);
    o.put("uncovered_units", required - assigned);
    ArrayNode ts = o.putArray("tasks");
    for (TaskCoverage t : tasks) {
      ObjectNode j = ts.addObject();
      j.put("id", t.id());
      j.put("title", t.title());
      j.put("source", t.source());
      j.put("priority", t.priority());
      j.put("use_of_force", t.useOfForce());
      if (t.fallbackParty() != null) j.put("fallback_party", t.fallbackParty());
      j.put("required_units", t.required());
      j.put("assigned_units", t.assigned());
      ArrayNode rs = j.putArray("requirements");
      for (RequirementCoverage r : t.requirements()) {
        ObjectNode rj = rs.addObject();
        rj.put("capability", r.capability());
        rj.put("required", r.required());
        rj.put("assigned", r.assigned());
        ArrayNode ps = rj.putArray("pledges");
        for (Assigned a : r.pledges())
          ps.addObject().put("pledge", a.pledge()).put("party", a.party()).put("unit", a.unit());
      }
      ArrayNode ks = j.putArray("kept_out");
      for (KeptOut k : t.keptOut())
        ks.addObject()
            .put("pledge", k.pledge())
            .put("party", k.party())
            .put("capability", k.capability())
            .put("caveat", k.caveat())
            .put("reason", k.reason());
    }
    ArrayNode gs = o.putArray("uncovered");
    for (Gap g : uncovered) {
      ObjectNode gj =
          gs.addObject()
              .put("task", g.task())
              .put("priority", g.priority())
              .put("capability", g.capability())
              .put("units", g.units());
      if (g.inheritedBy() != null) gj.put("inherited_by", g.inheritedBy());
      else gj.putNull("inherited_by");
    }
    ArrayNode cs = o.putArray("contributors");
    for (Contributor c : contributors)
      cs.addObject()
          .put("party", c.party())
          .put("pledges", c.pledges())
          .put("assigned", c.assigned())
          .put("personnel_pledged", c.personnelPledged())
          .put("personnel_assigned", c.personnelAssigned());
    return o;
  }

  /**
   * What changed from {@code before} to this coverage: per task, uncovered units, and pledge
   * assignments.
   */
  public ObjectNode diffFrom(Coverage before) {
    ObjectNode d = StrictJson.mapper().createObjectNode();
    d.put("assigned_units", assigned - before.assigned());
    d.put("uncovered_units", (required - assigned) - (before.required() - before.assigned()));
    ArrayNode ts = d.putArray("tasks");
    Map<String, TaskCoverage> old = new LinkedHashMap<>();
    for (TaskCoverage t : before.tasks()) old.put(t.id(), t);
    for (TaskCoverage t : tasks) {
      TaskCoverage b = old.get(t.id());
      int was = b == null ? 0 : b.assigned();
      if (b == null || was != t.assigned() || b.required() != t.required())
        ts.addObject()
            .put("task", t.id())
            .put("assigned_before", was)
            .put("assigned_after", t.assigned())
            .put("required", t.required());
    }
    ArrayNode ps = d.putArray("pledges");
    Map<String, String> a0 = before.assignments(), a1 = assignments();
    java.util.TreeSet<String> ids = new java.util.TreeSet<>(a0.keySet());
    ids.addAll(a1.keySet());
    for (String id : ids) {
      String x = a0.get(id), y = a1.get(id);
      if (java.util.Objects.equals(x, y)) continue;
      ObjectNode pj = ps.addObject().put("pledge", id);
      if (x == null) pj.putNull("task_before");
      else pj.put("task_before", x);
      if (y == null) pj.putNull("task_after");
      else pj.put("task_after", y);
    }
    return d;
  }
}
