package org.stabilis.force;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.stabilis.catalogue.Reference;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;

/**
 * Mandate tasks and pledges (SPEC §4), folded from the log. Rules: a task id is defined once; a
 * task's zones and fallback party exist; a pledge id is used once; a pledge's caveats name existing
 * tasks and zones; only the pledging party amends or withdraws its pledge, and a withdrawn pledge
 * stays withdrawn. Every version of a pledge is kept.
 */
public final class ForceProjection implements Snapshotting {
  private final Predicate<String> zoneExists;
  private final Predicate<String> partyExists;
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, List<Pledge.Version>> pledges = new LinkedHashMap<>();

  /**
   * @param zoneExists whether a zone id is defined (from the zone module's read interface)
   * @param partyExists whether a party id is registered (for fallback parties)
   */
  public ForceProjection(Predicate<String> zoneExists, Predicate<String> partyExists) {
    this.zoneExists = zoneExists;
    this.partyExists = partyExists;
  }

  // ---- decide ----------------------------------------------------------------------------

  @Override
  public Rejection decide(Event e) {
    return switch (e.type()) {
      case "mandate.task-defined" -> decideTask(e);
      case "pledge.made" -> {
        String id = e.text("id");
        if (pledges.containsKey(id))
          yield Rejection.rule(
              ForceRule.PLEDGE_EXISTS,
              "pledge "
                  + id
                  + " already exists (by "
                  + pledges.get(id).getLast().pledge().party()
                  + "); amend it with pledge.amended or choose another id");
        yield checkCaveats(e.body().path("caveats"));
      }
      case "pledge.amended" -> {
        Rejection r = checkOwnActivePledge(e);
        yield r != null ? r : checkCaveats(e.body().path("caveats"));
      }
      case "pledge.withdrawn" -> checkOwnActivePledge(e);
      default -> null;
    };
  }

  private Rejection decideTask(Event e) {
    String id = e.text("id");
    if (tasks.containsKey(id))
      return Rejection.rule(ForceRule.TASK_EXISTS, "task " + id + " is already defined");
    for (JsonNode z : e.body().path("zones"))
      if (!zoneExists.test(z.asText()))
        return Rejection.rule(
            Reference.NO_SUCH_ZONE,
            "zone " + z.asText() + " is not defined; define it with zone.defined first");
    String fallback = e.text("fallback_party");
    if (fallback != null && !partyExists.test(fallback))
      return Rejection.rule(
          Reference.NO_SUCH_PARTY, "fallback party " + fallback + " is not registered");
    return null;
  }

  private Rejection checkOwnActivePledge(Event e) {
    String id = e.text("id");
    List<Pledge.Version> h = pledges.get(id);
    if (h == null)
      return Rejection.rule(
          ForceRule.NO_SUCH_PLEDGE, "no pledge " + id + " exists; make it with pledge.made");
    Pledge.Version last = h.getLast();
    if (!last.pledge().party().equals(e.party()))
      return Rejection.forbidden(
          "pledge "
              + id
              + " is "
              + last.pledge().party()
              + "'s; a party amends or withdraws only its own pledges");
    if (last.type().equals("pledge.withdrawn"))
      return Rejection.rule(
          ForceRule.PLEDGE_WITHDRAWN,
          "pledge "
              + id
              + " was withdrawn at entry "
              + last.index()
              + "; make a new pledge instead");
    return null;
  }

  private Rejection checkCaveats(JsonNode caveats) {
    for (JsonNode t : caveats.path("excluded_tasks"))
      if (!tasks.containsKey(t.asText()))
        return Rejection.rule(
            ForceRule.NO_SUCH_TASK,
            "caveat excludes task " + t.asText() + ", which is not defined");
    for (JsonNode z : caveats.path("excluded_zones"))
      if (!zoneExists.test(z.asText()))
        return Rejection.rule(
            Reference.NO_SUCH_ZONE,
            "caveat excludes zone " + z.asText() + ", which is not defined");
    return null;
  }

