package org.stabilis.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.World;

/**
 * A monitor run with an observer's token: the permit queue is not for observers, so it compares the
 * permit aggregates, which every reader may read.
 */
class MonitorObserverTest {
  @TempDir Path dir;

  @Test
  void anObserversMonitor_comparesThePermitAggregates_insteadOfTheQueue() throws Exception {
    try (World w = new World(dir.resolve("log"))) {
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
      Javalin server = w.app.web().start("127.0.0.1", 0);
      List<String> asked = new CopyOnWriteArrayList<>();
      HttpClient http = HttpClient.newHttpClient();
      String upstream = "http://127.0.0.1:" + server.port();
      Javalin proxy =
          Javalin.create(c ->
                  c.routes.get(
                      "/<path>",
                      ctx -> {
                        String q =
                            ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                        asked.add(q + " ");
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + q));
                        String auth = ctx.header("Authorization");
                        if (auth != null) b.header("Authorization", auth);
                        HttpResponse<byte[]> r =
                            http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        asked.set(asked.size() - 1, q + " " + r.statusCode());
                        ctx.status(r.statusCode());
                        r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
                        ctx.result(r.body());
                      }))
              .start("127.0.0.1", 0);
      try (Monitor m =
          new Monitor(
              new Monitor.Settings(
                  "http://127.0.0.1:" + proxy.port(),
                  dir.resolve("monitor"),
                  w.app.tokens.issue("donors", World.T0, new SecureRandom()),
                  null,
                  Set.of(),
                  w.app.clock,
                  Monitor.Bars.NONE))) {
        assertThat(m.run().findings()).extracting(Finding::text).isEmpty();
      } finally {
        proxy.stop();
        server.stop();
      }
      long size = w.app.log.size();
      assertThat(asked)
          .anyMatch(q -> q.matches("/api/v1/permits\\?at=" + size + "&time=\\S+ 403"))
          .anyMatch(q -> q.matches("/api/v1/permits/stats\\?at=" + size + "&time=\\S+ 200"));
    }
  }
}
