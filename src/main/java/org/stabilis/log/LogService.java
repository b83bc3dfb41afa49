package org.stabilis.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.merkle.CompactRange;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofPlan;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.store.LogStore.StoredCheckpoint;
import org.stabilis.log.store.LogStore.StoredEntry;

/**
 * The log: admits signed events, sequences them, commits them durably and publishes a checkpoint
 * after each commit group.
 *
 * <p>Stateless checks (JSON, schema, signature) run on the caller's thread, so they run in
 * parallel. One sequencer thread then takes waiting submissions in groups, checks what needs state
 * (replay, time, permissions, domain rules) against every earlier event including those earlier in
 * the same group, assigns indices, and commits the group, its tree nodes and its checkpoint in one
 * transaction. A submission is answered only after that commit.
 *
 * <p>Projections are read under {@link #read}; they never show an uncommitted event to a reader.
 */
public final class LogService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LogService.class);

  /** Settings of the log. */
  public record Settings(String origin, Duration maxFuture, Duration maxPast, int maxBatch) {
    public static Settings defaults(String origin) {
      return new Settings(origin, Duration.ofMinutes(5), Duration.ofDays(30), 1000);
    }
  }

  /** Told how far a replay at start-up has come: {@code done} of {@code total} entries. */
  @FunctionalInterface
  public interface Progress {
    void replayed(long done, long total);
  }

  /** The part of a snapshot holding the last sequence number of each key (SPEC §2.3). */
  private static final String SEQUENCES_PART = "log.sequences";

  private record Sequences(Map<String, Long> last) {}

  private final LogStore store;
  private final SubmissionParser parser;
  private final KeyDirectory keys;
  private final List<Projection> projections;

  /** The (day, size) index of {@code ?on=DATE}, kept at commit like the projections. */
  private final StatedDays statedDays = new StatedDays();

  private final NoteSigner signer;
  private final Settings settings;
  private final Clock clock;
  private final java.util.function.UnaryOperator<List<Projection>> replayFold;

  /** Null when this log keeps no snapshots. */
  private final Snapshots snapshots;

  /** Entries folded by replays (start-up, catching up, views "as of") since opening. */
  private final java.util.concurrent.atomic.AtomicLong replayed =
      new java.util.concurrent.atomic.AtomicLong();

  // Owned by the thread holding the write lock: the size of the last snapshot taken, and whether
  // every projection can be saved (once one cannot, no snapshot is taken).
  private long snapshotAt;
  private long snapshotBytes;
  private boolean snapshotting = true;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(100_000);
  private final Thread sequencer;
  private volatile boolean closed;

  // Owned by the sequencer (and by open() before it starts); guarded by the write lock.
  private CompactRange range;
  private final Map<String, Long> lastSeq = new HashMap<>();
  private volatile StoredCheckpoint latest;
  private final List<Runnable> publishListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Pending(SignedEvent event, CompletableFuture<Outcome> result) {}

  private LogService(
      LogStore store,
      SubmissionParser parser,
      KeyDirectory keys,
      List<Projection> projections,
      NoteSigner signer,
      Settings settings,
      Clock clock,
      java.util.function.UnaryOperator<List<Projection>> replayFold,
      Snapshots snapshots) {
    this.store = store;
    this.replayFold = replayFold;
    this.snapshots = snapshots;
    this.parser = parser;
    this.keys = keys;
    List<Projection> all = new ArrayList<>(projections);
    all.add(statedDays);
    this.projections = List.copyOf(all);
    this.signer = signer;
    this.settings = settings;
    this.clock = clock;
    this.sequencer =
        Thread.ofPlatform().name("stabilis-sequencer").daemon(true).unstarted(this::sequence);
  }

  /**
   * Opens the log held by {@code store}: loads the tree frontier and sequence numbers, replays the
   * entries into the projections (without re-verifying signatures: that is {@code verify}'s job),
   * and starts the sequencer.
   *
   * @param progress called with the number of entries replayed so far, for progress bars
   */
  public static LogService open(
      LogStore store,
      SubmissionParser parser,
      KeyDirectory keys,
      List<Projection> projections,
      NoteSigner signer,
      Settings settings,
      Clock clock,
      Progress progress) {
    return open(
        store,
        parser,
        keys,
        projections,
        signer,
        settings,
        clock,
        progress,
        java.util.function.UnaryOperator.identity(),
        null);
  }

  /**
   * As {@link #open(LogStore, SubmissionParser, KeyDirectory, List, NoteSigner, Settings, Clock,
   * Progress)}, with {@code replayFold} wrapping the fresh projections of every {@link #replayInto}
   * (the application's corrections, so that a view "as of" honours them as the live one does), and
   * with {@code snapshots} (or null for none): start-up restores the newest checked one and replays
   * only the entries after it, views "as of" start from the nearest one before their size, and a
   * snapshot is taken every {@link Snapshots.Settings#every} entries and on {@link #close}.
   */
  public static LogService open(
      LogStore store,
      SubmissionParser parser,
      KeyDirectory keys,
      List<Projection> projections,
      NoteSigner signer,
      Settings settings,
      Clock clock,
      Progress progress,
      java.util.function.UnaryOperator<List<Projection>> replayFold,
      Snapshots snapshots) {
    LogService log =
        new LogService(
            store, parser, keys, projections, signer, settings, clock, replayFold, snapshots);
    log.load(progress);
    log.sequencer.start();
    return log;
  }

  /**
   * Opens a copy of a log that this process only reads, such as a monitor's mirror (SPEC §2.9): the
   * projections are rebuilt and follow what is appended to the store, through {@link #refresh}; it
   * has no signing key and refuses every submission.
   */
  public static LogService openReadOnly(
      LogStore store,
      SubmissionParser parser,
      KeyDirectory keys,
      List<Projection> projections,
      Settings settings,
      Clock clock,
      Progress progress) {
    return openReadOnly(
        store,
        parser,
        keys,
        projections,
        settings,
        clock,
        progress,
        java.util.function.UnaryOperator.identity(),
        null);
  }

  /**
   * As {@link #openReadOnly(LogStore, SubmissionParser, KeyDirectory, List, Settings, Clock,
   * Progress)}, with a replay fold and snapshots (or null).
   */
  public static LogService openReadOnly(
      LogStore store,
      SubmissionParser parser,
      KeyDirectory keys,
      List<Projection> projections,
      Settings settings,
      Clock clock,
      Progress progress,
      java.util.function.UnaryOperator<List<Projection>> replayFold,
      Snapshots snapshots) {
    LogService log =
        new LogService(
            store, parser, keys, projections, null, settings, clock, replayFold, snapshots);
    log.load(progress);
    return log;
  }

  private void load(Progress progress) {
    lock.writeLock().lock();
    try {
      // The checkpoint first: entries and their checkpoint commit together, so the store holds at
      // least what it covers. It may hold more if another process appended since; those are
      // caught up with later, like any other process's entries.
      StoredCheckpoint cp = store.latestCheckpoint().orElse(null);
      long size = cp == null ? 0 : cp.size();
      long stored = store.size();
      if (stored < size)
        throw new IllegalStateException(
            "the latest checkpoint covers " + size + " entries but the store holds " + stored);
      range = CompactRange.of(size, store.read(CompactRange.frontierIds(size)));
      if (cp != null && !cp.root().equals(range.root()))
        throw new IllegalStateException(
            "the stored tree root differs from the latest checkpoint's root");
      lastSeq.clear();
      if (snapshots != null) snapshots.open(this::storedRootAt);
      long from = restoreNewest(size);
      long total = size - from;
      long[] n = {0};
      store.scan(
          from,
          size,
          stored1 -> {
            applyCommitted(stored1, false);
            replayed.incrementAndGet();
            if (++n[0] % 10_000 == 0 && progress != null) progress.replayed(n[0], total);
            long at = stored1.index() + 1;
            if (at < size && snapshotDue(at)) takeSnapshot(at, storedRootAt(at));
          });
      if (progress != null) progress.replayed(n[0], total);
      latest = cp;
      if (snapshotDue(size)) takeSnapshot(size, range.root());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Hash storedRootAt(long size) {
    return size == 0 ? org.stabilis.log.merkle.TreeHasher.emptyRoot() : ProofPlan.root(size, store);
  }

  /**
   * Restores the projections and sequence numbers from the newest snapshot of at most {@code size}
   * entries that passes every check and restores whole; resets them when there is none.
   *
   * @return the size of the snapshot restored, or 0
   */
  private long restoreNewest(long size) {
    for (Projection p : projections) p.reset();
    snapshotAt = 0;
    if (snapshots == null || !projections.stream().allMatch(p -> p instanceof Snapshotting))
      return 0;
    while (true) {
      Snapshots.Snapshot s = snapshots.newestAtMost(size).orElse(null);
      if (s == null) return 0;
      try {
        Map<String, byte[]> parts = s.parts();
        for (Projection p : projections) restorePart((Snapshotting) p, parts);
        byte[] seqs = parts.get(SEQUENCES_PART);
        if (seqs == null) throw new IllegalArgumentException("it holds no sequence numbers");
        Sequences q = SnapshotJson.read(seqs, Sequences.class);
        lastSeq.putAll(q.last());
        snapshotAt = s.size();
        LOG.info("restored the snapshot of the first {} entries", s.size());
        return s.size();
      } catch (RuntimeException e) {
        // IllegalArgumentException is the contract's refusal; anything else is a fault of the
        // restoring code, and the log is still replayed rather than trusted.
        snapshots.reject(s, e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
        for (Projection p : projections) p.reset();
        lastSeq.clear();
      }
    }
  }

  private static void restorePart(Snapshotting p, Map<String, byte[]> parts) {
    byte[] part = parts.get(p.snapshotName());
    if (part == null)
      throw new IllegalArgumentException("it holds no part \"" + p.snapshotName() + "\"");
    p.restore(part);
  }

  /**
   * Takes a snapshot of the projections as they stand at {@code size} entries, whose tree has
   * {@code root}. Caller holds the write lock (or is loading), so the state is the one of exactly
   * that size. Saving runs on the caller's thread; compressing and storing do not.
   */
  private void takeSnapshot(long size, Hash root) {
    if (snapshots == null || !snapshotting) return;
    long t0 = System.nanoTime();
    Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
    try {
      for (Projection p : projections) {
        if (!(p instanceof Snapshotting s))
          throw new UnsupportedOperationException(
              p.getClass().getSimpleName() + " does not implement Snapshotting");
        parts.put(s.snapshotName(), s.save(size));
      }
    } catch (UnsupportedOperationException e) {
      snapshotting = false;
      LOG.warn(
          "no snapshots are taken: {}; start-up and views \"as of\" replay the log from its start",
          e.getMessage());
      return;
    } catch (RuntimeException e) {
      // The store refused what a projection hands over: this snapshot is not taken, the next is
      // tried as due. The state folded is unchanged.
      snapshotAt = size;
      LOG.warn("no snapshot of the first {} entries: {}", size, e.toString());
      return;
    }
    parts.put(SEQUENCES_PART, SnapshotJson.write(new Sequences(new HashMap<>(lastSeq))));
    snapshotAt = size;
    snapshotBytes = 0;
    for (byte[] part : parts.values()) snapshotBytes += part.length;
    snapshots.add(size, root, parts);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (ms >= 1_000)
      LOG.info(
          "saved the state of the first {} entries ({} KB) in {} ms (commits wait meanwhile)",
          size,
          snapshotBytes >> 10,
          ms);
    else LOG.debug("saved the state of the first {} entries in {} ms", size, ms);
  }

  /**
   * Entries folded by replays since opening (start-up, catching up with other processes, views "as
   * of"): what snapshots save.
   */
  public long entriesReplayed() {
    return replayed.get();
  }

  /**
   * Applies an entry committed earlier (by this process before a restart, or by another process
   * sharing the database) to the projections and the sequence numbers; with {@code extendRange}
   * also to the tree frontier. Caller holds the write lock.
   */
  private void applyCommitted(StoredEntry stored, boolean extendRange) {
    Entry e = decodeStored(stored);
    for (Projection p : projections) p.evolve(e);
    if (extendRange) {
      if (stored.index() != range.size())
        throw new IllegalStateException(
            "expected entry " + range.size() + " next but read entry " + stored.index());
      range.append(e.leafHash(), org.stabilis.log.merkle.NodeSink.discard());
    }
    lastSeq.put(stored.party() + "/" + stored.key(), stored.seq());
  }

  /**
   * Brings this process up to {@code cp}, committed by another process: replays the entries this
   * process has not seen and checks that the tree they make has the checkpoint's root. Caller holds
   * the write lock; {@code scan} reads committed entries.
   */
  private void catchUp(StoredCheckpoint cp, EntryScan scan) {
    if (cp.size() <= range.size()) return;
    scan.scan(
        range.size(),
        cp.size(),
        stored -> {
          applyCommitted(stored, true);
          replayed.incrementAndGet();
        });
    if (!cp.root().equals(range.root()))
      throw new IllegalStateException(
          "after catching up to "
              + cp.size()
              + " entries the tree root differs from the stored checkpoint's");
    latest = cp;
    maybeSnapshot();
  }

  @FunctionalInterface
  private interface EntryScan {
    void scan(long start, long end, Consumer<StoredEntry> sink);
  }

  /**
   * Catches up with entries other processes sharing the database have committed, so that reads here
   * show them. Cheap when nothing changed: one query for the latest checkpoint.
   *
   * @return the number of entries now visible here
   */
  public long refresh() {
    StoredCheckpoint cp = store.latestCheckpoint().orElse(null);
    if (cp == null || cp.size() <= size()) return size();
    lock.writeLock().lock();
    try {
      catchUp(cp, store::scan);
    } finally {
      lock.writeLock().unlock();
    }
    return size();
  }

  private void maybeSnapshot() {
    if (snapshotDue(range.size())) takeSnapshot(range.size(), range.root());
  }

  /**
   * Whether a snapshot is due at {@code size}: as the settings space them after the last one (see
   * {@link Snapshots.Settings}).
   */
  private boolean snapshotDue(long size) {
    return snapshots != null && size - snapshotAt >= snapshots.settings().spacing(snapshotBytes);
  }

  private void replay(long from, long to, List<Projection> into) {
    store.scan(
        from,
        to,
        stored -> {
          Entry e = decodeStored(stored);
          for (Projection p : into) p.evolve(e);
          replayed.incrementAndGet();
        });
  }

  /**
   * The committed entries and snapshots of the log in {@code store}, for a projection that folds
   * part of it again.
   */
  public static LogHistory history(LogStore store, Snapshots snapshots) {
    return new LogHistory() {
      @Override
      public Optional<Entry> entry(long index) {
        if (index < 0) return Optional.empty();
        List<StoredEntry> l = store.entries(index, index + 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(decodeStored(l.getFirst()));
      }

      @Override
      public void scan(long from, long to, Consumer<Entry> sink) {
        store.scan(from, to, s -> sink.accept(decodeStored(s)));
      }

      @Override
      public Optional<Snapshots.Snapshot> snapshotAtMost(long size) {
        return snapshots == null ? Optional.empty() : snapshots.newestAtMost(size);
      }
    };
  }

  private static Entry decodeStored(StoredEntry stored) {
    try {
      return LeafCodec.trusted(stored.index(), stored.data(), stored.disclosures());
    } catch (LeafCodec.BadLeafException e) {
      throw new IllegalStateException(
          "entry "
              + stored.index()
              + " cannot be decoded: "
              + e.getMessage()
              + "; run `stabilis verify` on this data folder");
    }
  }

  // ---- submission -----------------------------------------------------------------------

  /** Parses, checks and appends a submission; blocks until it is committed or refused. */
  public Outcome submit(byte[] body) {
    SubmissionParser.Result r = parser.parse(body);
    if (r.rejection() != null) return new Outcome.Rejected(r.rejection());
    return submit(r.event());
  }

  /** Checks and appends an already parsed event; blocks until it is committed or refused. */
  public Outcome submit(SignedEvent e) {
    Rejection r = checkSignature(e);
    if (r != null) return new Outcome.Rejected(r);
    if (signer == null)
      return new Outcome.Rejected(
          Rejection.of(
              ErrorCode.UNAVAILABLE,
              "this is a read-only copy of the log; submit to the log itself"));
    CompletableFuture<Outcome> f = new CompletableFuture<>();
    if (closed || !queue.offer(new Pending(e, f)))
      return new Outcome.Rejected(
          Rejection.of(
              ErrorCode.UNAVAILABLE, "the log is shutting down or overloaded; retry shortly"));
    try {
      return f.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new Outcome.Rejected(
          Rejection.of(ErrorCode.UNAVAILABLE, "interrupted while waiting for the commit"));
    } catch (ExecutionException ex) {
      return new Outcome.Rejected(
          Rejection.of(ErrorCode.UNAVAILABLE, "the commit failed: " + ex.getCause().getMessage()));
    }
  }

  private Rejection checkSignature(SignedEvent e) {
    // No lock: the key directory is safe to read concurrently, and the sequencer checks the key
    // again before admitting. Waiting for a commit here would stall verification behind fsync.
    KeyDirectory.Lookup k = keys.lookup(e.event());
    if (!(k instanceof KeyDirectory.Active)) {
      // Another process sharing the database may have registered the party or key just now.
      refresh();
      k = read(() -> keys.lookup(e.event()));
    }
    return switch (k) {
      case KeyDirectory.UnknownParty u ->
          Rejection.of(
              ErrorCode.UNKNOWN_PARTY, "party \"" + e.event().party() + "\" is not registered");
      case KeyDirectory.UnknownKey u ->
          Rejection.of(
              ErrorCode.UNKNOWN_KEY,
              "party \"" + e.event().party() + "\" has no key \"" + e.event().key() + "\"");
      case KeyDirectory.Revoked u ->
          Rejection.of(
              ErrorCode.REVOKED_KEY,
              "key \"" + e.event().key() + "\" of party \"" + e.event().party() + "\" was revoked");
      case KeyDirectory.Active a -> {
        try {
          a.key().verify(e.canonical(), e.sig());
          yield null;
        } catch (BadSignatureException ex) {
          yield Rejection.of(
              ErrorCode.BAD_SIGNATURE,
              "the signature does not verify over the RFC 8785 canonical event with key \""
                  + e.event().key()
                  + "\" of party \""
                  + e.event().party()
                  + "\"");
        }
      }
    };
  }

  private void sequence() {
    List<Pending> group = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          refresh(); // idle: show readers what other processes committed
          continue;
        }
        group.add(first);
        queue.drainTo(group, settings.maxBatch() - 1);
        commitGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("sequencer failure", e);
        for (Pending p : group) p.result().completeExceptionally(e);
      } finally {
        group.clear();
      }
    }
    for (Pending p; (p = queue.poll()) != null; )
      p.result()
          .complete(
              new Outcome.Rejected(
                  Rejection.of(ErrorCode.UNAVAILABLE, "the log is shutting down")));
  }

  private void commitGroup(List<Pending> group) {
    lock.writeLock().lock();
    try {
      Outcome[] outcomes = new Outcome[group.size()];
      try {
        StoredCheckpoint published =
            store.inSequencerTransaction(tx -> {
              // Under the sequencer lock: whatever another process appended is decided against too.
              long committed = tx.size();
              if (committed > range.size()) {
                StoredCheckpoint cp =
                    store
                        .latestCheckpoint()
                        .orElseThrow(() ->
                            new IllegalStateException("the store holds entries but no checkpoint"));
                if (cp.size() != committed)
                  throw new IllegalStateException(
                      "the store holds "
                          + committed
                          + " entries but its latest checkpoint covers "
                          + cp.size());
                catchUp(cp, tx::scan);
              } else if (committed < range.size()) {
                throw new IllegalStateException(
                    "the store holds "
                        + committed
                        + " entries but this process has sequenced "
                        + range.size());
              }
              return decideAndAppend(group, outcomes, tx);
            });
        // Only now committed: readers of size() and checkpoint() may see it.
        if (published != null) {
          latest = published;
          for (Runnable l : publishListeners) l.run();
        }
      } catch (RuntimeException e) {
        LOG.error(
            "commit of a group of {} submissions failed; reloading state from the store",
            group.size(),
            e);
        resetAndReload();
        for (Pending p : group)
          p.result()
              .complete(
                  new Outcome.Rejected(
                      Rejection.of(
                          ErrorCode.UNAVAILABLE,
                          "the store refused the commit; nothing was written; retry")));
        return;
      }
      long size = range.size();
      for (int i = 0; i < group.size(); i++) {
        Outcome o = outcomes[i];
        if (o instanceof Outcome.Accepted a) o = new Outcome.Accepted(a.index(), a.leaf(), size);
        else if (o instanceof Outcome.Duplicate d)
          o = new Outcome.Duplicate(d.index(), d.leaf(), size);
        group.get(i).result().complete(o);
      }
      // After the answers: a snapshot delays the next group, never this one's submitters.
      maybeSnapshot();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Decides every submission of the group in order, evolves the accepted ones and appends them.
   *
   * @return the checkpoint appended, or null if nothing was accepted
   */
  private StoredCheckpoint decideAndAppend(
      List<Pending> group, Outcome[] outcomes, LogStore.SequencerTx tx) {
    long base = range.size();
    List<StoredEntry> rows = new ArrayList<>();
    List<LogStore.Node> nodes = new ArrayList<>();
    Map<String, StoredEntry> inGroup = new HashMap<>();
    Instant now = clock.instant();
    for (int i = 0; i < group.size(); i++) {
      SignedEvent se = group.get(i).event();
      Event ev = se.event();
      Outcome dup = duplicateOrReplay(se, inGroup);
      if (dup != null) {
        outcomes[i] = dup;
        continue;
      }
      Rejection r = admit(se, now);
      if (r != null) {
        outcomes[i] = new Outcome.Rejected(r);
        continue;
      }
      long index = base + rows.size();
      byte[] data = LeafCodec.encode(se, now);
      // The projections see the received time the leaf holds (milliseconds), as a replay will.
      Entry entry =
          new Entry(
              index,
              ev,
              now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
              data,
              org.stabilis.log.merkle.TreeHasher.leafHash(data));
      for (Projection p : projections) p.evolve(entry);
      range.append(entry.leafHash(), (id, h) -> nodes.add(new LogStore.Node(id, h)));
      StoredEntry row =
          new StoredEntry(index, ev.party(), ev.key(), ev.seq(), data, se.disclosures());
      rows.add(row);
      inGroup.put(seqKey(ev) + "/" + ev.seq(), row);
      lastSeq.put(seqKey(ev), ev.seq());
      outcomes[i] = new Outcome.Accepted(index, entry.leafHash(), 0);
    }
    if (rows.isEmpty()) return null;
    long size = range.size();
    Hash root = range.root();
    String note = signer.sign(new Checkpoint(settings.origin(), size, root).body());
    StoredCheckpoint cp = new StoredCheckpoint(size, root, note);
    tx.append(rows, nodes, cp);
    return cp;
  }

  private void resetAndReload() {
    for (Projection p : projections) p.reset();
    load(null);
  }

  private static String seqKey(Event e) {
    return e.party() + "/" + e.key();
  }

  /**
   * SPEC §2.3: an identical resubmission is answered with the original index; any other reuse of a
   * seq is a replay.
   */
  private Outcome duplicateOrReplay(SignedEvent se, Map<String, StoredEntry> inGroup) {
    Event ev = se.event();
    Long last = lastSeq.get(seqKey(ev));
    if (last == null || ev.seq() > last) return null;
    StoredEntry prior = inGroup.get(seqKey(ev) + "/" + ev.seq());
    if (prior == null) prior = store.bySeq(ev.party(), ev.key(), ev.seq()).orElse(null);
    if (prior != null && sameSubmission(prior.data(), se)) {
      // SPEC §2.10: a duplicate also brings the same set of disclosures, in any order. (Every
      // digest
      // has exactly one disclosure in both, so only a SHA-256 collision could tell them apart.)
      if (!new java.util.HashSet<>(prior.disclosures())
          .equals(new java.util.HashSet<>(se.disclosures())))
        return new Outcome.Rejected(
            Rejection.schema(
                "disclosures",
                "entry "
                    + prior.index()
                    + " holds this event and signature with other disclosures; the stored disclosures are not changed"));
      return new Outcome.Duplicate(
          prior.index(), org.stabilis.log.merkle.TreeHasher.leafHash(prior.data()), 0);
    }
    return new Outcome.Rejected(
        Rejection.of(
            ErrorCode.REPLAY,
            "seq "
                + ev.seq()
                + " is not greater than "
                + last
                + ", the last accepted seq of key \""
                + ev.key()
                + "\" of party \""
                + ev.party()
                + "\""));
  }

  private static boolean sameSubmission(byte[] leafData, SignedEvent se) {
    byte[] expectedHead = LeafCodec.encode(se, Instant.EPOCH);
    // Leaf data differs only in "received"; compare everything before it and the signature.
    int eventEnd = "{\"event\":".length() + se.canonical().length;
    if (leafData.length < eventEnd) return false;
    if (!Arrays.equals(leafData, 0, eventEnd, expectedHead, 0, eventEnd)) return false;
    String tail =
        new String(
            leafData,
            eventEnd,
            leafData.length - eventEnd,
            java.nio.charset.StandardCharsets.US_ASCII);
    return tail.endsWith(",\"sig\":\"" + se.sigBase64() + "\"}");
  }

  private Rejection admit(SignedEvent se, Instant now) {
    Event ev = se.event();
    // The key may have been revoked by an event sequenced after the signature check.
    KeyDirectory.Lookup k = keys.lookup(ev);
    if (k instanceof KeyDirectory.Revoked)
      return Rejection.of(
          ErrorCode.REVOKED_KEY,
          "key \"" + ev.key() + "\" of party \"" + ev.party() + "\" was revoked");
    if (!(k instanceof KeyDirectory.Active))
      return Rejection.of(
          ErrorCode.UNKNOWN_KEY,
          "key \"" + ev.key() + "\" of party \"" + ev.party() + "\" is not active");
    if (ev.time().isAfter(now.plus(settings.maxFuture())))
      return Rejection.of(
          ErrorCode.TIME_SKEW,
          "event time "
              + ev.time()
              + " is more than "
              + settings.maxFuture().toMinutes()
              + " minutes ahead of the server clock ("
              + now
              + ")");
    if (ev.time().isBefore(now.minus(settings.maxPast())))
      return Rejection.of(
          ErrorCode.TIME_SKEW,
          "event time "
              + ev.time()
              + " is more than "
              + settings.maxPast().toDays()
              + " days before the server clock ("
              + now
              + ")");
    for (Projection p : projections) {
      Rejection r = p.decide(ev);
      if (r != null) return r;
    }
    return null;
  }

  // ---- reading --------------------------------------------------------------------------

  /** Runs {@code f} while no commit group is being applied; projections are consistent inside. */
  public <T> T read(Supplier<T> f) {
    lock.readLock().lock();
    try {
      return f.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Calls {@code listener} on the sequencer thread after each commit that published a checkpoint.
   * It must return at once (signal another thread); it runs before the submitters are answered.
   */
  public void onPublished(Runnable listener) {
    publishListeners.add(listener);
  }

  /** The latest published checkpoint, or empty before genesis. */
  public Optional<StoredCheckpoint> checkpoint() {
    refresh();
    return Optional.ofNullable(latest);
  }

  /** Number of committed entries. */
  public long size() {
    StoredCheckpoint c = latest;
    return c == null ? 0 : c.size();
  }

  public String origin() {
    return settings.origin();
  }

  public String verifierKey() {
    if (signer == null)
      throw new IllegalStateException("a read-only copy of the log has no signing key");
    return signer.verifierKey();
  }

  /** RFC 9162 §2.1.3 inclusion proof of entry {@code index} in the tree of {@code size} leaves. */
  public List<Hash> inclusionProof(long index, long size) {
    requireRange(size);
    if (index < 0 || index >= size)
      throw new IllegalArgumentException(
          "index must be in [0, size); got index " + index + " and size " + size);
    return ProofPlan.fetchInclusion(index, size, store);
  }

  /** RFC 9162 §2.1.4 consistency proof between trees of {@code from} and {@code to} leaves. */
  public List<Hash> consistencyProof(long from, long to) {
    requireRange(to);
    if (from < 1 || from > to)
      throw new IllegalArgumentException(
          "from must be in [1, to]; got from " + from + " and to " + to);
    return ProofPlan.fetchConsistency(from, to, store);
  }

  /** The root of the tree of the first {@code size} entries. */
  public Hash rootAt(long size) {
    requireRange(size);
    return ProofPlan.root(size, store);
  }

  private void requireRange(long size) {
    long committed = size() >= size ? size() : refresh();
    if (size < 1 || size > committed)
      throw new IllegalArgumentException("size must be in [1, " + committed + "]; got " + size);
  }

  /**
   * The size of the log as it stood at the end of {@code day} (UTC) by the parties' own account:
   * the entries before the first one whose stated time is after that day. Answered from an index
   * kept at commit: it costs no read of the log.
   */
  public long sizeStatedBy(LocalDate day) {
    return read(() -> statedDays.sizeStatedBy(day));
  }

  /**
   * The disclosures stored beside committed entry {@code index} (SPEC §2.10), as submitted; empty
   * when it conceals nothing.
   */
  public List<String> disclosures(long index) {
    if (index < 0 || index >= size())
      throw new IllegalArgumentException("index must be in [0, " + size() + "); got " + index);
    return store.entries(index, index + 1).getFirst().disclosures();
  }

  /** Committed entries with index in [start, end). */
  public List<StoredEntry> entries(long start, long end) {
    return store.entries(start, Math.min(end, size() >= end ? size() : refresh()));
  }

  /**
   * Replays committed entries [0, upTo) into fresh projections, e.g. for "as of index" views,
   * through the replay fold the log was opened with.
   */
  public void replayInto(long upTo, List<Projection> into) {
    long to = Math.min(upTo, size());
    List<Projection> fold = replayFold.apply(into);
    replay(restoreForReplay(to, fold), to, fold);
  }

  /**
   * Restores {@code fold} from the nearest snapshot of at most {@code to} entries when every one of
   * them has a part there; otherwise leaves them as made.
   *
   * @return the size restored, or 0
   */
  private long restoreForReplay(long to, List<Projection> fold) {
    if (snapshots == null || !fold.stream().allMatch(p -> p instanceof Snapshotting)) return 0;
    Snapshots.Snapshot s = snapshots.newestAtMost(to).orElse(null);
    if (s == null) return 0;
    try {
      Map<String, byte[]> parts = s.parts();
      for (Projection p : fold) restorePart((Snapshotting) p, parts);
      return s.size();
    } catch (RuntimeException e) {
      // A projection the snapshot has no part for (one that does not save its state): the view is
      // folded from the start instead, never answered from a partial state.
      LOG.debug("a view as of {} entries is replayed from the start: {}", to, e.getMessage());
      for (Projection p : fold) p.reset();
      return 0;
    }
  }

  public LogStore store() {
    return store;
  }

  /**
   * Stops the sequencer after the submissions waiting, then takes a snapshot of the final state.
   */
  @Override
  public void close() {
    closed = true;
    if (sequencer.isAlive()) {
      try {
        sequencer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (snapshots == null || sequencer.isAlive()) return;
    lock.writeLock().lock();
    try {
      if (range.size() > snapshotAt) takeSnapshot(range.size(), range.root());
    } finally {
      lock.writeLock().unlock();
    }
  }
}
