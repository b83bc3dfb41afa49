package org.stabilis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.testing.TestLog;

class ImportCommandTest {
  @TempDir Path dir;

  @Test
  void import_appendsInOrder_countsDuplicates_andStopsAtTheFirstRefusalNamingItsLine()
      throws Exception {
    try (TestLog log = TestLog.create(dir.resolve("log"))) {
      EventSigner m = log.register("monitors", "inspector");
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++)
          lines.add(
              new String(
                  m.submission("incident.reported", TestLog.incident("i-" + i), TestLog.T0),
                  StandardCharsets.UTF_8));
        lines.add(lines.get(0)); // already present: counted, not appended
        lines.add("{\"event\": {}, \"sig\": \"\"}"); // refused: the import stops here
        lines.add(
            new String(
                m.submission("incident.reported", TestLog.incident("i-9"), TestLog.T0),
                StandardCharsets.UTF_8));
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        long before = log.app.log.size();
        int exit =
            Cli.run("import", "--url", "http://127.0.0.1:" + web.port(), "--file", file.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(log.app.log.size()).isEqualTo(before + 3);
      } finally {
        web.stop();
      }
    }
  }
}
