package org.stabilis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.Disclosure;
import org.stabilis.log.EventSigner;
import org.stabilis.log.LeafCodec;
import org.stabilis.testing.TestLog;

/** `submit --conceal` and `import` with disclosures (SPEC §2.10). */
class ConcealCommandsTest {
  @TempDir Path dir;

  @Test
  void submitConceal_signsDigests_postsDisclosures_andImportCarriesThem() throws Exception {
    try (TestLog log = TestLog.create(dir.resolve("log"))) {
      EventSigner idf = log.register("idf", "security");
      Path key = dir.resolve("idf.pem");
      Files.writeString(key, log.keyOf("idf").toPkcs8Pem());
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String url = "http://127.0.0.1:" + web.port();
        long index = log.app.log.size();
        int exit =
            Cli.run(
                "submit",
                "--url",
                url,
                "--key",
                key.toString(),
                "--party",
                "idf",
                "--type",
                "incident.reported",
                "--time",
                TestLog.T0.toString(),
                "--conceal",
                "location,summary",
                "--body",
                "{\"id\":\"inc-c\",\"category\":\"uxo\",\"severity\":2,\"location\":[34.45,31.5],\"summary\":\"ordnance by the well\"}");
        assertThat(exit).isEqualTo(0);
        var stored = log.app.log.entries(index, index + 1).getFirst();
        String leaf = new String(stored.data(), StandardCharsets.UTF_8);
        assertThat(leaf)
            .contains("\"_sd\"")
            .doesNotContain("ordnance by the well")
            .doesNotContain("34.45");
        assertThat(stored.disclosures()).hasSize(2);
        for (String d : stored.disclosures()) {
          assertThat(leaf).contains(Disclosure.digest(d));
          assertThat(Disclosure.parse(d).salt().length()).isGreaterThanOrEqualTo(22);
        }
        assertThat(
                LeafCodec.trusted(index, stored.data(), stored.disclosures())
                    .event()
                    .body()
                    .path("summary")
                    .asText())
            .isEqualTo("ordnance by the well");
        // --conceal of a field the body does not have is refused before anything is sent.
        assertThat(
                Cli.run(
                    "submit",
                    "--url",
                    url,
                    "--key",
                    key.toString(),
                    "--party",
                    "idf",
                    "--type",
                    "incident.reported",
                    "--conceal",
                    "nothing",
                    "--body",
                    "{\"id\":\"inc-d\"}"))
            .isNotEqualTo(0);

        // import: a file of signed submissions whose lines carry their disclosures.
        // `submit` numbered its event by the clock; this signer continues above it.
        idf = new EventSigner("idf", "idf-1", log.keyOf("idf"), 8_000_000_000_000_000L);
        var signed =
            idf.sign(
                "incident.reported",
                TestLog.incident("inc-i"),
                TestLog.T0,
                List.of("summary"),
                new SecureRandom());
        Path file = dir.resolve("events.jsonl");
        Files.write(
            file,
            List.of(new String(EventSigner.toSubmission(signed), StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
        long before = log.app.log.size();
        assertThat(Cli.run("import", "--url", url, "--file", file.toString())).isEqualTo(0);
        assertThat(log.app.log.disclosures(before)).isEqualTo(signed.disclosures());
      } finally {
        web.stop();
      }
    }
  }
}
