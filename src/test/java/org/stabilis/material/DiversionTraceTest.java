package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;

class DiversionTraceTest {
  @TempDir Path dir;
  World w;

  @BeforeEach
  void setUp() {
    w = new World(dir);
    w.zone("khan-younis", 34.28, 31.33);
    w.ok(
        "cmcc",
        "policy.gate-set",
        World.obj().put("require_verified_zone", false).put("min_decommissioned_share", 0));
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "pipes")
            .put("name", "Steel pipes")
            .put("unit", "m")
            .put("dual_use", true));
    for (String[] n :
        new String[][] {{"kerem", "crossing"}, {"wh-a", "warehouse"}, {"wh-b", "warehouse"}}) {
      ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
      b.putArray("location").add(34.27).add(31.22);
      w.ok("cmcc", "node.defined", b);
    }
    ObjectNode p =
        World.obj().put("id", "water-1").put("zone", "khan-younis").put("kind", "water-network");
    p.putArray("location").add(34.30).add(31.35);
    p.putArray("materials").addObject().put("item", "pipes").put("quantity", 500);
    w.ok("impl", "project.registered", p);
    w.ok("cmcc", "project.approved", World.obj().put("id", "water-1").put("reason", "gate holds"));
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  ObjectNode find(String id, String consignment) {
    ObjectNode b = World.obj().put("id", id).put("category", "rockets").put("count", 3);
    b.putArray("location").add(34.30).add(31.34);
    b.putArray("traced").addObject().put("item", "pipes").put("consignment", consignment);
    return b;
  }

  @Test
  void aTracedFind_followsItsConsignmentFromTheCrossingToTheProjectItWasMeantFor() {
    long entered =
        w.ok(
            "unops",
            "material.entered",
            World.obj()
                .put("consignment", "c-77")
                .put("item", "pipes")
                .put("quantity", 800)
                .put("crossing", "kerem")
                .put("to", "wh-a"));
    long t1 =
        w.ok(
            "unops",
            "material.transferred",
            World.obj()
                .put("shipment", "s-1")
                .put("item", "pipes")
                .put("quantity", 600)
                .put("from", "wh-a")
                .put("to", "wh-b"));
    w.ok("unops", "material.received", World.obj().put("shipment", "s-1").put("quantity", 600));
    long t2 =
        w.ok(
            "unops",
            "material.transferred",
            World.obj()
                .put("shipment", "s-2")
                .put("item", "pipes")
                .put("quantity", 400)
                .put("from", "wh-b")
                .put("to", "water-1"));
    assertThat(w.refused("idf", "demil.item-reported", find("r-1", "c-78")).rule().wire())
        .isEqualTo("no-such-consignment");
    w.ok("idf", "demil.item-reported", find("r-1", "c-77"));

    JsonNode t =
        w.app
            .log
            .read(() -> MaterialRoutes.traceJson(w.app.materials.traces()))
            .path("traces")
            .get(0);
    assertThat(t.path("find").asText()).isEqualTo("r-1");
    assertThat(t.path("entry").path("from").asText()).isEqualTo("kerem");
    assertThat(t.path("entry").path("index").asLong()).isEqualTo(entered);
    assertThat(t.path("movements"))
        .extracting(m -> m.path("kind").asText())
        .containsExactly("transferred", "received", "transferred");
    assertThat(t.path("movements").get(0).path("index").asLong()).isEqualTo(t1);
    assertThat(t.path("movements").get(2).path("index").asLong()).isEqualTo(t2);
    assertThat(t.path("meant_for").asText()).isEqualTo("water-1");
  }
}
