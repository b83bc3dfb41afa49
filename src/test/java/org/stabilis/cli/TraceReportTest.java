package org.stabilis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;

/** {@code report trace} prints what {@code GET /api/v1/trace} answers, step by step. */
class TraceReportTest {
  @TempDir Path dir;

  @Test
  void aTracedFind_isPrintedWithItsEntry_eachMovement_andEveryProjectItReached() {
    try (World w = new World(dir)) {
      w.zone("north", 34.28, 31.33);
      w.ok(
          "cmcc",
          "policy.gate-set",
          World.obj().put("require_verified_zone", false).put("min_decommissioned_share", 0));
      w.ok(
          "cmcc",
          "material.item-defined",
          World.obj()
              .put("code", "pipes")
              .put("name", "Pipes")
              .put("unit", "m")
              .put("dual_use", true));
      for (String[] n : new String[][] {{"kerem", "crossing"}, {"wh-a", "warehouse"}}) {
        ObjectNode b = World.obj().put("id", n[0]).put("kind", n[1]).put("name", n[0]);
        b.putArray("location").add(34.27).add(31.22);
        w.ok("cmcc", "node.defined", b);
      }
      for (String id : new String[] {"water-1", "water-2"}) {
        ObjectNode p = World.obj().put("id", id).put("zone", "north").put("kind", "water-network");
        p.putArray("location").add(34.30).add(31.35);
        p.putArray("materials").addObject().put("item", "pipes").put("quantity", 500);
        w.ok("impl", "project.registered", p);
        w.ok("cmcc", "project.approved", World.obj().put("id", id).put("reason", "gate holds"));
      }
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
      long sent = 0;
      for (String[] s : new String[][] {{"s-1", "water-1"}, {"s-2", "water-2"}})
        sent =
            w.ok(
                "unops",
                "material.transferred",
                World.obj()
                    .put("shipment", s[0])
                    .put("item", "pipes")
                    .put("quantity", 300)
                    .put("from", "wh-a")
                    .put("to", s[1]));
      ObjectNode find = World.obj().put("id", "r-1").put("category", "rockets").put("count", 3);
      find.putArray("location").add(34.30).add(31.34);
      find.putArray("traced").addObject().put("item", "pipes").put("consignment", "c-77");
      long reported = w.ok("idf", "demil.item-reported", find);

      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      new ReportCommand.TraceReport()
          .print(w.app, new PrintStream(buf, true, StandardCharsets.UTF_8));
      String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines[0])
          .isEqualTo(
              "find r-1 (rockets, reported by idf at entry "
                  + reported
                  + ") ← consignment c-77 of pipes");
      assertThat(lines[1]).startsWith("  entered at kerem into wh-a: 800 (entry " + entered + ",");
      assertThat(lines[2]).containsPattern("^  transferred wh-a → water-1 300 \\[s-1\\]");
      assertThat(lines[3]).contains("(entry " + sent + ",");
      assertThat(lines[4]).isEqualTo("  meant for: water-1");
      assertThat(lines[5]).isEqualTo("  projects reached: water-1, water-2");
      assertThat(lines).hasSize(6);
    }
  }
}
