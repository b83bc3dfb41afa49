package org.stabilis.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.NoteKey;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.merkle.Hash;

/**
 * A Stabilis witness cosigns C2SP logs that are not Stabilis logs: checkpoints with extension
 * lines, and logs that sign with ML-DSA-44; with {@code --ml-dsa-44} it returns a second, ML-DSA-44
 * cosignature.
 */
class WitnessKeyTypesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> post(Javalin server, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cosignsExtensionLinesAndMlDsaLogs_withBothCosignatureTypes() throws Exception {
    FakeLog ed = new FakeLog("ed.example/log", 1, "leaf ", 16);
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    Cosigner pqLog = new Cosigner.MlDsa44("pq.example/log", seed);
    assertThat(
            Cli.run(
                "witness",
                "init",
                "--data",
                dir.toString(),
                "--name",
                "w.example/both",
                "--ml-dsa-44"))
        .isZero();
    assertThat(Cli.run("witness", "add-log", "--data", dir.toString(), "--vkey", ed.vkey()))
        .isZero();
    assertThat(
            Cli.run(
                "witness",
                "add-log",
                "--data",
                dir.toString(),
                "--vkey",
                pqLog.verifierKey().vkey()))
        .isZero();
    try (WitnessStore store = WitnessStore.open(WitnessFolder.jdbcUrl(dir))) {
      Witness w = WitnessFolder.open(dir, store);
      List<NoteKey> keys = w.verifierKeys();
      assertThat(keys)
          .extracting(NoteKey::type)
          .containsExactly(NoteKey.TYPE_COSIGNATURE_V1, NoteKey.TYPE_ML_DSA_44);
      Javalin server = WitnessServer.create(w, CLOCK).start("127.0.0.1", 0);
      try {
        // An Ed25519 log whose checkpoint carries an extension line.
        String body = new Checkpoint(ed.origin, 6, ed.root(6)).body() + "extension: opaque\n";
        String note = ed.signer.sign(body);
        HttpResponse<String> r = post(server, FakeLog.request(0, List.of(), note));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Policy p =
            Policy.parse(
                "log "
                    + ed.vkey()
                    + "\nwitness E "
                    + keys.get(0).vkey()
                    + "\nwitness Q "
                    + keys.get(1).vkey()
                    + "\ngroup both all E Q\nquorum both\n");
        assertThat(p.requireQuorum(note + r.body()).cosignatures()).hasSize(2);

        // A log that signs its checkpoints with ML-DSA-44 (tlog-checkpoint allows it).
        Hash root = ed.root(3);
        String pqBody = new Checkpoint("pq.example/log", 3, root).body();
        String pqNote = pqBody + "\n" + pqLog.cosign(pqBody, 1_700_000_000L);
        HttpResponse<String> r2 = post(server, FakeLog.request(0, List.of(), pqNote));
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(200);
        Policy p2 =
            Policy.parse(
                "log "
                    + pqLog.verifierKey().vkey()
                    + "\nwitness Q "
                    + keys.get(1).vkey()
                    + "\nquorum Q\n");
        assertThat(p2.requireQuorum(pqNote + r2.body()).checkpoint().size()).isEqualTo(3);
      } finally {
        server.stop();
      }
    }
  }
}
