package org.stabilis.reconstruction;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.stabilis.catalogue.Reference;
import org.stabilis.log.Concealed;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;
import org.stabilis.zone.ZoneGate;
import org.stabilis.zone.ZoneView.Status;

/**
 * Reconstruction projects and the gate (SPEC §5 "Reconstruction gating"): a project is approved
 * only if the gate policy holds for its zone at the index where the approval is sequenced;
 * otherwise {@code rule: zone-not-verified} names the failing criterion. A project approved in a
 * zone that is suspended later is frozen, not unapproved: it thaws when the zone is certified
 * again.
 *
 * <p>Decisions: pending → approved or rejected; an approval may later be withdrawn by a {@code
 * project.rejected}; a rejected project is not approved again (register a new one).
 */
public final class Projects implements Snapshotting, ProjectListing {

  public enum Decision {
    PENDING,
    APPROVED,
    REJECTED
  }

  /** Gate state shown to readers. */
  public enum GateState {
    PENDING,
    APPROVED,
    REJECTED,
    FROZEN;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A project; {@code decidedAt} is the log index of the last decision, or -1. {@code
   * registration}: what its registration conceals (its location, perhaps; SPEC §2.10).
   */
  public record Project(
      String id,
      String name,
      String zone,
      String implementer,
      double lon,
      double lat,
      String kind,
      Map<String, Long> materials,
      long registeredAt,
      Instant registeredTime,
      Decision decision,
      String reason,
      long decidedAt,
      Instant decidedTime,
      long approvedAt,
      Concealed registration) {}

  private final ZoneGate zones;
  private final Predicate<String> itemDefined;
  private final Map<String, Project> projects = new LinkedHashMap<>();

  /**
   * @param itemDefined whether a material item code is in the catalogue (material.item-defined)
   */
  public Projects(ZoneGate zones, Predicate<String> itemDefined) {
    this.zones = zones;
    this.itemDefined = itemDefined;
  }

  @Override
  public Rejection decide(Event e) {
    return switch (e.type()) {
      case "project.registered" -> {
        String id = e.text("id");
        if (projects.containsKey(id))
          yield Rejection.rule(
              ProjectRule.PROJECT_EXISTS, "project \"" + id + "\" is already registered");
        String zone = e.text("zone");
        if (!zones.exists(zone))
          yield Rejection.rule(Reference.NO_SUCH_ZONE, "zone \"" + zone + "\" is not defined");
        JsonNode loc = e.body().get("location");
        if (!zones.covers(zone, loc.get(0).asDouble(), loc.get(1).asDouble()))
          yield Rejection.rule(
              ProjectRule.PROJECT_OUTSIDE_ZONE,
              "location ["
                  + loc.get(0).asDouble()
                  + ", "
                  + loc.get(1).asDouble()
                  + "] is not in zone \""
                  + zone
                  + "\"");
        List<String> seen = new ArrayList<>();
        for (JsonNode m : e.body().get("materials")) {
          String item = m.get("item").asText();
          if (seen.contains(item))
            yield Rejection.rule(
                ProjectRule.DUPLICATE_MATERIAL,
                "item \""
                    + item
                    + "\" appears twice in the bill of materials; give one line per item");
          if (!itemDefined.test(item))
            yield Rejection.rule(
                Reference.NO_SUCH_ITEM,
                "the bill of materials names item \""
                    + item
                    + "\", which is not in the catalogue; the coordinator defines it with material.item-defined");
          seen.add(item);
        }
        yield null;
      }
      case "project.approved" -> {
        Project p = projects.get(e.text("id"));
        if (p == null) yield noProject(e.text("id"));
        if (p.decision() == Decision.APPROVED)
          yield Rejection.rule(
              ProjectRule.PROJECT_ALREADY_APPROVED,
              "project \"" + p.id() + "\" was approved at entry " + p.decidedAt());
        if (p.decision() == Decision.REJECTED)
          yield Rejection.rule(
              ProjectRule.PROJECT_REJECTED,
              "project \""
                  + p.id()
                  + "\" was rejected at entry "
                  + p.decidedAt()
                  + "; register a new project");
        ZoneGate.Verdict v = zones.gate(p.zone(), e.time());
        if (!v.holds() && !zones.exempt(p.kind()))
          yield Rejection.rule(
              ProjectRule.ZONE_NOT_VERIFIED,
              "the gate does not hold for zone \""
                  + p.zone()
                  + "\": "
                  + v.criterion().wire()
                  + ": "
                  + v.detail());
        yield null;
      }
      case "project.rejected" -> {
        Project p = projects.get(e.text("id"));
        if (p == null) yield noProject(e.text("id"));
        if (p.decision() == Decision.REJECTED)
          yield Rejection.rule(
              ProjectRule.PROJECT_REJECTED,
              "project \"" + p.id() + "\" was already rejected at entry " + p.decidedAt());
        yield null;
      }
      default -> null;
    };
  }

  private static Rejection noProject(String id) {
    return Rejection.rule(Reference.NO_SUCH_PROJECT, "project \"" + id + "\" is not registered");
  }

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    long at = entry.index();
    switch (e.type()) {
      case "project.registered" -> {
        Map<String, Long> bom = new LinkedHashMap<>();
        for (JsonNode m : e.body().get("materials"))
          bom.put(m.get("item").asText(), m.get("quantity").asLong());
        JsonNode loc = e.body().get("location");
        Project p =
            new Project(
                e.text("id"),
                e.text("name"),
                e.text("zone"),
                e.party(),
                loc.get(0).asDouble(),
                loc.get(1).asDouble(),
                e.text("kind"),
                Collections.unmodifiableMap(bom),
                at,
                e.time(),
                Decision.PENDING,
                null,
                -1,
                null,
                -1,
                Concealed.of(e));
        if (projects.putIfAbsent(p.id(), p) != null)
          throw new IllegalStateException(
              "entry " + at + " registers project \"" + p.id() + "\" a second time");
      }
      case "project.approved" -> decide(e, at, Decision.APPROVED);
      case "project.rejected" -> decide(e, at, Decision.REJECTED);
      default -> {}
    }
  }

