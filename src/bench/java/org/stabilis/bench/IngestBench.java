package org.stabilis.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.cli.Progress;
import org.stabilis.demo.DemoWitnesses;
import org.stabilis.log.Auditor;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.SignedEvent;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.checkpoint.NoteVerifier;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.witness.CosignedCheckpoints;
import org.stabilis.log.witness.Witnessing;
import org.stabilis.party.PartyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingestion, proof and audit figures for the log (issue: the verifiable log, §5). Every rate is
 * also given as a ratio of the limit measured in the same run: raw Ed25519 verifications per second
 * on all cores, since a submission costs at least one verification.
 */
@Command(name = "ingest", description = "Log ingestion, proof latency, verify and restart figures.")
final class IngestBench implements Callable<Integer> {
  @Option(
      names = "--entries",
      defaultValue = "1000000",
      description =
          "size of the large log for proofs, verify and restart (default: ${DEFAULT-VALUE})")
  long large;

  @Option(
      names = "--events",
      defaultValue = "30000",
      description = "events per ingestion measurement (default: ${DEFAULT-VALUE})")
  int events;

  @Option(
      names = "--clients",
      defaultValue = "1024",
      description =
          "concurrent submitting clients, each waiting for its answer before sending the next (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Option(names = "--skip-large", description = "skip the large log (proofs, restart, verify)")
  boolean skipLarge;

  @Option(names = "--skip-http", description = "skip the HTTP ingestion measurement")
  boolean skipHttp;

  @Option(names = "--skip-in-process", description = "skip the in-process ingestion measurement")
  boolean skipInProcess;

  @Option(
      names = "--skip-witnessed",
      description = "skip the in-process ingestion measurement with a witness policy")
  boolean skipWitnessed;

  /** What the witnessed run collected, for the line that reports it. */
  private String witnessNote = "";

  private final SecureRandom random = new SecureRandom();

  /** Cores' worth of CPU the process used during the last ingestion phase (clients included). */
  private double cpuCores;

  /**
   * Over HTTP: cores busy in the load generator's own process, failed submissions, the first
   * failure.
   */
  private double clientCores;

  /** Events per commit group (one checkpoint is signed and stored per group) in the last phase. */
  private double meanGroup;

  /** Raw verifications per second of this process's CPU, measured with the limit. */
  private double verifyPerCpuSecond;

  private long httpFailures;
  private String httpFirstError;

  static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    Path work = dir != null ? dir : Files.createTempDirectory("stabilis-bench-");
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "stabilis bench ingest: %d cores, %s, folder %s%n",
        cores, System.getProperty("java.vm.name") + " " + Runtime.version(), work);

    double limit = verifyLimit(cores);
    System.out.printf(
        "limit: raw Ed25519 verifications        %,10.0f /s on %d cores (1.00); %,.0f per CPU-second%n",
        limit, cores, verifyPerCpuSecond);

    if (!skipInProcess) {
      double inProcess = ingestInProcess(work.resolve("in-process"), false);
      System.out.printf(
          "append in-process (%d clients)           %,10.0f events/s (%.2f of limit; %.2f cores busy; CPU cost %.2f; %.0f events per commit)%n",
          clients, inProcess, inProcess / limit, cpuCores, costRatio(inProcess), meanGroup);
      if (!skipWitnessed) {
        double witnessed = ingestInProcess(work.resolve("in-process-witnessed"), true);
        System.out.printf(
            "  same, with a witness policy (2 witnesses, interval 1 s) %,10.0f events/s (%.2f of limit; %.2f of the run without; %.2f cores busy; CPU cost %.2f; %.0f events per commit)%n",
            witnessed,
            witnessed / limit,
            witnessed / inProcess,
            cpuCores,
            costRatio(witnessed),
            meanGroup);
        System.out.println("  " + witnessNote);
      }
    }

