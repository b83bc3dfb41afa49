package org.stabilis.zone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stabilis.log.Event;
import org.stabilis.log.canonical.StrictJson;

/** The zone book reads its events once, into records; its rules and fold never read JSON. */
class ZoneEventTest {
  private static Event event(String type, ObjectNode body) {
    return new Event(type, "p", "p-1", 1, Instant.parse("2026-05-01T08:00:00Z"), body, obj());
  }

  private static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  @Test
  void eachEventTheZoneBookReads_decodesToItsRecord_withItsFields() {
    ObjectNode item = obj().put("id", "i-1").put("category", "rockets").put("count", 3);
    item.putArray("location").add(34.3).add(31.4);
    assertThat(ZoneEvent.decode(event("demil.item-reported", item)))
        .contains(new ZoneEvent.ItemReported("i-1", null, "rockets", 3, 34.3, 31.4));

    ObjectNode dec = obj().put("id", "i-1").put("method", "destroyed");
    dec.putArray("evidence").add("a".repeat(64));
    assertThat(ZoneEvent.decode(event("demil.item-decommissioned", dec)))
        .contains(new ZoneEvent.ItemDecommissioned("i-1", "destroyed", List.of("a".repeat(64))));

    ObjectNode gate = obj().put("require_verified_zone", true).put("min_decommissioned_share", 60);
    gate.putArray("restricted_items").add("steel-bar").add("cement");
    var g = (ZoneEvent.GateSet) ZoneEvent.decode(event("policy.gate-set", gate)).orElseThrow();
    assertThat(g.exemptKinds()).isEmpty();
    assertThat(g.restrictedItems()).containsExactly("cement", "steel-bar");

    assertThat(
            ZoneEvent.decode(
                event(
                    "policy.decisions-set",
                    obj()
                        .put("certification_quorum", 2)
                        .put("suspension", "on-confirmation")
                        .put("confirm_within_hours", 72))))
        .contains(new ZoneEvent.DecisionsSet(2, true, Duration.ofHours(72)));

    ObjectNode inc = obj().put("id", "inc-1").put("category", "ceasefire-violation");
    inc.put("severity", 4).putArray("location").add(34.3).add(31.4);
    var i = (ZoneEvent.IncidentReported) ZoneEvent.decode(event("incident.reported", inc)).get();
    assertThat(i.suspends()).isTrue();
    assertThat(new ZoneEvent.IncidentReported("x", "uxo", 5, 0, 0).suspends()).isFalse();
    assertThat(new ZoneEvent.IncidentReported("x", "rearmament-indicator", 3, 0, 0).suspends())
        .isFalse();

    ObjectNode susp = obj().put("zone", "z").put("reason", "r");
    assertThat(ZoneEvent.decode(event("zone.suspended", susp)))
        .contains(new ZoneEvent.Suspended("z", "r", null));
  }

  @Test
  void anEventTheZoneBookDoesNotRead_decodesToNothing() {
    assertThat(ZoneEvent.decode(event("material.entered", obj()))).isEmpty();
    assertThat(ZoneEvent.decode(event("pledge.made", obj()))).isEmpty();
  }

  @Test
  void theZoneBook_readsNoEventBody_outsideItsCodec() {
    noClasses()
        .that()
        .haveNameMatching("org\\.stabilis\\.zone\\.ZoneBook(\\$.*)?")
        .should()
        .callMethod(Event.class, "text", String.class)
        .orShould()
        .callMethod(Event.class, "body")
        .because("the zone book decodes each event once, in ZoneEvent (STYLE: decode once)")
        .check(new ClassFileImporter().importPackages("org.stabilis.zone"));
  }
}
