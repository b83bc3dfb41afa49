package org.stabilis.bench;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stabilis.demo.DemoScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time to serve the dashboard page and each of its fragments with the demo loaded (target: ready
 * within 200 ms of server time). Measured from a client on the same machine over loopback, so the
 * figure is an upper bound of the server's own time.
 */
@Command(
    name = "dashboard",
    description = "Server time of the dashboard page and its fragments, with the demo loaded.")
final class DashboardBench implements Callable<Integer> {
  @Option(
      names = "--requests",
      defaultValue = "51",
      description = "timed requests per path (default: ${DEFAULT-VALUE})")
  int requests;

  private static final List<String> PATHS =
      List.of(
          "/",
          "/dashboard/panel/coverage",
          "/dashboard/panel/materials",
          "/dashboard/panel/reconstruction",
          "/dashboard/panel/integrity",
          "/dashboard/panel/map-lists",
          "/dashboard/zone/rafah-idf",
          "/dashboard/pulse?seen=0");

  @Override
  public Integer call() throws Exception {
    var demo =
        DemoScenario.load(
            Files.createTempDirectory("stabilis-bench-dashboard-"),
            Clock.systemUTC(),
            new SecureRandom());
    Javalin web = demo.app().web().start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String cookie = "stabilis_session=" + demo.tokens().get(DemoScenario.COORDINATOR);
      System.out.printf(
          "dashboard with the demo loaded (%d entries); %d timed requests per path after 5 warm-up requests%n",
          demo.app().log.size(), requests);
      for (String p : PATHS) {
        HttpRequest req =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + p))
                .header("Cookie", cookie)
                .build();
        for (int i = 0; i < 5; i++) http.send(req, HttpResponse.BodyHandlers.discarding());
        double[] ms = new double[requests];
        for (int i = 0; i < requests; i++) {
          long t0 = System.nanoTime();
          HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
          ms[i] = (System.nanoTime() - t0) / 1e6;
          if (r.statusCode() != 200)
            throw new IllegalStateException("GET " + p + " answered " + r.statusCode());
        }
        Arrays.sort(ms);
        System.out.printf(
            "  GET %-34s median %6.1f ms  p99 %6.1f ms  (target 200 ms)%n",
            p,
            ms[ms.length / 2],
            ms[Math.min(ms.length - 1, (int) Math.ceil(0.99 * ms.length) - 1)]);
      }
    } finally {
      web.stop();
      demo.app().close();
    }
    return 0;
  }
}
