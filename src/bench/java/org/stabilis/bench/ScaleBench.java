package org.stabilis.bench;

import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.stabilis.App;
import org.stabilis.cli.Progress;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A log of N entries on one machine, in one run, with the verify limit of the same run as baseline:
 * build rate, restart to ready, "as of" views at 10, 50 and 90 % of the log, proofs, the size and
 * time of the dashboard page and its fragments, the heap the projections hold, and `verify` of the
 * whole log; with {@code --pg-url}, the same log on PostgreSQL: build, restart and verify. Asserts
 * nothing.
 */
@Command(
    name = "scale",
    description = "A log of N entries: build, restart, \"as of\" views, proofs, dashboard, heap.")
final class ScaleBench implements Callable<Integer> {
  @Option(
      names = "--entries",
      defaultValue = "1000000",
      description = "entries in the log (default: ${DEFAULT-VALUE})")
  long entries;

  @Option(
      names = "--clients",
      defaultValue = "256",
      description = "submitting clients while building (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--requests",
      defaultValue = "21",
      description = "timed requests per view and point (default: ${DEFAULT-VALUE})")
  int requests;

  @Option(
      names = "--dir",
      description =
          "working folder (default: a new temporary folder); a log built there by an earlier run is"
              + " measured again instead of being rebuilt")
  Path dir;

  @Option(
      names = "--pg-url",
      description =
          "JDBC URL of an empty PostgreSQL database: the same log is also built there, restarted"
              + " and verified")
  String pgUrl;

  @Option(
      names = "--skip-views",
      description = "skip the \"as of\" views, the dashboard and the proofs")
  boolean skipViews;

