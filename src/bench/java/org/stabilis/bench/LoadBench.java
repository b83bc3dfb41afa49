package org.stabilis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.merkle.TreeHasher;
import org.stabilis.log.store.LogStore.StoredEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained load: many clients submit over HTTP for a fixed time against an in-process server, on
 * SQLite and, given a server, on PostgreSQL. Prints throughput, latency percentiles, errors and
 * acknowledged-but-missing events (both should be 0); asserts nothing.
 */
@Command(
    name = "load",
    description = "Concurrent submitting clients for a fixed time, on SQLite and on PostgreSQL.")
final class LoadBench implements Callable<Integer> {
  @Option(
      names = "--clients",
      defaultValue = "50",
      description = "concurrent submitting clients (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--seconds",
      defaultValue = "60",
      description = "duration of each run (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--pg-url",
      description =
          "JDBC URL of an EMPTY PostgreSQL database; without it PostgreSQL is not measured")
  String pgUrl;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  /** Figures of one run. */
  record Figures(
      long ok,
      long errors,
      long missing,
      double seconds,
      long p50Micros,
      long p99Micros,
      long maxMicros) {
    String describe(String db) {
      return String.format(
          "%-10s %,8d accepted in %.1f s = %,7.0f events/s; latency p50 %,.1f ms, p99 %,.1f ms, max %,.1f ms; errors %d; acknowledged but missing %d",
          db,
          ok,
          seconds,
          ok / seconds,
          p50Micros / 1e3,
          p99Micros / 1e3,
          maxMicros / 1e3,
          errors,
          missing);
    }
  }

  @Override
  public Integer call() throws Exception {
    Path work = dir != null ? dir : Files.createTempDirectory("stabilis-load-");
    System.out.printf(
        "stabilis bench load: %d clients for %d s each, %d cores, %s%n",
        clients,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + Runtime.version());
    System.out.println(run(work.resolve("sqlite"), null).describe("SQLite"));
    if (pgUrl == null)
      System.out.println(
          "PostgreSQL not measured: give --pg-url with the JDBC URL of an empty database");
    else System.out.println(run(work.resolve("postgresql"), pgUrl).describe("PostgreSQL"));
    return 0;
  }

  private Figures run(Path folder, String dbUrl) throws Exception {
    Ed25519PrivateKey coordKey = Ed25519PrivateKey.generate(random);
    try (App app =
        App.initialise(
            folder,
            dbUrl,
            new App.Genesis(
                "stabilis.example/load", "coord", "Coordination centre", "coord-1", coordKey, 30),
            clock.instant(),
            clock,
            random)) {
      List<EventSigner> signers =
          BenchClients.register(
              app, new EventSigner("coord", "coord-1", coordKey, 1), clients, random, clock);
      Javalin web = app.web().start("127.0.0.1", 0);
      try {
        return drive(app, web.port(), signers);
      } finally {
        web.stop();
      }
    }
  }

  /** One client's results: latencies of accepted submissions and the receipts to check. */
  private static final class ClientResult {
    long[] latencies = new long[1024];
    int n;
    final List<Long> receiptIndex = new ArrayList<>();
    final List<String> receiptLeaf = new ArrayList<>();
    long errors;

    void accepted(long micros, long index, String leaf) {
      if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
      latencies[n++] = micros;
      receiptIndex.add(index);
      receiptLeaf.add(leaf);
    }
  }

  private Figures drive(App app, int port, List<EventSigner> signers) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<ClientResult> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicLong firstError = new AtomicLong();
    long t0 = System.nanoTime();
    for (EventSigner s : signers) {
      ClientResult r = new ClientResult();
      results.add(r);
      threads.add(Thread.ofPlatform().start(() -> submitUntil(deadline, port, s, r, firstError)));
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - t0) / 1e9;

    long ok = 0, errors = 0, missing = 0;
    List<Long> all = new ArrayList<>();
    for (ClientResult r : results) {
      ok += r.n;
      errors += r.errors;
      for (int i = 0; i < r.n; i++) all.add(r.latencies[i]);
      for (int i = 0; i < r.receiptIndex.size(); i++) {
        long index = r.receiptIndex.get(i);
        List<StoredEntry> stored = app.store.entries(index, index + 1);
        if (stored.size() != 1
            || !TreeHasher.leafHash(stored.get(0).data()).base64().equals(r.receiptLeaf.get(i)))
          missing++;
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Figures(
        ok,
        errors,
        missing,
        elapsed,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
  }

  private void submitUntil(
      long deadline, int port, EventSigner s, ClientResult r, AtomicLong firstError) {
    KeepAliveClient http = null;
    for (int i = 0; System.nanoTime() < deadline; i++) {
      ObjectNode body = StrictJson.mapper().createObjectNode();
      body.put("id", s.party() + "-" + i);
      body.put("category", "uxo");
      body.put("severity", 2);
      body.putArray("location").add(34.45).add(31.5);
      body.put("summary", "load test report (illustrative)");
      byte[] sub = s.submission("incident.reported", body, clock.instant());
      try {
        if (http == null) http = new KeepAliveClient("127.0.0.1", port);
        long start = System.nanoTime();
        KeepAliveClient.Reply reply = http.postForReply("/api/v1/events", sub);
        long micros = (System.nanoTime() - start) / 1000;
        if (reply.status() != 201) {
          r.errors++;
          if (firstError.compareAndSet(0, 1))
            System.out.println(
                "first error: "
                    + reply.status()
                    + " "
                    + new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
          continue;
        }
        JsonNode receipt = StrictJson.mapper().readTree(reply.body());
        r.accepted(micros, receipt.path("index").asLong(), receipt.path("leaf").asText());
      } catch (Exception e) {
        r.errors++;
        if (firstError.compareAndSet(0, 1)) System.out.println("first error: " + e);
        try {
          if (http != null) http.close();
        } catch (java.io.IOException ignored) {
          // the connection is being replaced anyway
        }
        http = null;
      }
    }
    try {
      if (http != null) http.close();
    } catch (java.io.IOException ignored) {
      // done with it
    }
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
