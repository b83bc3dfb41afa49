package org.stabilis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;
import org.stabilis.web.Page;

/**
 * A monitor run with an observer's token: the permit queue is not for observers, so it compares the
 * permit aggregates, which every reader may read; the lists of the decisions (obligations,
 * corrections) are compared page by page.
 */
class MonitorObserverTest {
  @TempDir Path dir;
  private World w;
  private Javalin server;
  private Javalin proxy;

  /** Every request the proxy passed on, with the status the server answered. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  /** What the proxy does to an answer: (path with query, body) → body served. */
  private volatile BiFunction<String, byte[], byte[]> lie = (p, b) -> b;

  @BeforeEach
  void start() {
    w = new World(dir.resolve("log"));
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "cement")
            .put("name", "Cement")
            .put("unit", "kg")
            .put("dual_use", true));
    var req = World.obj().put("id", "pm-1").put("purpose", "repairs");
    req.putArray("items").addObject().put("item", "cement").put("quantity", 100);
    w.ok("impl", "permit.requested", req);
    server = w.app.web().start("127.0.0.1", 0);
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
                      asked.add(q + " " + r.statusCode());
                      ctx.status(r.statusCode());
                      r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
                      ctx.result(r.statusCode() == 200 ? lie.apply(q, r.body()) : r.body());
                    }))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    proxy.stop();
    server.stop();
    w.close();
  }

  private Monitor.Report observersPass(int pageLimit) {
    try (Monitor m =
        new Monitor(
            new Monitor.Settings(
                "http://127.0.0.1:" + proxy.port(),
                dir.resolve("monitor"),
                w.app.tokens.issue("donors", World.T0, new SecureRandom()),
                null,
                Set.of(),
                w.app.clock,
                Monitor.Bars.NONE,
                pageLimit))) {
      return m.run();
    }
  }

  @Test
  void anObserversMonitor_comparesThePermitAggregates_insteadOfTheQueue() {
    assertThat(observersPass(Page.MAX_LIMIT).findings()).extracting(Finding::text).isEmpty();
    long size = w.app.log.size();
    assertThat(asked)
        .anyMatch(q -> q.matches("/api/v1/permits\\?at=" + size + "&time=\\S+ 403"))
        .anyMatch(q -> q.matches("/api/v1/permits/stats\\?at=" + size + "&time=\\S+ 200"));
  }

  /** Three retractions or disputes, and two phases with two obligations each. */
  private void decisions() {
    long[] entered = new long[3];
    for (int i = 0; i < 3; i++)
      entered[i] =
          w.ok(
              "cmcc",
              "material.item-defined",
              World.obj()
                  .put("code", "item-" + i)
                  .put("name", "Item " + i)
                  .put("unit", "kg")
                  .put("dual_use", false));
    w.ok("cmcc", "record.retracted", World.retraction(entered[0], "defined twice"));
    w.ok("idf", "record.disputed", World.dispute(entered[1], "not the catalogue agreed"));
    w.ok("idf", "record.disputed", World.dispute(entered[2], "not the catalogue agreed"));
    for (int p = 1; p <= 2; p++) {
      w.ok(
          "cmcc",
          "phase.defined",
          World.obj()
              .put("id", "phase-" + p)
              .put("order", p)
              .put("title", "Phase " + p)
              .put("source", "roadmap"));
      for (String party : List.of("idf", "hamas-liaison"))
        w.ok(
            "cmcc",
            "obligation.defined",
            World.obj()
                .put("id", "ob-" + p + "-" + party)
                .put("phase", "phase-" + p)
                .put("party", party)
                .put("title", "Obligation of " + party)
                .put("due", "2026-05-20")
                .put("source", "roadmap"));
    }
  }

  @Test
  void theDecisionListsOnOneItemAPage_areComparedToTheirLastPage_andPass() {
    decisions();
    assertThat(observersPass(1).findings()).extracting(Finding::text).isEmpty();
    // One item a page: three pages of corrections, four of obligations, each followed to its end.
    assertThat(asked.stream().filter(q -> q.startsWith("/api/v1/corrections?")))
        .hasSize(3)
        .allMatch(q -> q.endsWith(" 200"));
    assertThat(asked.stream().filter(q -> q.startsWith("/api/v1/obligations?")))
        .hasSize(4)
        .allMatch(q -> q.endsWith(" 200"));
  }

  @Test
  void aDisputeChangedOnlyOnTheSecondPageOfTheCorrections_isReported() {
    decisions();
    lie =
        (p, b) -> {
          if (!p.startsWith("/api/v1/corrections?") || !p.contains("&cursor=")) return b;
          String s = new String(b, StandardCharsets.UTF_8);
          // Page 2 of three, newest first: the first dispute.
          if (!s.contains("\"reason\":\"not the catalogue agreed\"")) return b;
          if (asked.stream().filter(q -> q.startsWith("/api/v1/corrections?")).count() != 2)
            return b;
          return s.replaceFirst(
                  "\"reason\":\"not the catalogue agreed\"",
                  "\"reason\":\"withdrawn by the party\"")
              .getBytes(StandardCharsets.UTF_8);
        };
    List<Finding> f = observersPass(1).findings();
    assertThat(f).extracting(Finding::kind).containsExactly("view");
    assertThat(f.get(0).what())
        .contains("GET /api/v1/corrections?at=" + w.app.log.size())
        .contains("&cursor=")
        .contains("(page 2)")
        .contains("/disputes/0/reason: the server says \"withdrawn by the party\"");
  }
}
