package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.material.Alert;

class MaterialsDemoTest {

  @Test
  void demo_raisesEveryAlertKind_withOneShortfallAndOneOverConsumptionExplained(@TempDir Path dir)
      throws Exception {
    var loaded =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    try (var app = loaded.app()) {
      var alerts = app.log.read(() -> app.materials.ledger().alerts(app.materials.latestTime()));
      assertThat(alerts)
          .extracting(Alert.View::id, Alert.View::status)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("shortfall-tr-dab-gzc-02", "resolved"),
              org.assertj.core.groups.Tuple.tuple("shortfall-tr-khy-gzc-03", "open"),
              org.assertj.core.groups.Tuple.tuple("overdue-tr-khy-gzc-04", "open"),
              org.assertj.core.groups.Tuple.tuple(
                  "over-consumption-proj-water-1-cement-1", "resolved"),
              org.assertj.core.groups.Tuple.tuple(
                  "over-consumption-proj-shelter-1-steel-bar-1", "open"));
      var ledger = app.log.read(() -> app.materials.ledger());
      assertThat(ledger.stock("wh-khan-younis", "fertiliser-an"))
          .as("the oversized transfer was refused")
          .isEqualTo(10_000);
      assertThat(ledger.balances("rafah", null)).as("no goods go through Rafah").isEmpty();
      assertThat(ledger.stock("wh-gaza-city", "cement"))
          .isEqualTo(2 * 2 * 40_000 + 2 * 40_000 + 40_000 - 1_500);
    }
  }

  @Test
  void demo_writesEveryPrivateKeyReadableByItsOwnerOnly_andPublicKeysBeside(@TempDir Path dir)
      throws Exception {
    var loaded =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    loaded.app().close();
    Path keys = dir.resolve("demo").resolve("keys");
    try (var files = Files.list(keys)) {
      var pems = files.filter(f -> f.toString().endsWith(".pem")).toList();
      assertThat(pems).hasSizeGreaterThan(5);
      for (Path p : pems)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString())
            .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("demo").resolve("log-key.pem"))))
        .isEqualTo("rw-------");
  }
}
