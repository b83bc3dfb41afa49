package org.stabilis.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Role;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.testing.TestLog;

/** Walks every event type of the catalogue against every role (SPEC §4, roles in brackets). */
class PermissionTableTest {
  @TempDir Path dir;

  @Test
  void everyTypeIsForbiddenToExactlyTheRolesTheCatalogueDoesNotList() {
    try (TestLog log = TestLog.create(dir)) {
      for (Role r : Role.values()) log.register("only-" + r.wire(), r.wire());
      EventCatalogue catalogue = log.app.catalogue;
      List<String> mismatches = new ArrayList<>();
      int checked = 0;
      for (String type : catalogue.types().keySet()) {
        for (Role role : Role.values()) {
          String party = "only-" + role.wire();
          Event e =
              new Event(type, party, party + "-1", 99, TestLog.T0, TestLog.obj(), TestLog.obj());
          Rejection r = log.app.log.read(() -> log.app.parties.decide(e));
          boolean forbidden = r != null && r.code() == ErrorCode.FORBIDDEN;
          boolean allowed = catalogue.rolesFor(type).contains(role);
          if (forbidden == allowed)
            mismatches.add(
                type + " × " + role.wire() + (allowed ? " was forbidden" : " was let through"));
          checked++;
        }
      }
      assertThat(checked).isEqualTo(catalogue.types().size() * Role.values().length);
      assertThat(mismatches).isEmpty();
    }
  }

  @Test
  void theCatalogueMatchesTheSpecsRoleTable() {
    EventCatalogue c = new EventCatalogue();
    assertThat(c.types()).hasSize(42);
    // SPEC §4 corrections, decision rules, phases and obligations, permits.
    assertThat(c.rolesFor("record.retracted"))
        .containsExactlyInAnyOrder(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.OBSERVER))
                .toArray(Role[]::new)); // the signer's rule decides who
    assertThat(c.rolesFor("record.disputed"))
        .containsExactlyInAnyOrder(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.OBSERVER))
                .toArray(Role[]::new));
    assertThat(c.rolesFor("incident.confirmed"))
        .containsExactlyInAnyOrder(Role.INSPECTOR, Role.COORDINATOR);
    assertThat(c.rolesFor("policy.decisions-set")).containsExactly(Role.COORDINATOR);
    assertThat(c.rolesFor("obligation.confirmed")).containsExactly(Role.INSPECTOR);
    assertThat(c.rolesFor("obligation.reported"))
        .containsExactlyInAnyOrder(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.OBSERVER))
                .toArray(Role[]::new)); // the obligated party, checked by the module
    assertThat(c.rolesFor("permit.requested"))
        .containsExactlyInAnyOrder(Role.IMPLEMENTER, Role.LOGISTICS);
    assertThat(c.rolesFor("permit.decided")).containsExactly(Role.COORDINATOR);
    assertThat(c.rolesFor("pledge.made")).containsExactly(Role.CONTRIBUTOR);
    assertThat(c.rolesFor("demil.item-verified")).containsExactly(Role.INSPECTOR);
    assertThat(c.rolesFor("zone.suspended"))
        .containsExactlyInAnyOrder(Role.INSPECTOR, Role.COORDINATOR);
    assertThat(c.rolesFor("incident.reported"))
        .containsExactlyInAnyOrder(Role.SECURITY, Role.INSPECTOR, Role.COORDINATOR);
    assertThat(c.rolesFor("material.received"))
        .containsExactlyInAnyOrder(Role.LOGISTICS, Role.IMPLEMENTER);
    assertThat(c.rolesFor("epcis.capture"))
        .containsExactlyInAnyOrder(Role.LOGISTICS, Role.IMPLEMENTER);
    for (EventCatalogue.Type t : c.types().values())
      assertThat(t.roles()).as(t.name()).doesNotContain(Role.OBSERVER);
  }
}
