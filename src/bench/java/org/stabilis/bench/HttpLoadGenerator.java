package org.stabilis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator of {@code bench ingest}, run in its own JVM so that the clients' CPU is not
 * counted as the server's. Reads pre-signed submissions ({@code client TAB submission} per line),
 * opens one persistent connection per client, waits until every connection is open, then posts each
 * client's submissions in order, each waiting for its answer.
 *
 * <p>Speaks a line protocol on stdout to the process that started it: {@code connected}, {@code
 * start}, then {@code done <accepted> <failed> <nanos> <cpu-nanos>} and, if anything failed, {@code
 * first-error <text>}. It reads {@code go} on stdin between {@code connected} and {@code start}.
 */
@Command(
    name = "http-load",
    hidden = true,
    description = "Load generator for bench ingest (started by it).")
final class HttpLoadGenerator implements Callable<Integer> {
  @Option(names = "--port", required = true)
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--file", required = true)
  Path file;

  @Override
  public Integer call() throws Exception {
    Map<String, List<byte[]>> byClient = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        int tab = line.indexOf('\t');
        byClient
            .computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
            .add(line.substring(tab + 1).getBytes(StandardCharsets.UTF_8));
      }
    }
    PrintStream out = System.out;
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch connected = new CountDownLatch(byClient.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (List<byte[]> mine : byClient.values())
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                KeepAliveClient http = null;
                try {
                  http = new KeepAliveClient(host, port);
                } catch (IOException e) {
                  firstError.compareAndSet(null, "connect: " + e);
                } finally {
                  connected.countDown();
                }
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (byte[] body : mine) {
                  try {
                    if (http == null) http = new KeepAliveClient(host, port);
                    KeepAliveClient.Reply reply = http.postForReply("/api/v1/events", body);
                    if (reply.status() == 201) {
                      accepted.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                      firstError.compareAndSet(
                          null,
                          "HTTP "
                              + reply.status()
                              + " "
                              + new String(reply.body(), StandardCharsets.UTF_8));
                    }
                  } catch (IOException e) {
                    // Counted, not retried: the submission may or may not have been written.
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                    close(http);
                    http = null;
                  }
                }
                close(http);
              }));
    connected.await();
    out.println("connected");
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    if (!"go".equals(in.readLine())) return 1;
    long cpu0 = IngestBench.processCpuNanos();
    long t0 = System.nanoTime();
    out.println("start");
    out.flush();
    go.countDown();
    for (Thread t : threads) t.join();
    long nanos = System.nanoTime() - t0;
    long cpu = IngestBench.processCpuNanos() - cpu0;
    out.printf("done %d %d %d %d%n", accepted.get(), failed.get(), nanos, cpu);
    if (firstError.get() != null) out.println("first-error " + firstError.get().replace('\n', ' '));
    out.flush();
    return 0;
  }

  private static void close(KeepAliveClient c) {
    if (c == null) return;
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a connection that already failed
    }
  }
}
