package org.stabilis.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.cli.Cli;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.testing.Await;
import org.stabilis.testing.TestLog;
import org.stabilis.witness.Witness;
import org.stabilis.witness.WitnessFolder;
import org.stabilis.witness.WitnessServer;
import org.stabilis.witness.WitnessStore;

/**
 * A log with a witness policy and two real witnesses over HTTP: cosignatures are collected, the
 * witnessed checkpoint follows the quorum, and a witness that dies stops neither commits nor {@code
 * /latest}.
 */
class WitnessedLogTest {
  @TempDir Path dir;

  final HttpClient http = HttpClient.newHttpClient();
  TestLog log;
  Javalin web;
  final WitnessProcess[] witnesses = new WitnessProcess[2];

  /** An in-process witness on its own folder and port. */
  static final class WitnessProcess implements AutoCloseable {
    final WitnessStore store;
    final Witness witness;
    final Javalin server;

    WitnessProcess(Path folder, String name, String logVkey) throws Exception {
      assertThat(Cli.run("witness", "init", "--data", folder.toString(), "--name", name)).isZero();
      assertThat(Cli.run("witness", "add-log", "--data", folder.toString(), "--vkey", logVkey))
          .isZero();
      store = WitnessStore.open(WitnessFolder.jdbcUrl(folder));
      witness = WitnessFolder.open(folder, store);
      server = WitnessServer.create(witness, Clock.systemUTC()).start("127.0.0.1", 0);
    }

    String vkey() {
      return witness.verifierKeys().get(0).vkey();
    }

    String url() {
      return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
      server.stop();
      store.close();
    }
  }

  Policy start(String quorumLines) throws Exception {
    log = TestLog.create(dir.resolve("log"), Clock.systemUTC());
    witnesses[0] =
        new WitnessProcess(
            dir.resolve("w1"), "donors.example/committee", log.app.log.verifierKey());
    witnesses[1] =
        new WitnessProcess(
            dir.resolve("w2"), "guarantor.example/witness", log.app.log.verifierKey());
    Policy policy = Policy.parse(policyText(quorumLines));
    log.app.witness(policy, Duration.ofMillis(100));
    web = log.app.web().start("127.0.0.1", 0);
    return policy;
  }

  String policyText(String quorumLines) {
    return "log "
        + log.app.log.verifierKey()
        + "\n"
        + "witness committee "
        + witnesses[0].vkey()
        + " "
        + witnesses[0].url()
        + "\n"
        + "witness guarantor "
        + witnesses[1].vkey()
        + " "
        + witnesses[1].url()
        + "/\n"
        + quorumLines;
  }

