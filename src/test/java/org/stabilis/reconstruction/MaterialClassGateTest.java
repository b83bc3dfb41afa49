package org.stabilis.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;

/**
 * SPEC §4 finer gate: temporary shelter proceeds where the zone does not meet the gate; heavy
 * materials do not go there.
 */
class MaterialClassGateTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.zone("tel-al-sultan", 34.20, 31.25);
    ObjectNode g =
        World.obj().put("require_verified_zone", true).put("min_decommissioned_share", 0);
    g.putArray("exempt_kinds").add("temporary-shelter");
    g.putArray("restricted_items").add("cement");
    w.ok("cmcc", "policy.gate-set", g);
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "cement")
            .put("name", "Cement")
            .put("unit", "kg")
            .put("dual_use", true));
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "tents")
            .put("name", "Tents")
            .put("unit", "piece")
            .put("dual_use", false));
    for (String[] n : new String[][] {{"kerem", "crossing"}, {"wh", "warehouse"}}) {
      ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
      b.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", b);
    }
    project("shelter-1", "temporary-shelter");
    project("housing-1", "housing");
    for (String item : new String[] {"cement", "tents"})
      w.ok(
          "unops",
          "material.entered",
          World.obj()
              .put("consignment", "c-" + item)
              .put("item", item)
              .put("quantity", 1000)
              .put("crossing", "kerem")
              .put("to", "wh"));
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  void project(String id, String kind) {
    ObjectNode b = World.obj().put("id", id).put("zone", "tel-al-sultan").put("kind", kind);
    b.putArray("location").add(34.22).add(31.27);
    var m = b.putArray("materials");
    m.addObject().put("item", "cement").put("quantity", 100);
    m.addObject().put("item", "tents").put("quantity", 100);
    w.ok("impl", "project.registered", b);
  }

  ObjectNode transfer(String shipment, String item) {
    return World.obj()
        .put("shipment", shipment)
        .put("item", item)
        .put("quantity", 10)
        .put("from", "wh")
        .put("to", "shelter-1");
  }

  @Test
  void anExemptKindIsApproved_inAZoneThatDoesNotMeetTheGate_andOnlyUnrestrictedItemsGoThere() {
    w.ok(
        "cmcc",
        "project.approved",
        World.obj().put("id", "shelter-1").put("reason", "temporary shelter"));
    assertThat(
            w.refused(
                    "cmcc",
                    "project.approved",
                    World.obj().put("id", "housing-1").put("reason", "permanent"))
                .rule()
                .wire())
        .isEqualTo("zone-not-verified");
    w.ok("unops", "material.transferred", transfer("s1", "tents"));
    var r = w.refused("unops", "material.transferred", transfer("s2", "cement"));
    assertThat(r.rule().wire()).isEqualTo("restricted-item");
    assertThat(r.detail()).contains("tel-al-sultan", "zone-status");
  }

  @Test
  void restrictedItems_goOnceTheZoneMeetsTheGate() {
    w.ok(
        "cmcc",
        "project.approved",
        World.obj().put("id", "shelter-1").put("reason", "temporary shelter"));
    ObjectNode c = World.obj().put("zone", "tel-al-sultan").put("criteria", "nothing outstanding");
    c.putArray("evidence").add(World.DIGEST);
    w.ok("mon-a", "zone.certified", c);
    w.ok("unops", "material.transferred", transfer("s2", "cement"));
  }
}
