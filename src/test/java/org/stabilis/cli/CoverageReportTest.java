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

class CoverageReportTest {
  @TempDir Path dir;

  private String report(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(Cli.run(args)).isZero();
    } finally {
      System.setOut(before);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportCoverage_takesTheDate_andKeepsOutPledgesNotYetAvailable() throws Exception {
    Path data = dir.resolve("demo");
    DemoScenario.load(
            data,
            Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC),
            new SecureRandom(new byte[] {5}))
        .app()
        .close();
    String dec = report("report", "coverage", "--data", data.toString(), "--date", "2025-12-10");
    assertThat(dec)
        .contains("pledges available by 2025-12-10")
        .contains("idn: available from 2025-12-15, after the date asked 2025-12-10");
    String feb = report("report", "coverage", "--data", data.toString(), "--date", "2026-02-01");
    assertThat(feb)
        .contains("pledges available by 2026-02-01")
        .doesNotContain("after the date asked");
  }
}