  @AfterEach
  void stop() {
    if (web != null) web.stop();
    for (WitnessProcess w : witnesses) if (w != null) w.close();
    if (log != null) log.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  long sizeOf(String note) {
    return Checkpoint.parseBody(note.substring(0, note.indexOf("\n\n") + 1)).size();
  }

  /** Polls a condition the background collector makes true; fails after a generous bound. */
  static void await(String what, BooleanSupplier condition) throws Exception {
    Await.until(what, Duration.ofSeconds(60), condition::getAsBoolean);
  }

  long servedSize(String path) {
    try {
      HttpResponse<String> r = get(path);
      return r.statusCode() == 200 ? sizeOf(r.body()) : -1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void quorumOfBoth_oneWitnessDies_commitsGoOnAndTheWitnessedCheckpointStays() throws Exception {
    Policy policy = start("group both all committee guarantor\nquorum both\n");
    // Before any cosignature: 503 unavailable (the first round may already have run, so only
    // check the answer's shape when it is one).
    HttpResponse<String> early = get("/api/v1/log/checkpoint");
    if (early.statusCode() != 200) {
      assertThat(early.statusCode()).isEqualTo(503);
      assertThat(early.body()).contains("\"code\":\"unavailable\"");
    }
    for (int i = 0; i < 3; i++)
      log.accept(log.coordinator, "incident.reported", TestLog.incident("i-" + i));
    long size = log.app.log.size();
    await("both witnesses cosign size " + size, () -> servedSize("/api/v1/log/checkpoint") == size);
    String witnessed = get("/api/v1/log/checkpoint").body();
    Policy.Witnessed w = policy.requireQuorum(witnessed);
    assertThat(w.cosignatures())
        .extracting(c -> c.witness().name())
        .containsExactly("committee", "guarantor");
    // The log's own signature first, then the cosignatures in the policy's order.
    String[] sigs = witnessed.substring(witnessed.indexOf("\n\n") + 2).split("\n");
    assertThat(sigs).hasSize(3);
    assertThat(sigs[0]).startsWith("\u2014 " + TestLog.ORIGIN + " ");
    assertThat(sigs[1]).startsWith("\u2014 donors.example/committee ");
    assertThat(sigs[2]).startsWith("\u2014 guarantor.example/witness ");

    witnesses[1].close();
    witnesses[1] = null;
    for (int i = 3; i < 8; i++)
      log.accept(log.coordinator, "incident.reported", TestLog.incident("i-" + i));
    long later = log.app.log.size();
    assertThat(later).isGreaterThan(size);
    await(
        "the committee cosigns size " + later,
        () -> log.app.witnessing().orElseThrow().status().get(0).lastCosignedSize() == later);
    assertThat(servedSize("/api/v1/log/checkpoint/latest")).isEqualTo(later);
    assertThat(servedSize("/api/v1/log/checkpoint")).isEqualTo(size);
    String latest = get("/api/v1/log/checkpoint/latest").body();
    assertThat(policy.verify(latest).shortfall().orElseThrow().message())
        .contains("group both needs 2");
    assertThat(log.app.witnessing().orElseThrow().status().get(1).lastError()).isPresent();

    // Cosignatures are durable: after a restart the same witnessed checkpoint is served.
    web.stop();
    log.app.close();
    App reopened = App.open(log.dir, log.dbUrl, Clock.systemUTC(), null);
    try {
      reopened.witness(policy, Duration.ofSeconds(3600));
      Javalin again = reopened.web().start("127.0.0.1", 0);
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + again.port() + "/api/v1/log/checkpoint"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(witnessed);
      } finally {
        again.stop();
      }
    } finally {
      reopened.close();
      web = null;
      log = null;
    }
  }

  @Test
  void quorumOfAny_theWitnessedCheckpointKeepsGrowingWithOneWitness() throws Exception {
    start("group either any committee guarantor\nquorum either\n");
    log.accept(log.coordinator, "incident.reported", TestLog.incident("a"));
    long size = log.app.log.size();
    await("size " + size + " witnessed", () -> servedSize("/api/v1/log/checkpoint") == size);
    witnesses[1].close();
    witnesses[1] = null;
    for (int i = 0; i < 4; i++)
      log.accept(log.coordinator, "incident.reported", TestLog.incident("b-" + i));
    long later = log.app.log.size();
    await(
        "size " + later + " witnessed by the committee alone",
        () -> servedSize("/api/v1/log/checkpoint") == later);
  }

  /** Runs the command line, returning its exit code and what it printed. */
  static String[] cli(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int code = Cli.run(args);
      return new String[] {
        Integer.toString(code), out.toString(java.nio.charset.StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void verifyPolicy_acceptsTheWitnessedCheckpoint_andNamesTheGroupThatFallsShort()
      throws Exception {
    start("group both all committee guarantor\nquorum both\n");
    log.accept(log.coordinator, "incident.reported", TestLog.incident("v"));
    long size = log.app.log.size();
    await("size " + size + " witnessed", () -> servedSize("/api/v1/log/checkpoint") == size);
    java.nio.file.Path policy = dir.resolve("policy.txt");
    java.nio.file.Files.writeString(
        policy, policyText("group both all committee guarantor\nquorum both\n"));
    String token = log.app.tokens.issue("coord", Instant.now(), new java.security.SecureRandom());
    String[] remote =
        cli(
            "verify",
            "--url",
            "http://127.0.0.1:" + web.port(),
            "--token",
            token,
            "--policy",
            policy.toString(),
            "--quiet");
    assertThat(remote[1])
        .contains("witnessed: size " + size + " cosigned by committee, guarantor (quorum both)");
    assertThat(remote[0]).as(remote[1]).isEqualTo("0");

    // A stricter policy: a third witness that never cosigned, in a group of its own.
    Cosigner absent =
        new Cosigner.Ed25519(
            "absent.example/w", Ed25519PrivateKey.generate(new java.security.SecureRandom()));
    java.nio.file.Path strict = dir.resolve("strict.txt");
    java.nio.file.Files.writeString(
        strict,
        policyText(
            "witness absent "
                + absent.verifierKey().vkey()
                + "\n"
                + "group guarantors all guarantor absent\ngroup both all committee guarantors\nquorum both\n"));
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "verify", "--data", log.dir.toString(), "--policy", strict.toString(), "--quiet"));
    args.addAll(log.dbArgs());
    String[] local = cli(args.toArray(String[]::new));
    assertThat(local[0]).isEqualTo("1");
    assertThat(local[1])
        .contains("FAILED")
        .contains("group guarantors needs 2 of [guarantor, absent] and has 1 [guarantor]");
    String[] remoteStrict =
        cli(
            "verify",
            "--url",
            "http://127.0.0.1:" + web.port(),
            "--token",
            token,
            "--policy",
            strict.toString(),
            "--quiet");
    assertThat(remoteStrict[0]).isEqualTo("1");
    assertThat(remoteStrict[1]).contains("quorum not met").contains("group guarantors needs 2");

    args.set(4, policy.toString());
    String[] localOk = cli(args.toArray(String[]::new));
    assertThat(localOk[0]).as(localOk[1]).isEqualTo("0");
  }

  @Test
  void aWitnessThatNeverAnswers_doesNotHoldUpCommits() throws Exception {
    log = TestLog.create(dir.resolve("log"), Clock.systemUTC());
    witnesses[0] =
        new WitnessProcess(
            dir.resolve("w1"), "donors.example/committee", log.app.log.verifierKey());
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Cosigner mute =
          new Cosigner.Ed25519(
              "mute.example/w", Ed25519PrivateKey.generate(new java.security.SecureRandom()));
      Policy policy =
          Policy.parse(
              "log "
                  + log.app.log.verifierKey()
                  + "\n"
                  + "witness committee "
                  + witnesses[0].vkey()
                  + " "
                  + witnesses[0].url()
                  + "\n"
                  + "witness mute "
                  + mute.verifierKey().vkey()
                  + " http://127.0.0.1:"
                  + silent.getLocalPort()
                  + "\n"
                  + "group either any committee mute\nquorum either\n");
      log.app.witness(policy, Duration.ofMillis(100));
      // The log's request to the silent witness is accepted and never answered.
      java.net.Socket held = silent.accept();
      for (int i = 0; i < 20; i++)
        log.accept(log.coordinator, "incident.reported", TestLog.incident("h-" + i));
      long size = log.app.log.size();
      await(
          "the committee alone witnesses size " + size,
          () ->
              log.app
                  .witnessing()
                  .orElseThrow()
                  .witnessed()
                  .map(w -> w.size() == size)
                  .orElse(false));
      // Every commit was answered while the silent witness still held its request.
      assertThat(held.isClosed()).isFalse();
      assertThat(log.app.witnessing().orElseThrow().status().get(1).lastCosignedSize()).isZero();
      held.close();
    }
  }

  @Test
  void aPolicyWithoutTheLogsKeyIsRefused() throws Exception {
    log = TestLog.create(dir.resolve("log"), Clock.systemUTC());
    witnesses[0] =
        new WitnessProcess(
            dir.resolve("w1"), "donors.example/committee", log.app.log.verifierKey());
    Policy other =
        Policy.parse("witness committee " + witnesses[0].vkey() + "\nquorum committee\n");
    assertThatThrownBy(() -> log.app.witness(other, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not list this log's key");
  }
}
