package org.stabilis.zone;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stabilis.log.Event;

/**
 * The events the zone book reads (SPEC §4 "Zones and demilitarization", the gate and decision
 * policies, incidents as far as they suspend zones), decoded once from schema-checked bodies: the
 * rules and the fold switch over these records and never read JSON.
 */
sealed interface ZoneEvent {

  /** {@code zone.defined}; {@code geometry} is the parsed polygon, or why it is refused. */
  record Defined(
      String id,
      String name,
      Geo.Parsed geometry,
      String controller,
      boolean illustrative,
      String source)
      implements ZoneEvent {}

  /** {@code zone.control-changed}. */
  record ControlChanged(String id, String controller) implements ZoneEvent {}

  /** {@code demil.estimate-set}. */
  record EstimateSet(String zone, String category, long count) implements ZoneEvent {}

  /** {@code demil.item-reported}; {@code zone} null when the item names none. */
  record ItemReported(String id, String zone, String category, long count, double lon, double lat)
      implements ZoneEvent {}

  /** {@code demil.item-decommissioned}. */
  record ItemDecommissioned(String id, String method, List<String> evidence) implements ZoneEvent {}

  /** {@code demil.item-verified}. */
  record ItemVerified(String id, List<String> evidence) implements ZoneEvent {}

  /** {@code zone.certified}. */
  record Certified(String zone, String criteria, List<String> evidence) implements ZoneEvent {}

  /** {@code zone.suspended}; {@code incident} null when it names none. */
  record Suspended(String zone, String reason, String incident) implements ZoneEvent {}

  /** {@code policy.gate-set}, with the finer gate's optional lists (empty when absent). */
  record GateSet(
      boolean requireVerifiedZone,
      int minDecommissionedShare,
      Set<String> exemptKinds,
      Set<String> restrictedItems)
      implements ZoneEvent {}

  /** {@code incident.reported}, as far as it may suspend the zone it is in. */
  record IncidentReported(String id, String category, int severity, double lon, double lat)
      implements ZoneEvent {
    /** SPEC §5: these incidents of severity ≥ 4 suspend the zone they are located in. */
    boolean suspends() {
      return severity >= 4
          && (category.equals("rearmament-indicator") || category.equals("ceasefire-violation"));
    }
  }

  /** {@code incident.confirmed}. */
  record IncidentConfirmed(String id) implements ZoneEvent {}

  /** {@code policy.decisions-set}. */
  record DecisionsSet(int certificationQuorum, boolean onConfirmation, Duration confirmWithin)
      implements ZoneEvent {}

  /** The zone book's reading of {@code e}; empty for the events it does not read. */
  static Optional<ZoneEvent> decode(Event e) {
    JsonNode b = e.body();
    return Optional.ofNullable(
        switch (e.type()) {
          case "zone.defined" -> {
            JsonNode ill = b.get("illustrative");
            yield new Defined(
                e.text("id"),
                e.text("name"),
                Geo.zoneGeometry(b.get("geometry")),
                e.text("controller"),
                ill != null && ill.asBoolean(),
                e.text("source"));
          }
          case "zone.control-changed" -> new ControlChanged(e.text("id"), e.text("controller"));
          case "demil.estimate-set" ->
              new EstimateSet(e.text("zone"), e.text("category"), b.get("count").asLong());
          case "demil.item-reported" -> {
            JsonNode loc = b.get("location");
            yield new ItemReported(
                e.text("id"),
                e.text("zone"),
                e.text("category"),
                b.get("count").asLong(),
                loc.get(0).asDouble(),
                loc.get(1).asDouble());
          }
          case "demil.item-decommissioned" ->
              new ItemDecommissioned(e.text("id"), e.text("method"), digests(b));
          case "demil.item-verified" -> new ItemVerified(e.text("id"), digests(b));
          case "zone.certified" -> new Certified(e.text("zone"), e.text("criteria"), digests(b));
          case "zone.suspended" ->
              new Suspended(e.text("zone"), e.text("reason"), e.text("incident"));
          case "policy.gate-set" ->
              new GateSet(
                  b.get("require_verified_zone").asBoolean(),
                  b.get("min_decommissioned_share").asInt(),
                  texts(b.path("exempt_kinds")),
                  texts(b.path("restricted_items")));
          case "incident.reported" -> {
            JsonNode loc = b.get("location");
            yield new IncidentReported(
                e.text("id"),
                e.text("category"),
                b.get("severity").asInt(),
                loc.get(0).asDouble(),
                loc.get(1).asDouble());
          }
          case "incident.confirmed" -> new IncidentConfirmed(e.text("id"));
          case "policy.decisions-set" ->
              new DecisionsSet(
                  b.get("certification_quorum").asInt(),
                  e.text("suspension").equals("on-confirmation"),
                  Duration.ofHours(b.get("confirm_within_hours").asLong()));
          default -> null;
        });
  }

  private static Set<String> texts(JsonNode arr) {
    Set<String> out = new TreeSet<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> digests(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : body.path("evidence")) out.add(d.asText());
    return List.copyOf(out);
  }
}
