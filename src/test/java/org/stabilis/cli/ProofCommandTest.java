package org.stabilis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.testing.TestLog;

/** `proof` fetches a bundle; `verify-proof` checks it once the server and its data are gone. */
class ProofCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out) {}

  static synchronized Run run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int exit = Cli.run(args);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void aProof_verifiesAfterTheServerIsGone_andATamperedOneDoesNot() throws Exception {
    Path data = dir.resolve("log");
    Path proof = dir.resolve("entry-2.tlog-proof");
    Path policy = dir.resolve("policy.txt");
    Path pub = dir.resolve("reporter.pub");
    String checkpoint;
    try (TestLog log = TestLog.create(data)) {
      EventSigner reporter = log.register("reporter", "inspector");
      log.accept(reporter, "incident.reported", TestLog.incident("inc-a"));
      log.accept(reporter, "incident.reported", TestLog.incident("inc-b"));
      String token = log.app.tokens.issue("reporter", TestLog.T0, new SecureRandom());
      Files.writeString(policy, "log " + log.app.log.verifierKey() + "\nquorum none\n");
      Files.writeString(pub, log.keyOf("reporter").publicKey().toSpkiPem());
      checkpoint = log.app.log.checkpoint().orElseThrow().note();
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String url = "http://127.0.0.1:" + web.port();
        Run r = run("proof", "--url", url, "--index", "2", "--token", token);
        assertThat(r.exit()).as(r.out()).isZero();
        Files.writeString(proof, r.out());
        Run noToken = run("proof", "--url", url, "--index", "2", "--token", "");
        assertThat(noToken.exit()).isEqualTo(1);
      } finally {
        web.stop();
      }
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(data).doesNotExist();

    String text = Files.readString(proof);
    // SPEC §2.8: the checkpoint verbatim, as /api/v1/log/checkpoint served it.
    assertThat(text)
        .startsWith("c2sp.org/tlog-proof@v1\nextra ")
        .contains("\nindex 2\n")
        .endsWith("\n\n" + checkpoint);
    Run ok =
        run(
            "verify-proof",
            "--policy",
            policy.toString(),
            "--key",
            pub.toString(),
            proof.toString());
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out())
        .contains("entry 2 of the log, in the tree of 4")
        .contains("\"type\":\"incident.reported\"")
        .contains("ok: inclusion proof of entry 2")
        .contains("ok: event signature by party reporter");

    Files.writeString(proof, text.replace("\nindex 2\n", "\nindex 1\n"));
    Run bad =
        run(
            "verify-proof",
            "--policy",
            policy.toString(),
            "--key",
            pub.toString(),
            proof.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).startsWith("FAILED inclusion: entry 1");
  }
}