  // ---- evolve ----------------------------------------------------------------------------

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    switch (e.type()) {
      case "mandate.task-defined" -> {
        Task t = task(e.body());
        if (tasks.putIfAbsent(t.id(), t) != null)
          throw new IllegalStateException(
              "entry " + entry.index() + " defines task " + t.id() + " a second time");
      }
      case "pledge.made" -> {
        Pledge p = pledge(e.party(), e.body());
        if (pledges.containsKey(p.id()))
          throw new IllegalStateException(
              "entry " + entry.index() + " makes pledge " + p.id() + " a second time");
        List<Pledge.Version> h = new ArrayList<>();
        h.add(new Pledge.Version(entry.index(), e.type(), e.time(), p, null));
        pledges.put(p.id(), h);
      }
      case "pledge.amended", "pledge.withdrawn" -> {
        String id = e.text("id");
        List<Pledge.Version> h = pledges.get(id);
        if (h == null
            || !h.getLast().pledge().party().equals(e.party())
            || h.getLast().type().equals("pledge.withdrawn"))
          throw new IllegalStateException(
              "entry "
                  + entry.index()
                  + " changes pledge "
                  + id
                  + ", which "
                  + e.party()
                  + " cannot change");
        Pledge p =
            e.type().equals("pledge.amended") ? pledge(e.party(), e.body()) : h.getLast().pledge();
        h.add(new Pledge.Version(entry.index(), e.type(), e.time(), p, e.text("reason")));
      }
      default -> {}
    }
  }

  @Override
  public void reset() {
    tasks.clear();
    pledges.clear();
  }

  static Task task(JsonNode b) {
    List<Task.Requirement> reqs = new ArrayList<>();
    for (JsonNode r : b.path("requirements"))
      reqs.add(new Task.Requirement(r.path("capability").asText(), r.path("units").asInt()));
    return new Task(
        b.path("id").asText(),
        b.path("title").asText(),
        b.path("source").asText(),
        reqs,
        strings(b.path("zones")),
        b.path("use_of_force").asBoolean(),
        b.path("priority").asInt(),
        textOrNull(b, "fallback_party"),
        b.hasNonNull("need_by") ? LocalDate.parse(b.path("need_by").asText()) : null);
  }

  /** A pledge from its event body; {@code party} is the signer, who pledges for itself only. */
  public static Pledge pledge(String party, JsonNode b) {
    JsonNode c = b.path("caveats");
    Pledge.Caveats caveats =
        new Pledge.Caveats(
            new LinkedHashSet<>(strings(c.path("excluded_tasks"))),
            new LinkedHashSet<>(strings(c.path("excluded_zones"))),
            c.path("no_use_of_force").asBoolean(false),
            textOrNull(c, "conditions"));
    return new Pledge(
        b.path("id").asText(),
        party,
        b.path("unit").asText(),
        b.path("capability").asText(),
        b.path("personnel").asInt(),
        Readiness.parse(b.path("readiness").asText()),
        LocalDate.parse(b.path("available_from").asText()),
        caveats,
        b.path("illustrative").asBoolean(false),
        textOrNull(b, "source"));
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : a) out.add(n.asText());
    return out;
  }

  private static String textOrNull(JsonNode b, String f) {
    return b.hasNonNull(f) ? b.path(f).asText() : null;
  }

  // ---- queries ---------------------------------------------------------------------------

  /** Tasks in definition order. */
  public List<Task> tasks() {
    return List.copyOf(tasks.values());
  }

  public Task task(String id) {
    return tasks.get(id);
  }

  /** Pledges not withdrawn, as last amended, in the order they were made. */
  public List<Pledge> activePledges() {
    List<Pledge> out = new ArrayList<>();
    for (List<Pledge.Version> h : pledges.values())
      if (!h.getLast().type().equals("pledge.withdrawn")) out.add(h.getLast().pledge());
    return out;
  }

  /** Every pledge's history, oldest version first. */
  public Map<String, List<Pledge.Version>> histories() {
    Map<String, List<Pledge.Version>> out = new LinkedHashMap<>();
    pledges.forEach((k, v) -> out.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    return out;
  }

  public Set<String> pledgeIds() {
    return Collections.unmodifiableSet(pledges.keySet());
  }

  public boolean withdrawn(String id) {
    List<Pledge.Version> h = pledges.get(id);
    return h != null && h.getLast().type().equals("pledge.withdrawn");
  }

  // ---- Snapshotting ----------------------------------------------------------------------

  @Override
  public String snapshotName() {
    return "force";
  }

  /** The tasks and every pledge's history ({@link ForceState}). */
  @Override
  public byte[] save() {
    return SnapshotJson.write(ForceState.of(tasks.values(), pledges.values()));
  }

  /**
   * Reads back what {@link #save} wrote, holding it to what a fold of the log makes: task and
   * pledge ids used once, a history that starts with {@code pledge.made}, keeps its party, grows in
   * log order and ends at a withdrawal if it has one.
   */
  @Override
  public void restore(byte[] state) {
    reset();
    try {
      ForceState s = SnapshotJson.read(state, ForceState.class);
      if (s.format() != ForceState.FORMAT)
        throw new IllegalArgumentException(
            "force snapshot format "
                + s.format()
                + "; this code reads format "
                + ForceState.FORMAT);
      if (s.tasks() == null || s.pledges() == null)
        throw new IllegalArgumentException("the force snapshot lacks its tasks or pledges");
      Map<String, Task> ts = new LinkedHashMap<>();
      for (ForceState.TaskState t : s.tasks())
        if (ts.putIfAbsent(t.id(), t.task()) != null)
          throw new IllegalArgumentException("task " + t.id() + " appears twice");
      Map<String, List<Pledge.Version>> ps = new LinkedHashMap<>();
      for (ForceState.PledgeHistory h : s.pledges()) {
        List<Pledge.Version> vs = new ArrayList<>();
        for (ForceState.VersionState v : h.versions()) vs.add(v.version());
        checkHistory(h.id(), vs);
        if (ps.putIfAbsent(h.id(), vs) != null)
          throw new IllegalArgumentException("pledge " + h.id() + " appears twice");
      }
      tasks.putAll(ts);
      pledges.putAll(ps);
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the force snapshot does not read: " + e.getMessage(), e);
    }
  }

  private static void checkHistory(String id, List<Pledge.Version> vs) {
    if (vs.isEmpty() || !vs.getFirst().type().equals("pledge.made"))
      throw new IllegalArgumentException("pledge " + id + "'s history does not start with it made");
    Pledge.Version prev = null;
    for (Pledge.Version v : vs) {
      if (!v.pledge().id().equals(id) || !v.pledge().party().equals(vs.getFirst().pledge().party()))
        throw new IllegalArgumentException(
            "pledge " + id + " changes id or party at entry " + v.index());
      if (prev != null) {
        if (v.index() <= prev.index()
            || prev.type().equals("pledge.withdrawn")
            || v.type().equals("pledge.made"))
          throw new IllegalArgumentException(
              "pledge "
                  + id
                  + "'s version at entry "
                  + v.index()
                  + " cannot follow the one before");
        if (v.type().equals("pledge.withdrawn") && !v.pledge().equals(prev.pledge()))
          throw new IllegalArgumentException(
              "pledge " + id + " is withdrawn at entry " + v.index() + " with other terms");
        if (!v.type().equals("pledge.withdrawn") && !v.type().equals("pledge.amended"))
          throw new IllegalArgumentException("pledge " + id + " has a version of type " + v.type());
      }
      prev = v;
    }
  }
}
