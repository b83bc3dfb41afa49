package org.stabilis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;

class MaterialsReportTest {
  @TempDir Path dir;

  @Test
  void materialsReport_listsStockWithUnits_andEveryAlertWithTheEntriesBehindIt() throws Exception {
    var demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {3}));
    try (var app = demo.app()) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      app.log.read(() -> {
        ReportCommand.Materials.print(
            app.materials.ledger(),
            app.materials.latestTime(),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
        return null;
      });
      String out = buf.toString(StandardCharsets.UTF_8);
      long stock = app.log.read(() -> app.materials.ledger().stock("wh-gaza-city", "cement"));
      assertThat(out).containsPattern("wh-gaza-city\\s+node\\s+cement\\s+.*\\s" + stock + " kg");
      assertThat(out).contains("alerts as of 2025-").contains("(3 open)");
      assertThat(out)
          .containsPattern(
              "resolved\\s+shortfall\\s+shipment tr-dab-gzc-02.*entries \\[\\d+, \\d+, \\d+\\]; resolved by material.loss-reported");
      assertThat(out).containsPattern("open\\s+overdue\\s+shipment tr-khy-gzc-04");
      assertThat(out).containsPattern("over-consumption\\s+project proj-shelter-1");
    }
  }
}
