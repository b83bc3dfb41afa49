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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.cli.Cli;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.NoteVerifier;
import org.stabilis.log.merkle.TreeHasher;
import org.stabilis.log.store.LogStore.StoredEntry;
import org.stabilis.testing.ServerProcess;
import org.stabilis.testing.TestLog;

/**
 * Three `serve` processes share one database (PostgreSQL or SQLite, see StoreTarget) and eight
 * clients submit to each at once. One sequencer at a time across processes means: every index is
 * assigned once, none is skipped, every acknowledged (201) receipt is in the log as acknowledged,
 * and every process serves the whole log afterwards.
 */
class MultiProcessSequencingTest {
  @TempDir Path dir;

  private static final int SERVERS = 3;
  private static final int CLIENTS_PER_SERVER = 8;
  private static final int EVENTS_PER_CLIENT = 20;

  private record Receipt(long index, String leaf) {}

  @Test
  void threeServersOnOneDatabase_assignEveryIndexOnce_andKeepEveryAcknowledgedEvent()
      throws Exception {
    List<EventSigner> clients = new ArrayList<>();
    List<String> dbArgs;
    String dbUrl;
    long before;
    try (TestLog log = TestLog.create(dir, Clock.systemUTC())) {
      for (int c = 0; c < SERVERS * CLIENTS_PER_SERVER; c++)
        clients.add(log.register("client-" + c, "inspector"));
      dbArgs = log.dbArgs();
      dbUrl = log.dbUrl;
      before = log.app.log.size();
    }
    List<ServerProcess> servers = new ArrayList<>();
    ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    try {
      for (int s = 0; s < SERVERS; s++) servers.add(ServerProcess.start(dir, dbArgs));
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients.size(); c++) {
        String base = servers.get(c % SERVERS).base;
        EventSigner client = clients.get(c);
        threads.add(Thread.ofPlatform().start(() -> submitAll(base, client, receipts, failures)));
      }
      for (Thread t : threads) t.join();

      assertThat(failures).as("answers other than 201").isEmpty();
      assertThat(receipts).hasSize(clients.size() * EVENTS_PER_CLIENT);
      long expectedSize = before + receipts.size();
      assertThat(receipts.stream().map(Receipt::index).distinct().count())
          .as("distinct acknowledged indices")
          .isEqualTo(receipts.size());

      for (ServerProcess s : servers) {
        String note = get(s.base + "/api/v1/log/checkpoint");
        assertThat(note.split("\n")[1])
            .as("size served by " + s.base)
            .isEqualTo(Long.toString(expectedSize));
      }
    } finally {
      for (ServerProcess s : servers) {
        // The servers must be gone before the database is opened again below.
        s.process.destroy();
        if (!s.process.waitFor(60, TimeUnit.SECONDS)) s.process.destroyForcibly().waitFor();
      }
    }

    try (App app = App.open(dir, dbUrl, Clock.systemUTC(), null)) {
      long size = app.store.size();
      List<StoredEntry> all = app.store.entries(0, size);
      assertThat(all)
          .extracting(StoredEntry::index)
          .as("indices 0..size-1, each once")
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, size).boxed().toList());
      for (Receipt r : receipts)
        assertThat(TreeHasher.leafHash(all.get((int) r.index()).data()).base64())
            .as("leaf of acknowledged entry " + r.index())
            .isEqualTo(r.leaf());
      NoteVerifier v = NoteVerifier.parse(app.log.verifierKey());
      assertThat(v.verifyCheckpoint(app.log.checkpoint().orElseThrow().note()).size())
          .isEqualTo(size);
    }
    List<String> verify = new ArrayList<>(List.of("verify", "--data", dir.toString(), "--quiet"));
    verify.addAll(dbArgs);
    assertThat(Cli.run(verify.toArray(String[]::new))).isZero();
  }

  private static void submitAll(
      String base,
      EventSigner client,
      ConcurrentLinkedQueue<Receipt> receipts,
      ConcurrentLinkedQueue<String> failures) {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < EVENTS_PER_CLIENT; i++) {
      byte[] sub =
          client.submission(
              "incident.reported",
              TestLog.incident(client.party() + "-" + i),
              Clock.systemUTC().instant());
      try {
        HttpResponse<String> resp =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sub))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 201) {
          failures.add(base + " answered " + resp.statusCode() + ": " + resp.body());
          continue;
        }
        var receipt = StrictJson.mapper().readTree(resp.body());
        receipts.add(new Receipt(receipt.path("index").asLong(), receipt.path("leaf").asText()));
      } catch (Exception e) {
        failures.add(base + ": " + e);
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
