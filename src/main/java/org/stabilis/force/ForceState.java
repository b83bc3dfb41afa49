package org.stabilis.force;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a force snapshot holds (SPEC §7): the tasks in definition order and every pledge's history
 * in the order the pledges were made, as plain values (dates and times as ISO-8601 strings,
 * readiness as its wire word, caveat sets as lists in the order stated).
 */
record ForceState(int format, List<TaskState> tasks, List<PledgeHistory> pledges) {

  /** Bumped whenever the meaning of a field changes; a snapshot of another format is refused. */
  static final int FORMAT = 1;

  record TaskState(
      String id,
      String title,
      String source,
      List<Task.Requirement> requirements,
      List<String> zones,
      boolean useOfForce,
      int priority,
      String fallbackParty,
      String needBy) {

    static TaskState of(Task t) {
      return new TaskState(
          t.id(),
          t.title(),
          t.source(),
          t.requirements(),
          t.zones(),
          t.useOfForce(),
          t.priority(),
          t.fallbackParty(),
          t.needBy() == null ? null : t.needBy().toString());
    }

    Task task() {
      return new Task(
          id,
          title,
          source,
          requirements,
          zones,
          useOfForce,
          priority,
          fallbackParty,
          needBy == null ? null : LocalDate.parse(needBy));
    }
  }

  record PledgeState(
      String id,
      String party,
      String unit,
      String capability,
      int personnel,
      String readiness,
      String availableFrom,
      List<String> excludedTasks,
      List<String> excludedZones,
      boolean noUseOfForce,
      String conditions,
      boolean illustrative,
      String source) {

    static PledgeState of(Pledge p) {
      Pledge.Caveats c = p.caveats();
      return new PledgeState(
          p.id(),
          p.party(),
          p.unit(),
          p.capability(),
          p.personnel(),
          p.readiness().wire(),
          p.availableFrom().toString(),
          List.copyOf(c.excludedTasks()),
          List.copyOf(c.excludedZones()),
          c.noUseOfForce(),
          c.conditions(),
          p.illustrative(),
          p.source());
    }

    Pledge pledge() {
      return new Pledge(
          id,
          party,
          unit,
          capability,
          personnel,
          Readiness.parse(readiness),
          LocalDate.parse(availableFrom),
          new Pledge.Caveats(
              new LinkedHashSet<>(excludedTasks),
              new LinkedHashSet<>(excludedZones),
              noUseOfForce,
              conditions),
          illustrative,
          source);
    }
  }

  record VersionState(long index, String type, String time, PledgeState pledge, String reason) {
    static VersionState of(Pledge.Version v) {
      return new VersionState(
          v.index(), v.type(), v.time().toString(), PledgeState.of(v.pledge()), v.reason());
    }

    Pledge.Version version() {
      return new Pledge.Version(index, type, Instant.parse(time), pledge.pledge(), reason);
    }
  }

  record PledgeHistory(String id, List<VersionState> versions) {}

  static ForceState of(Iterable<Task> tasks, Iterable<List<Pledge.Version>> histories) {
    List<TaskState> ts = new ArrayList<>();
    for (Task t : tasks) ts.add(TaskState.of(t));
    List<PledgeHistory> ps = new ArrayList<>();
    for (List<Pledge.Version> h : histories) {
      List<VersionState> vs = new ArrayList<>(h.size());
      for (Pledge.Version v : h) vs.add(VersionState.of(v));
      ps.add(new PledgeHistory(h.getFirst().pledge().id(), vs));
    }
    return new ForceState(FORMAT, ts, ps);
  }
}