    if (!skipHttp) {
      double overHttp = ingestHttp(work.resolve("http"));
      System.out.printf(
          "append over HTTP (%d keep-alive clients) %,10.0f events/s (%.2f of limit; server %.2f cores busy, CPU cost %.2f; %.0f events per commit; load generator %.2f cores in its own process; %d failed)%n",
          clients,
          overHttp,
          overHttp / limit,
          cpuCores,
          costRatio(overHttp),
          meanGroup,
          clientCores,
          httpFailures);
      if (httpFirstError != null) System.out.println("  first failure: " + httpFirstError);
    }
    if (!skipLarge) largeLog(work.resolve("large"), limit);
    return 0;
  }

  /**
   * The CPU-cost ratio of an ingestion phase: the CPU one raw verification takes over the CPU one
   * event took in the process measured (the server). It is what the wall-clock ratio would be with
   * every core busy on this work alone, so it holds on a machine shared with other load, where the
   * wall-clock ratios move with what else runs.
   */
  private double costRatio(double eventsPerSecond) {
    double cpuPerEvent = cpuCores / eventsPerSecond;
    return (1 / verifyPerCpuSecond) / cpuPerEvent;
  }

  /** Raw verification rate: distinct messages and keys, verified on every core. */
  double verifyLimit(int cores) throws Exception {
    int n = 4096;
    Ed25519PublicKey[] keys = new Ed25519PublicKey[n];
    byte[][] msgs = new byte[n][];
    byte[][] sigs = new byte[n][];
    Ed25519PrivateKey[] pk = new Ed25519PrivateKey[16];
    for (int i = 0; i < pk.length; i++) pk[i] = Ed25519PrivateKey.generate(random);
    for (int i = 0; i < n; i++) {
      Ed25519PrivateKey k = pk[i % pk.length];
      keys[i] = k.publicKey();
      msgs[i] = ("{\"bench\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes();
      sigs[i] = k.sign(msgs[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      long deadline = System.nanoTime() + 3_000_000_000L;
      AtomicLong done = new AtomicLong();
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < cores; c++) {
        final int offset = c;
        fs.add(
            pool.submit(() -> {
              int i = offset;
              while (System.nanoTime() < deadline) {
                for (int j = 0; j < 256; j++, i = (i + 1) % n) {
                  try {
                    keys[i].verify(msgs[i], sigs[i]);
                  } catch (BadSignatureException e) {
                    throw new IllegalStateException(e);
                  }
                }
                done.addAndGet(256);
              }
              return null;
            }));
      }
      for (Future<?> f : fs) f.get();
      verifyPerCpuSecond = done.get() / ((processCpuNanos() - cpu0) / 1e9);
      return done.get() / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  /** A fresh log with one inspector party per client; returns the signers. */
  List<EventSigner> freshLog(Path folder, App[] out) {
    return freshLog(folder, null, out);
  }

  /** The same on the database {@code dbUrl} (null: the folder's SQLite file). */
  List<EventSigner> freshLog(Path folder, String dbUrl, App[] out) {
    Ed25519PrivateKey coordKey = Ed25519PrivateKey.generate(random);
    App app =
        App.initialise(
            folder,
            dbUrl,
            new App.Genesis(
                "stabilis.example/bench", "coord", "Coordination centre", "coord-1", coordKey, 30),
            clock.instant(),
            clock,
            random);
    EventSigner coord = new EventSigner("coord", "coord-1", coordKey, 1);
    List<EventSigner> signers = BenchClients.register(app, coord, clients, random, clock);
    out[0] = app;
    return signers;
  }

  static ObjectNode incident(String client, long i) {
    ObjectNode b = StrictJson.mapper().createObjectNode();
    b.put("id", client + "-inc-" + i);
    b.put("category", "other");
    b.put("severity", 1);
    b.putArray("location").add(34.3 + (i % 1000) / 10000.0).add(31.3 + (i % 777) / 10000.0);
    b.put("summary", "benchmark event " + i);
    return b;
  }

  /** Pre-signs {@code perClient} events for each signer, before any timing. */
  private List<List<SignedEvent>> presign(List<EventSigner> signers, int perClient)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<List<SignedEvent>>> fs = new ArrayList<>();
      for (EventSigner s : signers)
        fs.add(
            pool.submit(() -> {
              List<SignedEvent> l = new ArrayList<>(perClient);
              for (int i = 0; i < perClient; i++)
                l.add(s.sign("incident.reported", incident(s.party(), i), clock.instant()));
              return l;
            }));
      List<List<SignedEvent>> out = new ArrayList<>();
      for (var f : fs) out.add(f.get());
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * In-process ingestion; with {@code witnessed}, under a policy of two witnesses (in-process C2SP
   * tlog-witness servers on loopback, each with its own SQLite store, as the demo starts them) that
   * the log sends checkpoints to while the clients submit (SPEC §2.7).
   */
  private double ingestInProcess(Path folder, boolean witnessed) throws Exception {
    App[] app = new App[1];
    List<EventSigner> signers = freshLog(folder, app);
    DemoWitnesses witnesses = null;
    if (witnessed) {
      witnesses = DemoWitnesses.start(folder, app[0].log.verifierKey(), clock, random);
      app[0].witness(witnesses.policy, Duration.ofSeconds(1));
    }
    try {
      // Submissions as bytes, as a client sends them: parsing and schema checks are measured too.
      List<List<byte[]>> work = new ArrayList<>();
      for (List<SignedEvent> l : presign(signers, events / clients))
        work.add(l.stream().map(EventSigner::toSubmission).toList());
      long groups0 = app[0].store.allCheckpoints().size();
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      List<Thread> threads = new ArrayList<>();
      for (List<byte[]> mine : work)
        threads.add(
            Thread.ofVirtual()
                .start(() -> {
                  for (byte[] e : mine) expectAccepted(app[0].log.submit(e));
                }));
      for (Thread t : threads) t.join();
      double secs = (System.nanoTime() - t0) / 1e9;
      cpuCores = (processCpuNanos() - cpu0) / 1e9 / secs;
      int n = work.stream().mapToInt(List::size).sum();
      meanGroup = (double) n / (app[0].store.allCheckpoints().size() - groups0);
      if (witnessed) witnessNote = awaitWitnessed(app[0], secs);
      return n / secs;
    } finally {
      app[0].close();
      if (witnesses != null) witnesses.close();
    }
  }

  /**
   * How far the quorum had cosigned when the clients finished, and how long after that the
   * checkpoint of the whole log met it (at most a minute is waited).
   */
  private static String awaitWitnessed(App app, double secs) throws InterruptedException {
    Witnessing w = app.witnessing().orElseThrow();
    long size = app.log.size();
    long atEnd = w.witnessed().map(CosignedCheckpoints.Served::size).orElse(0L);
    long t0 = System.nanoTime();
    long deadline = t0 + 60_000_000_000L;
    while (w.witnessed().map(CosignedCheckpoints.Served::size).orElse(0L) < size
        && System.nanoTime() < deadline) Thread.sleep(20);
    long now = w.witnessed().map(CosignedCheckpoints.Served::size).orElse(0L);
    String after =
        now >= size
            ? String.format(
                "the checkpoint of the whole log met it %.2f s after the last commit",
                (System.nanoTime() - t0) / 1e9)
            : "the whole log's had not met it a minute after the last commit (witnessed size "
                + now
                + ")";
    return String.format(
        "newest checkpoint meeting the quorum when the %.1f s of submissions ended: size %,d of %,d; %s",
        secs, atEnd, size, after);
  }

  /**
   * Over HTTP, from a load generator in its own JVM ({@link HttpLoadGenerator}): the cores busy are
   * the server's alone; the generator's are printed beside them.
   */
  private double ingestHttp(Path folder) throws Exception {
    App[] app = new App[1];
    List<EventSigner> signers = freshLog(folder, app);
    Javalin web = app[0].web().start("127.0.0.1", 0);
    Path file = Files.createTempFile(folder.getParent(), "submissions-", ".tsv");
    try {
      try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        List<List<SignedEvent>> work = presign(signers, events / clients);
        for (int c = 0; c < work.size(); c++)
          for (SignedEvent e : work.get(c)) {
            String json = new String(EventSigner.toSubmission(e), StandardCharsets.UTF_8);
            if (json.indexOf('\n') >= 0 || json.indexOf('\t') >= 0)
              throw new IllegalStateException("a submission holds a raw tab or newline");
            w.write(c + "\t" + json + "\n");
          }
      }
      long groups0 = app[0].store.allCheckpoints().size();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child =
          new ProcessBuilder(
                  java,
                  "-XX:+UseParallelGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  BenchCommand.class.getName(),
                  "http-load",
                  "--port",
                  Integer.toString(web.port()),
                  "--file",
                  file.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (var fromChild =
              new java.io.BufferedReader(
                  new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
          var toChild =
              new java.io.PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
        expectLine(fromChild, "connected");
        toChild.println("go");
        expectLine(fromChild, "start");
        long cpu0 = processCpuNanos();
        String done = fromChild.readLine();
        long cpu1 = processCpuNanos();
        if (done == null || !done.startsWith("done "))
          throw new IllegalStateException("the load generator stopped: " + done);
        String[] f = done.split(" ");
        long accepted = Long.parseLong(f[1]), failed = Long.parseLong(f[2]);
        double secs = Long.parseLong(f[3]) / 1e9;
        cpuCores = (cpu1 - cpu0) / 1e9 / secs;
        clientCores = Long.parseLong(f[4]) / 1e9 / secs;
        httpFailures = failed;
        meanGroup = (double) accepted / (app[0].store.allCheckpoints().size() - groups0);
        String error = fromChild.readLine();
        if (error != null && error.startsWith("first-error ")) httpFirstError = error.substring(12);
        if (child.waitFor() != 0)
          throw new IllegalStateException("the load generator exited with " + child.exitValue());
        return accepted / secs;
      } finally {
        child.destroy();
      }
    } finally {
      Files.deleteIfExists(file);
      web.stop();
      app[0].close();
    }
  }

  private static void expectLine(java.io.BufferedReader r, String want) throws java.io.IOException {
    String got = r.readLine();
    if (!want.equals(got))
      throw new IllegalStateException("the load generator said " + got + ", expected " + want);
  }

  private static void expectAccepted(Outcome o) {
    if (!(o instanceof Outcome.Accepted))
      throw new IllegalStateException("benchmark event refused: " + o);
  }

  /** Builds a large log, then measures proofs, verify and restart on it. */
  private void largeLog(Path folder, double limit) throws Exception {
    App[] app = new App[1];
    List<EventSigner> signers = freshLog(folder, app);
    long perClient = (large - app[0].log.size() + clients - 1) / clients;
    long t0 = System.nanoTime();
    try (ProgressBar bar = Progress.bar("building a log of " + large, large)) {
      List<Thread> threads = new ArrayList<>();
      for (EventSigner s : signers)
        threads.add(
            Thread.ofVirtual()
                .start(() -> {
                  for (long i = 0; i < perClient; i++) {
                    expectAccepted(
                        app[0].log.submit(
                            s.sign("incident.reported", incident(s.party(), i), clock.instant())));
                    if (i % 1000 == 0) bar.stepTo(app[0].log.size());
                  }
                }));
      for (Thread t : threads) t.join();
      bar.stepTo(app[0].log.size());
    }
    long size = app[0].log.size();
    System.out.printf(
        "built a log of %,d entries in %.0f s (signing included)%n",
        size, (System.nanoTime() - t0) / 1e9);

    Random rnd = new Random(42);
    int samples = 2000;
    long[] inc = new long[samples];
    long[] con = new long[samples];
    for (int i = 0; i < samples; i++) {
      long index = (long) (rnd.nextDouble() * size);
      long s0 = System.nanoTime();
      app[0].log.inclusionProof(index, size);
      inc[i] = System.nanoTime() - s0;
      long from = 1 + (long) (rnd.nextDouble() * (size - 1));
      s0 = System.nanoTime();
      app[0].log.consistencyProof(from, size);
      con[i] = System.nanoTime() - s0;
    }
    System.out.printf(
        "inclusion proof at %,d entries:   median %.3f ms, p99 %.3f ms%n",
        size, pct(inc, 50), pct(inc, 99));
    System.out.printf(
        "consistency proof at %,d entries: median %.3f ms, p99 %.3f ms%n",
        size, pct(con, 50), pct(con, 99));
    app[0].close();

    long r0 = System.nanoTime();
    App reopened = App.open(folder, null, clock, null);
    double restart = (System.nanoTime() - r0) / 1e9;
    String origin = reopened.log.origin();
    reopened.close();
    System.out.printf("restart to ready at %,d entries:  %.2f s%n", size, restart);

    Verified v = verifyWholeLog(folder, null, origin);
    System.out.printf(
        "verify at %,d entries:            %,10.0f entries/s (%.2f of limit), %.1f s%n",
        v.size(), v.rate(), v.rate() / limit, v.seconds());
  }

  /** What {@link #verifyWholeLog} checked and how long it took. */
  record Verified(long size, double seconds) {
    double rate() {
      return size / seconds;
    }
  }

  /**
   * Runs `verify`'s audit (every signature, leaf and checkpoint) over the whole closed log in
   * {@code folder}, on the database {@code dbUrl} (null: the folder's SQLite file), with every
   * core.
   *
   * @throws IllegalStateException if the log does not verify
   */
  static Verified verifyWholeLog(Path folder, String dbUrl, String origin) throws Exception {
    EventCatalogue cat = new EventCatalogue();
    PartyRegistry keys = new PartyRegistry(cat);
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try (var db =
        org.stabilis.log.store.Database.open(
            dbUrl != null ? dbUrl : org.stabilis.log.store.Database.sqliteUrl(folder))) {
      LogStore store = new LogStore(db);
      NoteVerifier v =
          NoteVerifier.parse(
              new NoteSigner(origin, App.readKey(folder.resolve(App.LOG_KEY_FILE))).verifierKey());
      var latest = store.latestCheckpoint().orElseThrow();
      long size = latest.size();
      List<String> notes = List.of(latest.note());
      Auditor.Source src =
          new Auditor.Source() {
            @Override
            public long size() {
              return size;
            }

            @Override
            public List<byte[]> entries(long s, long e) {
              return store.entries(s, e).stream().map(LogStore.StoredEntry::data).toList();
            }
          };
      long v0 = System.nanoTime();
      Auditor.Report rep =
          new Auditor(new SubmissionParser(cat), keys, keys, pool).audit(src, notes, v, null);
      double secs = (System.nanoTime() - v0) / 1e9;
      if (!rep.ok())
        throw new IllegalStateException("verify failed on the benchmark log: " + rep.problem());
      return new Verified(size, secs);
    } finally {
      pool.shutdown();
    }
  }

  static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
  }
}
