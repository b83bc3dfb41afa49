package org.stabilis.log.witness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stabilis.log.LogService;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.NoteKey;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.checkpoint.SignedNote;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.store.CosignatureStore;
import org.stabilis.log.store.CosignatureStore.StoredCosignature;
import org.stabilis.log.store.LogStore.StoredCheckpoint;

/**
 * The log's side of witnessing (SPEC §2.7): sends the newest checkpoint to every witness of the
 * policy with a consistency proof from the size that witness last cosigned (learned from a 409),
 * verifies and stores the cosignatures, and serves the newest checkpoint that meets the quorum.
 *
 * <p>Guarantees: commits never wait for a witness (the log only signals this object's own thread;
 * requests run on their own virtual threads with timeouts); a witness is sent a checkpoint at most
 * once per {@code interval}, later after failures (exponential backoff, at most ten minutes); only
 * cosignatures that verify with the policy's key of that witness are stored; {@link #witnessed()}
 * never goes back within a process.
 */
public final class Witnessing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Witnessing.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What the log knows of one witness, for the integrity panel. */
  public record WitnessStatus(
      String name,
      Optional<String> url,
      long lastCosignedSize,
      Optional<Instant> lastCosignedAt,
      Optional<String> lastError) {}

  private final class Peer {
    final Policy.Witness witness;
    final Optional<URI> endpoint;
    volatile long known;
    volatile long lastCosigned;
    volatile Instant lastCosignedAt;
    volatile Instant nextAt = Instant.EPOCH;
    volatile int failures;
    volatile String lastError;
    volatile boolean busy;

    Peer(Policy.Witness w) {
      this.witness = w;
      this.endpoint =
          w.url()
              .map(u -> URI.create(u.endsWith("/") ? u + "add-checkpoint" : u + "/add-checkpoint"));
      store
          .lastBy(w.key().vkey())
          .ifPresent(c -> {
            known = c.size();
            lastCosigned = c.size();
            lastCosignedAt = Instant.ofEpochSecond(c.cosignedAt());
          });
      if (endpoint.isEmpty()) lastError = "the policy gives no URL for this witness";
    }
  }

  private final LogService log;
  private final CosignatureStore store;
  private final Policy policy;
  private final Duration interval;
  private final Clock clock;
  private final HttpClient http;
  private final List<Peer> peers = new ArrayList<>();
  private final CosignedCheckpoints checkpoints;
  private final Semaphore signal = new Semaphore(0);
  private final Thread worker;
  private volatile boolean closed;
  private volatile CosignedCheckpoints.Served witnessed;

  /**
   * @throws IllegalArgumentException if the policy does not list the log's own key
   */
  public Witnessing(
      LogService log, CosignatureStore store, Policy policy, Duration interval, Clock clock) {
    this.log = log;
    this.store = store;
    this.policy = policy;
    this.interval = interval;
    this.clock = clock;
    if (!policy.listsLog(NoteKey.parse(log.verifierKey()))) {
      throw new IllegalArgumentException(
          "the witness policy does not list this log's key "
              + log.verifierKey()
              + "; add the line: log "
              + log.verifierKey());
    }
    if (interval.isNegative() || interval.isZero())
      throw new IllegalArgumentException("the witness interval must be positive");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    for (Policy.Witness w : policy.witnesses()) peers.add(new Peer(w));
    this.checkpoints = new CosignedCheckpoints(log.store(), store, policy);
    this.witnessed = checkpoints.newestWitnessed().orElse(null);
    this.worker = Thread.ofPlatform().daemon(true).name("stabilis-witnessing").unstarted(this::run);
  }

  /** Starts collecting: now, and after every commit. */
  public Witnessing start() {
    log.onPublished(signal::release);
    worker.start();
    signal.release();
    return this;
  }

  public Policy policy() {
    return policy;
  }

  /** The newest checkpoint whose cosignatures meet the quorum, if any. */
  public Optional<CosignedCheckpoints.Served> witnessed() {
    return Optional.ofNullable(witnessed);
  }

  /** The newest checkpoint with whatever cosignatures it has so far. */
  public Optional<CosignedCheckpoints.Served> latest() {
    return log.checkpoint().map(this::served);
  }

  /** Each witness of the policy, in policy order. */
  public List<WitnessStatus> status() {
    return peers.stream()
        .map(p ->
            new WitnessStatus(
                p.witness.name(),
                p.witness.url(),
                p.lastCosigned,
                Optional.ofNullable(p.lastCosignedAt),
                Optional.ofNullable(p.lastError)))
        .toList();
  }

  private CosignedCheckpoints.Served served(StoredCheckpoint cp) {
    return checkpoints.served(cp);
  }

  private void run() {
    while (!closed) {
      try {
        Duration wait = untilNextDue();
        if (!signal.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS) && !anyDue()) continue;
        // Once the log is idle: wait for a quiet moment, but never longer than the interval.
        Instant deadline = clock.instant().plus(interval);
        while (signal.tryAcquire(Math.min(50, interval.toMillis()), TimeUnit.MILLISECONDS)
            && clock.instant().isBefore(deadline)) {
          signal.drainPermits();
        }
        signal.drainPermits();
        if (policy.shortfall(Set.of()).isEmpty()) {
          log.checkpoint().map(this::served).ifPresent(this::advance);
        }
        Optional<StoredCheckpoint> target = log.checkpoint();
        if (target.isEmpty()) continue;
        Instant now = clock.instant();
        for (Peer p : peers) {
          if (p.endpoint.isEmpty()
              || p.busy
              || now.isBefore(p.nextAt)
              || p.lastCosigned >= target.get().size()) continue;
          p.busy = true;
          p.nextAt = now.plus(interval);
          Thread.ofVirtual()
              .name("witness-" + p.witness.name())
              .start(() -> {
                try {
                  send(p, target.get());
                } finally {
                  p.busy = false;
                }
              });
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("witnessing round failed", e);
      }
    }
  }

  private boolean anyDue() {
    long size = log.size();
    Instant now = clock.instant();
    return peers.stream()
        .anyMatch(p ->
            p.endpoint.isPresent() && !p.busy && p.lastCosigned < size && !now.isBefore(p.nextAt));
  }

  private Duration untilNextDue() {
    long size = log.size();
    Instant now = clock.instant();
    Duration best = Duration.ofSeconds(60);
    for (Peer p : peers) {
      if (p.endpoint.isEmpty() || p.lastCosigned >= size) continue;
      Duration d = Duration.between(now, p.nextAt);
      if (d.compareTo(best) < 0) best = d;
    }
    return best.isNegative() ? Duration.ZERO : best;
  }

  private void send(Peer p, StoredCheckpoint cp) {
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        long old = p.known;
        if (old > cp.size()) {
          fail(
              p,
              "the witness knows size "
                  + old
                  + ", larger than this log's "
                  + cp.size()
                  + " (another log with this origin, or a store that went back)");
          return;
        }
        List<Hash> proof =
            old == 0 || old == cp.size() ? List.of() : log.consistencyProof(old, cp.size());
        // tlog-witness "add-checkpoint": old size line, proof lines, empty line, checkpoint.
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        for (Hash h : proof) body.append(h.base64()).append('\n');
        body.append('\n').append(cp.note());
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(p.endpoint.get())
                    .timeout(TIMEOUT)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            body.toString(), StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() == 409) {
          String size = r.body().strip();
          if (!size.matches("0|[1-9][0-9]{0,18}")) {
            fail(p, "409 without a size: " + abbreviate(r.body()));
            return;
          }
          p.known = Long.parseLong(size);
          continue;
        }
        if (r.statusCode() != 200) {
          fail(p, r.statusCode() + " " + abbreviate(r.body()));
          return;
        }
        accept(p, cp, r.body());
        return;
      }
      fail(p, "the witness answered 409 twice");
    } catch (java.io.IOException e) {
      fail(
          p,
          "unreachable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(p, e.toString());
    }
  }

  private void accept(Peer p, StoredCheckpoint cp, String body) {
    NoteKey key = p.witness.key();
    String text = cp.note().substring(0, cp.note().indexOf("\n\n") + 1);
    try {
      // tlog-witness: ignore cosignatures from unknown keys; keep the one by this witness's key.
      for (SignedNote.Line line : SignedNote.parseSignatureLines(body)) {
        if (!line.isBy(key)) continue;
        long ts = key.verify(text, line.signature());
        store.put(new StoredCosignature(cp.size(), key.vkey(), line.line() + "\n", ts));
        p.known = cp.size();
        p.lastCosigned = cp.size();
        p.lastCosignedAt = Instant.ofEpochSecond(ts);
        p.failures = 0;
        p.lastError = null;
        CosignedCheckpoints.Served s = served(cp);
        if (s.quorumMet()) advance(s);
        return;
      }
      fail(p, "the answer holds no cosignature by the policy's key for " + p.witness.name());
    } catch (NoteException | BadSignatureException e) {
      fail(p, "its cosignature does not verify: " + e.getMessage());
    }
  }

  private synchronized void advance(CosignedCheckpoints.Served s) {
    if (witnessed == null
        || s.size() > witnessed.size()
        || (s.size() == witnessed.size() && s.note().length() > witnessed.note().length())) {
      witnessed = s;
    }
  }

  private void fail(Peer p, String why) {
    p.failures++;
    p.lastError = why;
    long factor = 1L << Math.min(p.failures, 16);
    Duration backoff = interval.multipliedBy(factor);
    if (backoff.compareTo(MAX_BACKOFF) > 0) backoff = MAX_BACKOFF;
    p.nextAt = clock.instant().plus(backoff);
    LOG.info("witness {}: {} (next try in {} s)", p.witness.name(), why, backoff.toSeconds());
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 120 ? t : t.substring(0, 120) + "...";
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }
}
