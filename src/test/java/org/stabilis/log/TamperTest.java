package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.testing.TestLog;

/**
 * Changing one byte of one stored entry in the database file is caught by `verify`, which names it.
 *
 * <p>SQLite only (tag {@code sqlite-only}, excluded from the PostgreSQL run in pom.xml): the test
 * edits the database file's bytes, which only an embedded file allows.
 */
@Tag("sqlite-only")
class TamperTest {
  @TempDir Path dir;

  @Test
  void verify_passesOnAnUntouchedLog_andNamesTheEntryWhoseByteWasChanged() throws Exception {
    long target;
    try (TestLog log = TestLog.create(dir)) {
      EventSigner monitor = log.register("monitors", "inspector");
      for (int i = 0; i < 20; i++)
        log.accept(monitor, "incident.reported", TestLog.incident("inc-" + i));
      var body = TestLog.incident("inc-target");
      body.put("summary", "tamper-target-marker");
      target = log.accept(monitor, "incident.reported", body);
      for (int i = 20; i < 30; i++)
        log.accept(monitor, "incident.reported", TestLog.incident("inc-" + i));
    }
    assertThat(verify()).startsWith("OK: 33 entries");

    Path db = dir.resolve("stabilis.db");
    assertThat(
            Files.exists(dir.resolve("stabilis.db-wal"))
                && Files.size(dir.resolve("stabilis.db-wal")) > 0)
        .as("the WAL is checkpointed into the database file on close")
        .isFalse();
    byte[] bytes = Files.readAllBytes(db);
    byte[] marker = "tamper-target-marker".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, marker, 0);
    assertThat(at).as("the entry's bytes are in the file").isPositive();
    // One byte, "tamper" -> "Tamper", wherever the summary is: in the entry, and in the incidents
    // a snapshot handed over to the store, which verify does not read.
    for (; at >= 0; at = indexOf(bytes, marker, at + 1)) bytes[at] = (byte) 'T';
    Files.write(db, bytes);

    String out = verify();
    assertThat(out).startsWith("FAILED at entry " + target);
    assertThat(out).contains("entry " + target + ":");
  }

  private String verify() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Cli.run("verify", "--data", dir.toString(), "--quiet");
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
