package org.stabilis.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.demo.DemoScenario;
import org.stabilis.demo.DemoWitnesses;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.testing.Await;
import org.stabilis.testing.TestLog;

/**
 * The demo's log checked by code others wrote: the Go module mirror's transparency-log packages
 * (golang.org/x/mod/sumdb/note and sumdb/tlog, as Debian ships them) open its cosigned checkpoint
 * with the log's key, authenticate its C2SP tlog-tiles hash tiles against that checkpoint, and
 * verify the JSON API's entries, inclusion proofs and consistency proofs; Go's note parser also
 * finds each witness's line by name and key ID for a C2SP cosignature/v1 check. The checker's
 * source is {@code src/test/go/tlogcheck}; Go and those packages must be installed (the test fails,
 * naming the packages, when they are not).
 *
 * <p>Tagged {@code sqlite-only}: the demo always keeps its log in its SQLite file, so the
 * PostgreSQL run of the suite would repeat this test unchanged.
 */
@Tag("sqlite-only")
class GoSumdbInteropTest {
  /** Debian's golang-golang-x-mod-dev installs its sources here, for GOPATH builds. */
  private static final Path GOPATH = Path.of("/usr/share/gocode");

  private static final String INSTALL = "apt-get install -y golang-go golang-golang-x-mod-dev";

  /** Past two full tiles, so level-1 tiles, partial tiles and several bundles are read. */
  private static final long SIZE = 700;

  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static DemoWitnesses witnesses;
  static Javalin web;
  static Path checker;
  static String base;

