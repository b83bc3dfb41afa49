package org.stabilis.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.merkle.TreeHasher;

class WitnessTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  FakeLog log;
  FakeLog fork;
  FakeLog stranger;
  WitnessStore store;
  Javalin server;
  String base;
  final HttpClient http = HttpClient.newHttpClient();
  Policy policy;

  @BeforeEach
  void start() throws Exception {
    log = new FakeLog("stabilis.example/gaza-isf", 1, "leaf ", 64);
    fork = new FakeLog("stabilis.example/gaza-isf", 1, "other leaf ", 64);
    stranger = new FakeLog("elsewhere.example/log", 2, "leaf ", 8);
    assertThat(
            Cli.run(
                "witness", "init", "--data", dir.toString(), "--name", "donors.example/witness"))
        .isZero();
    assertThat(Cli.run("witness", "add-log", "--data", dir.toString(), "--vkey", log.vkey()))
        .isZero();
    open();
  }

  void open() throws Exception {
    store = WitnessStore.open(WitnessFolder.jdbcUrl(dir));
    Witness w = WitnessFolder.open(dir, store);
    policy =
        Policy.parse(
            "log " + log.vkey() + "\nwitness W " + w.verifierKeys().get(0).vkey() + "\nquorum W\n");
    server = WitnessServer.create(w, CLOCK).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.stop();
    store.close();
  }

  HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cosignsAConsistentCheckpoint_andTheCosignatureVerifiesUnderAPolicy() throws Exception {
    HttpResponse<String> first = post(log.request(0, 5));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).startsWith("\u2014 donors.example/witness ").endsWith("\n");
    Policy.Witnessed w = policy.requireQuorum(log.checkpoint(5) + first.body());
    assertThat(w.cosignatures().get(0).timestamp()).isEqualTo(CLOCK.instant().getEpochSecond());

    HttpResponse<String> next = post(log.request(5, 13));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(policy.requireQuorum(log.checkpoint(13) + next.body()).checkpoint().size())
        .isEqualTo(13);
    // The same checkpoint again is cosigned again.
    assertThat(post(log.request(13, 13)).statusCode()).isEqualTo(200);

    // tlog-witness monitoring read: the latest checkpoint with the witness's own cosignature.
    HttpResponse<String> latest =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/" + WitnessServer.originHash(log.origin) + "/checkpoint"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(policy.requireQuorum(latest.body()).checkpoint().size()).isEqualTo(13);
  }

  @Test
  void aWrongOldSizeIs409WithTheKnownSize() throws Exception {
    HttpResponse<String> none = post(log.request(3, 5));
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(none.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
    assertThat(none.body()).isEqualTo("0\n");
    assertThat(post(log.request(0, 5)).statusCode()).isEqualTo(200);
    HttpResponse<String> stale = post(log.request(0, 9));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).isEqualTo("5\n");
  }

  @Test
  void everyRefusalHasItsStatusAndChangesNothing() throws Exception {
    assertThat(post(log.request(0, 8)).statusCode()).isEqualTo(200);
    String good = log.checkpoint(12);
    // 404: unknown origin.
    assertThat(post(stranger.request(0, 4)).statusCode()).isEqualTo(404);
    // 403: no signature by the log's key (only another key's), and a bad one beside a good one.
    String unsigned =
        stranger
            .signer
            .sign(new Checkpoint(log.origin, 12, log.root(12)).body())
            .replace("\u2014 " + stranger.origin + " ", "\u2014 other.example/key ");
    assertThat(post(FakeLog.request(8, List.of(), unsigned)).statusCode()).isEqualTo(403);
    String badLine = flipLast(good.substring(good.lastIndexOf('\u2014')));
    assertThat(post(FakeLog.request(8, List.of(), good + badLine)).statusCode()).isEqualTo(403);
    // 422: a consistency proof that does not verify (a fork of the same log).
    assertThat(
            post(FakeLog.request(8, List.of(log.root(3), log.root(4)), fork.checkpoint(12)))
                .statusCode())
        .isEqualTo(422);
    // A fork's own proof from 8 to 12 does not lead from the root the witness holds for 8.
    assertThat(post(fork.request(8, 12)).statusCode()).isEqualTo(422);
    // 422: the size it knows with another root.
    assertThat(post(FakeLog.request(8, List.of(), fork.checkpoint(8))).statusCode()).isEqualTo(422);
    // 400: malformed, and old above the checkpoint's size.
    assertThat(post("old 08\n\n" + good).statusCode()).isEqualTo(400);
    assertThat(post("old 8\nnot base64\n\n" + good).statusCode()).isEqualTo(400);
    assertThat(post("old 8\n" + good).statusCode()).isEqualTo(400);
    assertThat(post(FakeLog.request(13, List.of(), good)).statusCode()).isEqualTo(400);
    assertThat(post("old 8\n\nnot a note\n").statusCode()).isEqualTo(400);
    // Nothing changed: the known size is still 8, and the right request still works.
    assertThat(post(log.request(0, 12)).body()).isEqualTo("8\n");
    assertThat(post(log.request(8, 12)).statusCode()).isEqualTo(200);
  }

  @Test
  void sizeZeroNeedsTheEmptyRoot_andOldZeroNeedsAnEmptyProof() throws Exception {
    String wrongEmpty = log.signer.sign(new Checkpoint(log.origin, 0, log.root(1)).body());
    assertThat(post(FakeLog.request(0, List.of(), wrongEmpty)).statusCode()).isEqualTo(422);
    assertThat(post(FakeLog.request(0, List.of(log.root(1)), log.checkpoint(4))).statusCode())
        .isEqualTo(422);
    String empty = log.signer.sign(new Checkpoint(log.origin, 0, TreeHasher.emptyRoot()).body());
    assertThat(post(FakeLog.request(0, List.of(), empty)).statusCode()).isEqualTo(200);
    // From a cosigned empty tree, any tree follows without a proof.
    assertThat(post(log.request(0, 4)).statusCode()).isEqualTo(200);
  }

  @Test
  void aHundredConcurrentRequestsWithTheSameOldSize_exactlyOneIsCosigned() throws Exception {
    assertThat(post(log.request(0, 10)).statusCode()).isEqualTo(200);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = 11 + (i % 50);
      answers.add(pool.submit((Callable<HttpResponse<String>>) () -> post(log.request(10, n))));
    }
    int ok = 0;
    List<String> conflicts = new ArrayList<>();
    for (Future<HttpResponse<String>> f : answers) {
      HttpResponse<String> r = f.get();
      if (r.statusCode() == 200) ok++;
      else conflicts.add(r.statusCode() + " " + r.body());
    }
    pool.shutdown();
    assertThat(ok).isEqualTo(1);
    assertThat(conflicts).hasSize(99).allMatch(c -> c.startsWith("409 "));
    long known = Long.parseLong(post(log.request(0, 60)).body().strip());
    assertThat(conflicts).allMatch(c -> c.equals("409 " + known + "\n"));
  }

  @Test
  void stateSurvivesARestart_andInitRefusesAFolderThatHoldsAWitness() throws Exception {
    assertThat(post(log.request(0, 20)).statusCode()).isEqualTo(200);
    stop();
    open();
    assertThat(post(log.request(0, 30)).body()).isEqualTo("20\n");
    assertThat(Cli.run("witness", "init", "--data", dir.toString(), "--name", "again.example/w"))
        .isEqualTo(1);
    assertThat(Files.readString(dir.resolve(WitnessFolder.KEY_FILE))).contains("PRIVATE KEY");
  }

  static String flipLast(String line) {
    String b64 = line.substring(line.lastIndexOf(' ') + 1).strip();
    byte[] blob = Base64.getDecoder().decode(b64);
    blob[blob.length - 1] ^= 1;
    return line.substring(0, line.lastIndexOf(' ') + 1)
        + Base64.getEncoder().encodeToString(blob)
        + "\n";
  }
}
