package org.stabilis.permit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.log.Event;

/**
 * The events the permit module reads (SPEC §4 "Permits"), decoded once from schema-checked bodies.
 */
sealed interface PermitEvent {

  record PolicySet(boolean requiredForDualUse, int decisionDays) implements PermitEvent {}

  /** {@code items}: item code → quantity, in the order requested. */
  record Requested(String id, Map<String, Long> items, String project, String purpose)
      implements PermitEvent {}

  record Decided(String id, boolean approved, String reason) implements PermitEvent {}

  /** {@code material.entered}, as far as permits are concerned; {@code permit} may be null. */
  record Entered(String consignment, String item, long quantity, String permit)
      implements PermitEvent {}

  /**
   * {@code epcis.capture}, as far as permits are concerned: the entries of materials the document
   * states, in its order (none when it states none, or does not map and materials refuse it).
   */
  record Captured(List<Permits.Items.Entering> entries) implements PermitEvent {}

  /** Decodes an event, reading an EPCIS document's entries through {@code catalogue}. */
  static Optional<PermitEvent> decode(Event e, Permits.Items catalogue) {
    var b = e.body();
    return switch (e.type()) {
      case "epcis.capture" -> Optional.of(new Captured(List.copyOf(catalogue.entered(b))));
      case "policy.permits-set" ->
          Optional.of(
              new PolicySet(
                  b.get("required_for_dual_use").asBoolean(), b.get("decision_days").asInt()));
      case "permit.requested" -> {
        Map<String, Long> items = new LinkedHashMap<>();
        b.get("items")
            .forEach(
                i -> items.merge(i.get("item").asText(), i.get("quantity").asLong(), Long::sum));
        yield Optional.of(new Requested(e.text("id"), items, e.text("project"), e.text("purpose")));
      }
      case "permit.decided" ->
          Optional.of(
              new Decided(e.text("id"), e.text("decision").equals("approved"), e.text("reason")));
      case "material.entered" ->
          Optional.of(
              new Entered(
                  e.text("consignment"),
                  e.text("item"),
                  b.get("quantity").asLong(),
                  e.text("permit")));
      default -> Optional.empty();
    };
  }
}