  private void decide(Event e, long at, Decision d) {
    Project p = projects.get(e.text("id"));
    if (p == null)
      throw new IllegalStateException(
          "entry " + at + " decides unregistered project \"" + e.text("id") + "\"");
    projects.put(
        p.id(),
        new Project(
            p.id(),
            p.name(),
            p.zone(),
            p.implementer(),
            p.lon(),
            p.lat(),
            p.kind(),
            p.materials(),
            p.registeredAt(),
            p.registeredTime(),
            d,
            e.text("reason"),
            at,
            e.time(),
            d == Decision.APPROVED ? at : p.approvedAt(),
            p.registration()));
  }

  @Override
  public void reset() {
    projects.clear();
  }

  // ---- reading ---------------------------------------------------------------------------

  @Override
  public Optional<ProjectInfo> project(String id) {
    Project p = projects.get(id);
    return p == null
        ? Optional.empty()
        : Optional.of(
            new ProjectInfo(
                p.id(),
                p.zone(),
                p.implementer(),
                p.decision() == Decision.APPROVED,
                p.materials()));
  }

  @Override
  public List<Project> all() {
    return List.copyOf(projects.values());
  }

  public Optional<Project> get(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  /** Approved projects in a zone that is now suspended are frozen: no materials go to them. */
  @Override
  public GateState gateState(Project p) {
    return switch (p.decision()) {
      case PENDING -> GateState.PENDING;
      case REJECTED -> GateState.REJECTED;
      case APPROVED ->
          zones.status(p.zone()).orElse(Status.UNVERIFIED) == Status.SUSPENDED
              ? GateState.FROZEN
              : GateState.APPROVED;
    };
  }

  public boolean frozen(String id) {
    Project p = projects.get(id);
    return p != null && gateState(p) == GateState.FROZEN;
  }

  // ---- snapshot --------------------------------------------------------------------------

  /**
   * The projects in the order registered (SPEC §7 snapshots); a bill of materials as its lines in
   * order, times as ISO-8601 strings. The concealment's type and author are the registration's, so
   * only its fields are written.
   */
  record State(String format, List<Row> projects) {
    static final String FORMAT = "stabilis.projects/1";
  }

  record Row(
      String id,
      String name,
      String zone,
      String implementer,
      double lon,
      double lat,
      String kind,
      List<Line> materials,
      long registeredAt,
      String registeredTime,
      String decision,
      String reason,
      long decidedAt,
      String decidedTime,
      long approvedAt,
      List<String> concealed) {}

  record Line(String item, long quantity) {}

  @Override
  public String snapshotName() {
    return "projects";
  }

  @Override
  public byte[] save() {
    List<Row> rows = new ArrayList<>(projects.size());
    for (Project p : projects.values())
      rows.add(
          new Row(
              p.id(),
              p.name(),
              p.zone(),
              p.implementer(),
              p.lon(),
              p.lat(),
              p.kind(),
              p.materials().entrySet().stream()
                  .map(m -> new Line(m.getKey(), m.getValue()))
                  .toList(),
              p.registeredAt(),
              p.registeredTime().toString(),
              p.decision().name(),
              p.reason(),
              p.decidedAt(),
              p.decidedTime() == null ? null : p.decidedTime().toString(),
              p.approvedAt(),
              p.registration().any() ? List.copyOf(p.registration().fields()) : null));
    return SnapshotJson.write(new State(State.FORMAT, rows));
  }

  @Override
  public void restore(byte[] state) {
    reset();
    try {
      State s = SnapshotJson.read(state, State.class);
      SnapshotJson.requireFormat("projects", s.format(), State.FORMAT);
      for (Row r : s.projects()) {
        if (r.id() == null || r.zone() == null || r.implementer() == null || r.kind() == null)
          throw new IllegalArgumentException("a project lacks its id, zone, implementer or kind");
        Map<String, Long> bom = new LinkedHashMap<>();
        for (Line l : r.materials())
          if (bom.put(java.util.Objects.requireNonNull(l.item()), l.quantity()) != null)
            throw new IllegalArgumentException(
                "project \"" + r.id() + "\" lists item \"" + l.item() + "\" twice");
        Decision d = Decision.valueOf(r.decision());
        if ((d == Decision.PENDING) != (r.decidedTime() == null))
          throw new IllegalArgumentException(
              "project \"" + r.id() + "\" is " + d + " with decision time " + r.decidedTime());
        Project p =
            new Project(
                r.id(),
                r.name(),
                r.zone(),
                r.implementer(),
                r.lon(),
                r.lat(),
                r.kind(),
                Collections.unmodifiableMap(bom),
                r.registeredAt(),
                Instant.parse(r.registeredTime()),
                d,
                r.reason(),
                r.decidedAt(),
                r.decidedTime() == null ? null : Instant.parse(r.decidedTime()),
                r.approvedAt(),
                r.concealed() == null
                    ? Concealed.NONE
                    : new Concealed(
                        "project.registered",
                        r.implementer(),
                        java.util.Set.copyOf(r.concealed())));
        if (projects.putIfAbsent(p.id(), p) != null)
          throw new IllegalArgumentException("project \"" + p.id() + "\" appears twice");
      }
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the projects snapshot does not hold: " + e, e);
    }
  }
}