  @BeforeAll
  static void buildTheCheckerAndServeTheDemo() throws Exception {
    checker = buildChecker();
    Path data = dir.resolve("demo");
    demo = DemoScenario.load(data, Clock.systemUTC(), new SecureRandom());
    EventSigner cmcc =
        new EventSigner(
            DemoScenario.COORDINATOR,
            DemoScenario.COORDINATOR + "-1",
            Ed25519PrivateKey.fromPkcs8Pem(Files.readString(demo.keysDir().resolve("cmcc.pem"))),
            1_000_000);
    for (int i = 0; demo.app().log.size() < SIZE; i++)
      assertThat(
              demo.app()
                  .log
                  .submit(
                      cmcc.sign("incident.reported", TestLog.incident("go-" + i), Instant.now())))
          .isInstanceOf(Outcome.Accepted.class);
    witnesses =
        DemoWitnesses.start(
            data, demo.app().log.verifierKey(), Clock.systemUTC(), new SecureRandom());
    demo.app().witness(witnesses.policy, Duration.ofSeconds(1));
    web = demo.app().web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
    awaitCosignedCheckpointOfTheWholeLog();
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) web.stop();
    if (witnesses != null) witnesses.close();
    if (demo != null) demo.app().close();
  }

  @Test
  void goTlog_verifiesTheCheckpointTilesEntriesAndProofs_andBothCosignatures() throws Exception {
    Run run = runChecker(demo.app().log.verifierKey(), witnessKeys());
    System.out.print(run.output);
    assertThat(run.exit).as(run.output).isZero();
    long size = demo.app().log.size();
    String root = demo.app().log.rootAt(size).base64();
    assertThat(run.output)
        .contains(
            "ok: cosignature/v1 by witness verification-committee.example/witness verified",
            "ok: cosignature/v1 by witness guarantor.example/witness verified",
            "ok: checkpoint of " + DemoScenario.ORIGIN + ", size " + size,
            "(0 other signature lines ignored)",
            "level 1: ",
            "ok: " + size + " entries in 3 entry bundles hash to the tiles' leaves",
            "ok: " + size + " entries of /api/v1/log/entries",
            "ok: inclusion proofs of ",
            "ok: consistency proofs from ")
        .endsWith("verified " + size + " " + root + "\n");
  }

  @Test
  void goNote_ignoresTheCosignatureLinesOfKeysItIsNotGiven() throws Exception {
    Run run = runChecker(demo.app().log.verifierKey(), List.of());
    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output).contains("signed by the log's key (2 other signature lines ignored)");
  }

  @Test
  void goNote_refusesTheCheckpointUnderAnotherKeyOfTheSameName() throws Exception {
    String impostor =
        new NoteSigner(DemoScenario.ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()))
            .verifierKey();
    Run run = runChecker(impostor, List.of());
    assertThat(run.exit).as(run.output).isEqualTo(1);
    assertThat(run.output).startsWith("FAILED: open the checkpoint with the log's key");
  }

  @Test
  void goNote_findsNoCosignatureForAnotherKeyOfTheWitnessName() throws Exception {
    String impostor =
        new Cosigner.Ed25519(
                "guarantor.example/witness", Ed25519PrivateKey.generate(new SecureRandom()))
            .verifierKey()
            .vkey();
    Run run = runChecker(demo.app().log.verifierKey(), List.of(impostor));
    assertThat(run.exit).as(run.output).isEqualTo(1);
    assertThat(run.output)
        .startsWith("FAILED: no cosignature by witness guarantor.example/witness");
  }

  /**
   * The witnesses' verifier keys, from the policy the demo wrote ({@code witness NAME VKEY URL}).
   */
  private static List<String> witnessKeys() throws IOException {
    return Files.readAllLines(witnesses.policyFile).stream()
        .filter(l -> l.startsWith("witness "))
        .map(l -> l.split(" ")[2])
        .toList();
  }

  private record Run(int exit, String output) {}

  private static Run runChecker(String vkey, List<String> witnessKeys) throws Exception {
    String token = demo.tokens().get(DemoScenario.COORDINATOR);
    List<String> cmd =
        new ArrayList<>(List.of(checker.toString(), "-url", base, "-token", token, "-vkey", vkey));
    for (String w : witnessKeys) cmd.addAll(List.of("-witness", w));
    return run(cmd, Map.of(), Duration.ofMinutes(2));
  }

  /** `go build` in GOPATH mode against Debian's sources: offline, a few seconds. */
  private static Path buildChecker() throws Exception {
    assertThat(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog"))
        .as("golang.org/x/mod sources are required under %s: %s", GOPATH, INSTALL)
        .isDirectory();
    Path out = Path.of("target", "go").toAbsolutePath();
    Files.createDirectories(out);
    Path binary = out.resolve("tlogcheck");
    Run build;
    try {
      build =
          run(
              List.of("go", "build", "-o", binary.toString(), "."),
              Map.of(
                  "GO111MODULE", "off",
                  "GOPATH", GOPATH.toString(),
                  "GOCACHE", out.resolve("cache").toString(),
                  "GOFLAGS", "",
                  "CGO_ENABLED", "0"),
              Duration.ofMinutes(5),
              Path.of("src", "test", "go", "tlogcheck"));
    } catch (IOException e) {
      throw new AssertionError("the Go toolchain is required (`go` on the PATH): " + INSTALL, e);
    }
    assertThat(build.exit).as("go build: %s", build.output).isZero();
    return binary;
  }

  private static Run run(List<String> cmd, Map<String, String> env, Duration limit)
      throws Exception {
    return run(cmd, env, limit, null);
  }

  private static Run run(List<String> cmd, Map<String, String> env, Duration limit, Path cwd)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
    pb.environment().putAll(env);
    if (cwd != null) pb.directory(cwd.toFile());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd.get(0) + " did not finish within " + limit);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Waits until both witnesses have cosigned the checkpoint of the whole log. */
  private static void awaitCosignedCheckpointOfTheWholeLog() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI cp = URI.create(base + "/api/v1/log/checkpoint");
    String want = "\n" + demo.app().log.size() + "\n";
    Await.until(
        "both witnesses cosign the checkpoint of the whole log",
        Duration.ofSeconds(60),
        () -> {
          HttpResponse<String> r =
              http.send(HttpRequest.newBuilder(cp).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isIn(200, 503);
          return r.statusCode() == 200 && r.body().contains(want);
        });
  }
}
