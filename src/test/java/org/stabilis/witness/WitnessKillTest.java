package org.stabilis.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.merkle.Hash;
import org.stabilis.testing.ServerProcess;

/**
 * A witness process is killed with SIGKILL again and again while four clients push checkpoints of a
 * log and of a fork of it (same origin, same key, other leaves). Every cosignature it ever returned
 * is for the log (never the fork), they all verify, and after each restart the size it knows is at
 * least the largest it cosigned before the kill.
 */
class WitnessKillTest {
  @TempDir Path dir;

  static final int ROUNDS = 3;
  static final int COSIGNED_PER_ROUND = 10;
  static final int MAX = 1200;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void sigkillUnderLoad_neverCosignsAForkNorGoesBack() throws Exception {
    FakeLog log = new FakeLog("stabilis.example/gaza-isf", 1, "leaf ", MAX);
    FakeLog fork = new FakeLog("stabilis.example/gaza-isf", 1, "forked leaf ", MAX);
    assertThat(
            Cli.run(
                "witness", "init", "--data", dir.toString(), "--name", "guarantor.example/witness"))
        .isZero();
    assertThat(Cli.run("witness", "add-log", "--data", dir.toString(), "--vkey", log.vkey()))
        .isZero();
    String vkey;
    try (WitnessStore s = WitnessStore.open(WitnessFolder.jdbcUrl(dir))) {
      vkey = WitnessFolder.open(dir, s).verifierKeys().get(0).vkey();
    }
    Policy policy = Policy.parse("log " + log.vkey() + "\nwitness W " + vkey + "\nquorum W\n");
    Map<Long, Hash> cosigned = new ConcurrentHashMap<>();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong highest = new AtomicLong();

    for (int round = 0; round < ROUNDS; round++) {
      ServerProcess w =
          ServerProcess.command(
              List.of("witness", "serve", "--data", dir.toString(), "--port", "0"));
      String url = w.base + "/add-checkpoint";
      // Never goes back: what it knows now is at least what it cosigned before the kill.
      long known = knownSize(url, log);
      assertThat(known).as("round " + round).isGreaterThanOrEqualTo(highest.get());
      if (round == 0) {
        assertThat(post(url, log.request(0, 1)).statusCode()).isEqualTo(200);
        cosigned.put(1L, log.root(1));
        highest.set(1);
      }
      CountDownLatch enough = new CountDownLatch(COSIGNED_PER_ROUND);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        Random rnd = new Random(round * 10L + c);
        clients.add(
            Thread.ofPlatform()
                .start(() -> {
                  long old = 0;
                  while (!stop.get()) {
                    try {
                      int n = (int) Math.min(MAX - 1, old + 1 + rnd.nextInt(4));
                      boolean forked = rnd.nextInt(4) == 0;
                      String body = forked ? fork.request((int) old, n) : log.request((int) old, n);
                      HttpResponse<String> r = post(url, body);
                      if (r.statusCode() == 200) {
                        String note = (forked ? fork : log).checkpoint(n) + r.body();
                        Policy.Witnessed v = policy.requireQuorum(note);
                        if (forked || !v.checkpoint().root().equals(log.root(n))) {
                          problems.add("cosigned a checkpoint of the fork at size " + n);
                        }
                        cosigned.put((long) n, v.checkpoint().root());
                        highest.accumulateAndGet(n, Math::max);
                        old = n;
                        enough.countDown();
                      } else if (r.statusCode() == 409) {
                        old = Long.parseLong(r.body().strip());
                      } else if (r.statusCode() != 422 || !forked) {
                        problems.add("unexpected " + r.statusCode() + " " + r.body());
                      }
                    } catch (java.io.IOException e) {
                      return; // the witness was killed
                    } catch (Exception e) {
                      problems.add(e.toString());
                      return;
                    }
                  }
                }));
      }
      assertThat(enough.await(120, TimeUnit.SECONDS))
          .as("round " + round + " cosigned enough")
          .isTrue();
      w.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      w.process.waitFor(10, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : clients) t.join();
    }
    ServerProcess last =
        ServerProcess.command(List.of("witness", "serve", "--data", dir.toString(), "--port", "0"));
    try {
      assertThat(knownSize(last.base + "/add-checkpoint", log))
          .isGreaterThanOrEqualTo(highest.get());
    } finally {
      last.process.destroyForcibly();
    }
    assertThat(problems).isEmpty();
    assertThat(cosigned).hasSizeGreaterThanOrEqualTo(ROUNDS * COSIGNED_PER_ROUND / 2);
    // Every cosigned checkpoint is one of the log's: pairwise consistent.
    cosigned.forEach(
        (n, root) -> assertThat(root).as("size " + n).isEqualTo(log.root(n.intValue())));
  }

  long knownSize(String url, FakeLog log) throws Exception {
    // Old = size = MAX - 1, a size the clients never reach: a pure question, answered by a 409.
    HttpResponse<String> r =
        post(url, FakeLog.request(MAX - 1, List.of(), log.checkpoint(MAX - 1)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    return Long.parseLong(r.body().strip());
  }

  HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
