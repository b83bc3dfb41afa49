package org.stabilis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.tiles.TilePath;
import org.stabilis.log.tiles.Tiles;
import org.stabilis.web.Page;

/**
 * The monitor against a lying server: a proxy in front of the demo log that changes what it serves.
 * Each lie must be reported, naming what differs; the honest log must pass.
 */
class MonitorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC);
  @TempDir static Path shared;
  @TempDir Path dir;
  private static DemoScenario.Loaded demo;
  private static Javalin server;
  private static Javalin proxy;
  private static String token;

  /** What the proxy does to an answer: (path with query, body) → body served. */
  private static volatile BiFunction<String, byte[], byte[]> lie = (p, b) -> b;

  @BeforeAll
  static void start() throws Exception {
    demo = DemoScenario.load(shared.resolve("demo"), CLOCK, new SecureRandom(new byte[] {5}));
    server = demo.app().web().start("127.0.0.1", 0);
    token = demo.tokens().get(DemoScenario.COORDINATOR);
    HttpClient http = HttpClient.newHttpClient();
    String upstream = "http://127.0.0.1:" + server.port();
    proxy =
        Javalin.create(c ->
                c.routes.get(
                    "/<path>",
                    ctx -> {
                      String q =
                          ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + q));
                      String auth = ctx.header("Authorization");
                      if (auth != null) b.header("Authorization", auth);
                      HttpResponse<byte[]> r =
                          http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                      ctx.status(r.statusCode());
                      r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
                      ctx.result(r.statusCode() == 200 ? lie.apply(q, r.body()) : r.body());
                    }))
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    proxy.stop();
    server.stop();
    demo.app().close();
  }

  @AfterEach
  void honestAgain() {
    lie = (p, b) -> b;
  }

  private Monitor monitor(Set<String> watch) {
    return monitor(watch, Page.MAX_LIMIT);
  }

  private Monitor monitor(Set<String> watch, int pageLimit) {
    return new Monitor(
        new Monitor.Settings(
            "http://127.0.0.1:" + proxy.port(),
            dir,
            token,
            null,
            watch,
            CLOCK,
            Monitor.Bars.NONE,
            pageLimit));
  }

  private static long size() {
    return demo.app().log.size();
  }

  @Test
  void anHonestLog_passesEveryCheck_andListsTheEntriesOfAWatchedParty() {
    try (Monitor m = monitor(Set.of(DemoScenario.COORDINATOR))) {
      Monitor.Report r = m.run();
      assertThat(r.findings()).extracting(Finding::text).isEmpty();
      assertThat(r.size()).isEqualTo(size());
      assertThat(r.watched())
          .isNotEmpty()
          .allMatch(w -> w.contains("signed by party " + DemoScenario.COORDINATOR));
      assertThat(r.watched().get(0)).startsWith("entry 0: party.registered");
      // A second pass reads again only the last partial bundle, and still finds nothing.
      Monitor.Report again = m.run();
      assertThat(again.findings()).extracting(Finding::text).isEmpty();
      assertThat(again.watched()).isEmpty();
    }
    assertThat(dir.resolve("findings")).doesNotExist();
  }

  @Test
  void aChangedZoneStatus_isReportedNamingTheZoneAndBothStatuses() {
    lie =
        (p, b) ->
            p.startsWith("/api/v1/zones?")
                ? replaceFirst(b, "\"status\":\"([a-z-]+)\"", "\"status\":\"certified-clear\"")
                : b;
    try (Monitor m = monitor(Set.of())) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("view");
      assertThat(f.get(0).what())
          .contains("GET /api/v1/zones?at=" + size())
          .contains("/features/")
          .contains("/properties/status")
          .contains("the server says \"certified-clear\"");
    }
  }

  @Test
  void aChangedBalance_isReportedNamingTheFigure() {
    lie =
        (p, b) ->
            p.startsWith("/api/v1/materials/balance?")
                ? replaceFirst(b, "\"stock\":([0-9]+)", "\"stock\":987654321")
                : b;
    try (Monitor m = monitor(Set.of())) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("view");
      assertThat(f.get(0).what())
          .contains("GET /api/v1/materials/balance?at=")
          .contains("/balances/")
          .contains("/stock")
          .contains("the server says 987654321");
    }
  }

  @Test
  void aRetractionTheLogDoesNotHold_isReportedOnTheCorrectionsAsOfTheMirroredSize() {
    // The server claims that entry 5 was retracted: every view would then answer without it.
    lie =
        (p, b) ->
            p.startsWith("/api/v1/corrections?")
                ? replaceFirst(
                    b,
                    "\"retractions\":\\[\\]",
                    "\"retractions\":[{\"index\":5,\"type\":\"material.entered\",\"party\":\"un-logistics\","
                        + "\"reason\":\"did-not-occur\",\"note\":\"\",\"retracted_by\":6,"
                        + "\"time\":\"2025-11-20T10:00:00Z\"}]")
                : b;
    try (Monitor m = monitor(Set.of())) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("view");
      assertThat(f.get(0).what())
          .contains("GET /api/v1/corrections?at=" + size())
          .contains("/retractions: the server says [{\"index\":5")
          .contains("the mirror computes []");
    }
  }

  @Test
  void theDecisionViews_areAskedAsOfTheMirroredSize_atTheTimeOfItsLastEntry() {
    java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    lie =
        (p, b) -> {
          asked.add(p);
          return b;
        };
    try (Monitor m = monitor(Set.of())) {
      assertThat(m.run().findings()).extracting(Finding::text).isEmpty();
    }
    assertThat(asked)
        .anyMatch(q ->
            q.matches(
                "/api/v1/obligations\\?at="
                    + size()
                    + "&date=\\d{4}-\\d{2}-\\d{2}&limit="
                    + Page.MAX_LIMIT))
        .anyMatch(q -> q.matches("/api/v1/permits\\?at=" + size() + "&time=.+"))
        .contains("/api/v1/corrections?at=" + size() + "&limit=" + Page.MAX_LIMIT);
  }

  @Test
  void anHonestLogServedTwoItemsAPage_passes_afterEveryPageOfEveryListWasCompared() {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    lie =
        (p, b) -> {
          asked.add(p);
          return b;
        };
    try (Monitor m = monitor(Set.of(), 2)) {
      assertThat(m.run().findings()).extracting(Finding::text).isEmpty();
    }
    // Each list was walked to its end: as many pages as its items need, two at a time.
    for (String view : List.of("/api/v1/zones", "/api/v1/projects", "/api/v1/materials/balance")) {
      int items = items(view);
      assertThat(items).as(view + " fills more than one page").isGreaterThan(2);
      assertThat(asked.stream().filter(q -> q.startsWith(view + "?")))
          .as(view)
          .hasSize((items + 1) / 2)
          .filteredOn(q -> q.contains("&cursor="))
          .hasSize((items + 1) / 2 - 1);
    }
  }

  @Test
  void aZoneChangedOnlyOnTheSecondPage_isReportedNamingThatPage() {
    java.util.concurrent.atomic.AtomicReference<String> page2 =
        new java.util.concurrent.atomic.AtomicReference<>();
    lie =
        (p, b) -> {
          if (!p.startsWith("/api/v1/zones?") || !p.contains("&cursor=")) return b;
          if (!page2.compareAndSet(null, p) && !p.equals(page2.get())) return b;
          Matcher st =
              Pattern.compile("\"status\":\"([a-z-]+)\"")
                  .matcher(new String(b, StandardCharsets.UTF_8));
          if (!st.find()) throw new AssertionError("no zone status on page 2");
          String other = st.group(1).equals("suspended") ? "verified" : "suspended";
          return replaceFirst(b, "\"status\":\"([a-z-]+)\"", "\"status\":\"" + other + "\"");
        };
    try (Monitor m = monitor(Set.of(), 2)) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("view");
      assertThat(f.get(0).what())
          .startsWith("GET " + page2.get() + " (page 2) differs from what the mirror computes")
          .contains("/features/")
          .contains("/properties/status");
    }
  }

  @Test
  void aServerWhoseNextPageIsOneAlreadyGiven_isReportedAsALoop_andTheWalkStops() {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    lie =
        (p, b) -> {
          if (!p.startsWith("/api/v1/materials/balance?")) return b;
          asked.add(p);
          Matcher c = Pattern.compile("&cursor=([^&]+)").matcher(p);
          if (!c.find()) return b;
          // Page 2 points back at itself: the cursor page 1 gave.
          return replaceFirst(b, "\"next\":(null|\"[^\"]*\")", "\"next\":\"" + c.group(1) + "\"");
        };
    try (Monitor m = monitor(Set.of(), 2)) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("paging");
      assertThat(f.get(0).what())
          .contains("GET /api/v1/materials/balance?at=" + size())
          .contains("(page 2) gives as \"next\" the cursor that page 1 already gave");
    }
    assertThat(asked).hasSize(2);
  }

  /** How many items a list view holds, read from the server in one page. */
  private static int items(String view) {
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.port()
                                  + view
                                  + "?limit="
                                  + Page.MAX_LIMIT))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      com.fasterxml.jackson.databind.JsonNode j =
          org.stabilis.log.canonical.StrictJson.mapper().readTree(r.body());
      assertThat(j.path("next").isNull()).as(view + " on one page").isTrue();
      return switch (view) {
        case "/api/v1/zones" -> j.path("features").size();
        case "/api/v1/projects" -> j.path("projects").size();
        case "/api/v1/materials/balance" -> j.path("balances").size();
        default -> throw new AssertionError(view);
      };
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aForkedCheckpoint_isCaught_withBothNotes_andStaysCaught() throws Exception {
    try (Monitor m = monitor(Set.of())) {
      assertThat(m.run().findings()).isEmpty();
      Hash other = Hash.of(new byte[32]);
      NoteSigner logKey =
          new NoteSigner(
              DemoScenario.ORIGIN, App.readKey(shared.resolve("demo").resolve(App.LOG_KEY_FILE)));
      String forked = logKey.sign(new Checkpoint(DemoScenario.ORIGIN, size(), other).body());
      lie =
          (p, b) ->
              p.equals("/api/v1/log/checkpoint") ? forked.getBytes(StandardCharsets.UTF_8) : b;
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).contains("fork");
      Finding fork = f.stream().filter(x -> x.kind().equals("fork")).findFirst().orElseThrow();
      assertThat(fork.what()).isEqualTo("the log signed 2 different roots for size " + size());
      assertThat(String.join("\n", fork.evidence()))
          .contains(forked)
          .contains(demo.app().log.checkpoint().orElseThrow().note());
      // Shown the honest checkpoint again, the monitor still holds both.
      lie = (p, b) -> b;
      assertThat(m.run().findings()).extracting(Finding::kind).contains("fork");
    }
    try (var files = Files.list(dir.resolve("findings"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-fork.txt"));
    }
  }

  @Test
  void anEntryWhoseBytesDifferFromAnEarlierRead_isReportedByIndex() {
    try (Monitor m = monitor(Set.of())) {
      assertThat(m.run().findings()).isEmpty();
      long target = size() / TilePath.WIDTH * TilePath.WIDTH + 1;
      lie =
          (p, b) -> {
            if (!p.startsWith("/api/v1/log/tile/entries/")) return b;
            List<byte[]> entries = new java.util.ArrayList<>(Tiles.parseBundle(b));
            byte[] e = entries.get((int) (target % TilePath.WIDTH)).clone();
            String text = new String(e, StandardCharsets.UTF_8);
            int at = text.indexOf("\"seq\":") + 6;
            e[at] = (byte) (e[at] == '9' ? '8' : e[at] + 1);
            entries.set((int) (target % TilePath.WIDTH), e);
            return Tiles.bundle(entries, 0);
          };
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("entry-changed");
      assertThat(f.get(0).what())
          .isEqualTo("entry " + target + " now reads differently from when it was mirrored");
      assertThat(f.get(0).evidence()).hasSize(2);
    }
  }

  @Test
  void underAPolicy_aCheckpointWithoutTheQuorum_isReportedNamingTheWitness() throws Exception {
    Path policy = dir.resolve("policy.txt");
    String witness =
        new org.stabilis.log.checkpoint.Cosigner.Ed25519(
                "witness.example/w",
                org.stabilis.log.crypto.Ed25519PrivateKey.generate(new SecureRandom()))
            .verifierKey()
            .vkey();
    Files.writeString(
        policy, "log " + demo.app().log.verifierKey() + "\nwitness W " + witness + "\nquorum W\n");
    try (Monitor m =
        new Monitor(
            new Monitor.Settings(
                "http://127.0.0.1:" + proxy.port(),
                dir.resolve("m"),
                token,
                policy,
                Set.of(),
                CLOCK,
                Monitor.Bars.NONE,
                Page.MAX_LIMIT))) {
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("quorum");
      assertThat(f.get(0).what()).contains("witness W has not cosigned");
    }
  }

  @Test
  void anEntryWhoseSignatureDoesNotVerify_isReportedAndNotMirrored() {
    lie =
        (p, b) -> {
          if (!p.startsWith("/api/v1/log/tile/entries/")) return b;
          List<byte[]> entries = new java.util.ArrayList<>(Tiles.parseBundle(b));
          byte[] e = entries.get(7).clone();
          int at = new String(e, StandardCharsets.UTF_8).indexOf("\"sig\":\"") + 7;
          e[at] = (byte) (e[at] == 'A' ? 'B' : 'A');
          entries.set(7, e);
          return Tiles.bundle(entries, 0);
        };
    try (Monitor m = monitor(Set.of())) {
      Monitor.Report r = m.run();
      assertThat(r.findings()).extracting(Finding::kind).containsExactly("entry");
      assertThat(r.findings().get(0).what())
          .startsWith("entry 7's signature does not verify with key");
      assertThat(r.size()).isZero();
    }
  }

  @Test
  void aCheckpointOlderThanOneAlreadyMirrored_isReportedAsARollback() throws Exception {
    try (Monitor m = monitor(Set.of())) {
      assertThat(m.run().findings()).isEmpty();
      // A validly signed, consistent but older checkpoint: the log went back.
      String older =
          demo.app().store.allCheckpoints().stream()
              .filter(c -> c.size() < size())
              .reduce((a, b) -> b)
              .orElseThrow()
              .note();
      lie =
          (p, b) ->
              p.startsWith("/api/v1/log/checkpoint") ? older.getBytes(StandardCharsets.UTF_8) : b;
      List<Finding> f = m.run().findings();
      assertThat(f).extracting(Finding::kind).containsExactly("rollback");
      assertThat(f.get(0).what()).contains("less than the " + size() + " entries");
    }
  }

  private static byte[] replaceFirst(byte[] body, String regex, String replacement) {
    String s = new String(body, StandardCharsets.UTF_8);
    Matcher mt = Pattern.compile(regex).matcher(s);
    if (!mt.find()) throw new AssertionError("the lie found nothing to change: " + regex);
    if (mt.group().equals(replacement)) throw new AssertionError("the lie would change nothing");
    return (s.substring(0, mt.start()) + replacement + s.substring(mt.end()))
        .getBytes(StandardCharsets.UTF_8);
  }
}