  @Option(names = "--skip-verify", description = "skip verify of the whole log")
  boolean skipVerify;

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    Path work = dir != null ? dir : Files.createTempDirectory("stabilis-scale-");
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "stabilis bench scale: %,d entries, %d cores, %s, folder %s%n",
        entries, cores, System.getProperty("java.vm.name") + " " + Runtime.version(), work);
    IngestBench ingest = new IngestBench();
    ingest.clients = clients;
    double limit = ingest.verifyLimit(cores);
    System.out.printf(
        "limit: raw Ed25519 verifications   %,10.0f /s on %d cores (1.00)%n", limit, cores);

    Path folder = work.resolve("log");
    if (Files.isRegularFile(folder.resolve(App.LOG_KEY_FILE))) {
      // A log an earlier run built in --dir: measured as it is, so that a large log is built once.
      System.out.printf("build: skipped, measuring the log already in %s%n", folder);
    } else build(ingest, folder, null, limit);

    String origin = null;
    for (String which : List.of("first", "second")) {
      long heap0 = usedHeapAfterGc();
      long r0 = System.nanoTime();
      try (App reopened = App.open(folder, null, clock, null)) {
        double restart = (System.nanoTime() - r0) / 1e9;
        long heap = usedHeapAfterGc() - heap0;
        System.out.printf(
            "restart to ready (%s open of %,d entries): %.2f s (target 2 s); heap held: %,d MB%n",
            which, reopened.log.size(), restart, heap >> 20);
        origin = reopened.log.origin();
        if (which.equals("second") && !skipViews) {
          measureViews(reopened, reopened.log.size());
          measureProofs(reopened, reopened.log.size());
        }
      }
    }
    if (!skipVerify) verify(folder, null, origin, limit, "SQLite");

    if (pgUrl == null) {
      System.out.println(
          "not measured: the restart and verify on PostgreSQL (give --pg-url with the JDBC URL of"
              + " an empty database; the bench jar starts no PostgreSQL itself: the embedded server"
              + " the tests use is a test dependency, outside the shipped jars)");
      return 0;
    }
    Path pgFolder = work.resolve("log-postgresql");
    if (Files.isRegularFile(pgFolder.resolve(App.LOG_KEY_FILE)))
      System.out.printf(
          "build on PostgreSQL: skipped, measuring the log already in %s and %s%n",
          pgFolder, pgUrl);
    else build(ingest, pgFolder, pgUrl, limit);
    for (String which : List.of("first", "second")) {
      long r0 = System.nanoTime();
      try (App reopened = App.open(pgFolder, pgUrl, clock, null)) {
        double restart = (System.nanoTime() - r0) / 1e9;
        System.out.printf(
            "restart to ready on PostgreSQL (%s open of %,d entries): %.2f s (target 2 s)%n",
            which, reopened.log.size(), restart);
        origin = reopened.log.origin();
      }
    }
    if (!skipVerify) verify(pgFolder, pgUrl, origin, limit, "PostgreSQL");
    return 0;
  }

  /** `verify`'s audit of the whole closed log, as a ratio of the verify limit. */
  private static void verify(Path folder, String dbUrl, String origin, double limit, String store)
      throws Exception {
    IngestBench.Verified v = IngestBench.verifyWholeLog(folder, dbUrl, origin);
    System.out.printf(
        "verify of the whole log on %s (%,d entries): %,.0f entries/s (%.2f of limit), %.1f s%n",
        store, v.size(), v.rate(), v.rate() / limit, v.seconds());
  }

  private void build(IngestBench ingest, Path folder, String dbUrl, double limit) throws Exception {
    App[] app = new App[1];
    List<EventSigner> signers = ingest.freshLog(folder, dbUrl, app);
    long perClient = (entries - app[0].log.size() + clients - 1) / clients;
    long t0 = System.nanoTime();
    try (ProgressBar bar = Progress.bar("building a log of " + entries, entries)) {
      List<Thread> threads = new ArrayList<>();
      for (EventSigner s : signers)
        threads.add(
            Thread.ofVirtual()
                .start(() -> {
                  for (long i = 0; i < perClient; i++) {
                    Outcome o =
                        app[0].log.submit(
                            EventSigner.toSubmission(
                                s.sign(
                                    "incident.reported",
                                    IngestBench.incident(s.party(), i),
                                    clock.instant())));
                    if (!(o instanceof Outcome.Accepted))
                      throw new IllegalStateException("benchmark event refused: " + o);
                    if (i % 1000 == 0) bar.stepTo(app[0].log.size());
                  }
                }));
      for (Thread t : threads) t.join();
      bar.stepTo(app[0].log.size());
    }
    long size = app[0].log.size();
    double buildSecs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "build%s: %,d entries in %.0f s = %,.0f entries/s (%.2f of limit; clients sign in the same process)%n",
        dbUrl == null ? "" : " on PostgreSQL",
        size,
        buildSecs,
        size / buildSecs,
        size / buildSecs / limit);
    app[0].close();
  }

  private void measureViews(App app, long size) throws Exception {
    String token = app.tokens.issue("coord", clock.instant(), new SecureRandom());
    Javalin web = app.web().start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + web.port();
      for (String view :
          List.of(
              "/api/v1/coverage",
              "/api/v1/zones",
              "/api/v1/materials/balance",
              "/api/v1/materials/alerts"))
        for (int pct : new int[] {10, 50, 90}) {
          long at = Math.max(1, size * pct / 100);
          long[] ns = time(http, base + view + "?at=" + at, token, null);
          System.out.printf(
              "  GET %-26s ?at=%-3s median %8.1f ms, p99 %8.1f ms (target 50 ms)%n",
              view, pct + "%", IngestBench.pct(ns, 50), IngestBench.pct(ns, 99));
        }
      String session = signIn(http, base, token);
      for (String page :
          List.of(
              "/",
              "/dashboard/pulse",
              "/dashboard/panel/map-lists",
              "/dashboard/panel/coverage",
              "/dashboard/panel/reconstruction",
              "/dashboard/panel/integrity",
              "/dashboard/panel/materials",
              "/dashboard/panel/reciprocity",
              "/api/v1/incidents")) {
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + page))
                    .header("Cookie", "stabilis_session=" + session)
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (page.equals("/") && !new String(r.body(), StandardCharsets.UTF_8).contains("map"))
          throw new IllegalStateException("the dashboard page did not open with the session");
        long[] ns = time(http, base + page, token, session);
        System.out.printf(
            "  GET %-32s %,9d bytes, median %8.1f ms, p99 %8.1f ms (target 300 KB, 50 ms)%n",
            page, r.body().length, IngestBench.pct(ns, 50), IngestBench.pct(ns, 99));
      }
    } finally {
      web.stop();
    }
  }

  /** Opens a dashboard session as a browser does (the token in the address, once). */
  private static String signIn(HttpClient http, String base, String token) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    for (String c : r.headers().allValues("Set-Cookie"))
      if (c.startsWith("stabilis_session=")) return c.substring(17, c.indexOf(';'));
    throw new IllegalStateException("signing in answered " + r.statusCode() + " and no session");
  }

  private long[] time(HttpClient http, String url, String token, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    if (cookie != null) b.header("Cookie", "stabilis_session=" + cookie);
    HttpRequest req = b.build();
    long[] ns = new long[requests];
    for (int i = 0; i < requests; i++) {
      long s = System.nanoTime();
      HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
      ns[i] = System.nanoTime() - s;
      if (r.statusCode() != 200)
        throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
    }
    return ns;
  }

  private static void measureProofs(App app, long size) {
    Random rnd = new Random(42);
    int samples = 2000;
    long[] inc = new long[samples];
    for (int i = 0; i < samples; i++) {
      long index = (long) (rnd.nextDouble() * size);
      long s0 = System.nanoTime();
      app.log.inclusionProof(index, size);
      inc[i] = System.nanoTime() - s0;
    }
    System.out.printf(
        "inclusion proof at %,d entries: median %.3f ms, p99 %.3f ms (target p99 1 ms)%n",
        size, IngestBench.pct(inc, 50), IngestBench.pct(inc, 99));
  }

  private static long usedHeapAfterGc() {
    System.gc();
    var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return mem.getUsed();
  }
}
