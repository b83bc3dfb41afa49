package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.cli.Cli;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteVerifier;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofVerifier;
import org.stabilis.testing.ServerProcess;
import org.stabilis.testing.TestLog;

/**
 * A server process is killed with SIGKILL while four clients submit, on the database the suite runs
 * on (SQLite or PostgreSQL, see StoreTarget). After each restart, every acknowledged event is in
 * the log with the acknowledged leaf hash, `verify` passes, and the new checkpoint is consistent
 * with the last one served before the kill.
 */
class CrashTest {
  @TempDir Path dir;

  private static final int ROUNDS = 3;
  private static final int CLIENTS = 4;
  private static final int ACKS_BEFORE_KILL = 40;

  @Test
  void everyAcknowledgedEventSurvivesSigkill_andCheckpointsStayConsistent() throws Exception {
    List<EventSigner> clients = new ArrayList<>();
    List<String> dbArgs;
    String dbUrl;
    try (TestLog log = TestLog.create(dir, Clock.systemUTC())) {
      for (int c = 0; c < CLIENTS; c++) clients.add(log.register("client-" + c, "inspector"));
      dbArgs = log.dbArgs();
      dbUrl = log.dbUrl;
    }
    Map<Long, String> acked = new ConcurrentHashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      ServerProcess started = ServerProcess.start(dir, dbArgs);
      Process server = started.process;
      String base = started.base;
      String lastNote = get(base + "/api/v1/log/checkpoint");
      AtomicReference<String> lastServed = new AtomicReference<>(lastNote);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch ackedThisRound = new CountDownLatch(ACKS_BEFORE_KILL);
      List<Thread> threads = new ArrayList<>();
      final int r = round;
      for (EventSigner client : clients) {
        threads.add(
            Thread.ofPlatform()
                .start(() -> submitUntilStopped(base, client, r, acked, ackedThisRound, stop)));
      }
      Thread poller =
          Thread.ofPlatform()
              .start(() -> {
                while (!stop.get()) {
                  try {
                    lastServed.set(get(base + "/api/v1/log/checkpoint"));
                  } catch (Exception e) {
                    return; // the server is gone
                  }
                }
              });
      // Kill once the round has been acknowledged a few times, while the clients keep submitting:
      // waiting for acknowledgements, not for a time, keeps the round meaningful on a slow machine.
      boolean enough;
      try {
        enough = ackedThisRound.await(2, TimeUnit.MINUTES);
      } finally {
        server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        server.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : threads) t.join();
        poller.join();
      }
      assertThat(enough)
          .as("round " + round + ": " + ACKS_BEFORE_KILL + " events acknowledged before the kill")
          .isTrue();
      assertThat(acked).as("round " + round + " acknowledged something").isNotEmpty();

      try (App app = App.open(dir, dbUrl, Clock.systemUTC(), null)) {
        for (var e : acked.entrySet()) {
          var stored = app.store.entries(e.getKey(), e.getKey() + 1);
          assertThat(stored).as("acknowledged entry " + e.getKey()).hasSize(1);
          assertThat(org.stabilis.log.merkle.TreeHasher.leafHash(stored.get(0).data()).base64())
              .isEqualTo(e.getValue());
        }
        NoteVerifier v = NoteVerifier.parse(app.log.verifierKey());
        Checkpoint before = v.verifyCheckpoint(lastServed.get());
        Checkpoint after = v.verifyCheckpoint(app.log.checkpoint().orElseThrow().note());
        assertThat(after.size()).isGreaterThanOrEqualTo(before.size());
        List<Hash> proof = app.log.consistencyProof(before.size(), after.size());
        ProofVerifier.verifyConsistency(
            before.size(), after.size(), before.root(), after.root(), proof);
      }
      List<String> verify = new ArrayList<>(List.of("verify", "--data", dir.toString(), "--quiet"));
      verify.addAll(dbArgs);
      assertThat(Cli.run(verify.toArray(String[]::new))).as("verify after round " + round).isZero();
    }
  }

  private void submitUntilStopped(
      String base,
      EventSigner client,
      int round,
      Map<Long, String> acked,
      CountDownLatch ackedThisRound,
      AtomicBoolean stop) {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; !stop.get(); i++) {
      byte[] sub =
          client.submission(
              "incident.reported",
              TestLog.incident("r" + round + "-" + client.party() + "-" + i),
              Clock.systemUTC().instant());
      try {
        HttpResponse<String> resp =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sub))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() == 201) {
          var receipt = StrictJson.mapper().readTree(resp.body());
          acked.put(receipt.path("index").asLong(), receipt.path("leaf").asText());
          ackedThisRound.countDown();
        }
      } catch (Exception e) {
        return; // connection refused or reset: the server was killed
      }
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
    return r.body();
  }
}
