package org.stabilis.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.store.SnapshotStore;

/**
 * The snapshots of one log's projections (SPEC §7 "Scale"): taken every {@link Settings#every}
 * entries and on a clean close, stored gzip'd with their tags, and kept in memory, a few at a time,
 * for start-up and for views "as of" a size.
 *
 * <p>A snapshot is derived from the log and never trusted on its own: one written by other code
 * (see {@link CodeVersion}), whose content does not match its SHA-256 digest, or whose tree root is
 * not the log's root at its size is ignored, logged once and deleted; the log is then replayed
 * instead and a new snapshot is taken. On disk a bounded number is kept: the newest two and a set
 * spread over the rest of the log, thinned evenly as the log grows.
 *
 * <p>Safe for use by several threads; the stored copies are written on a thread of its own, so a
 * commit never waits for a write.
 */
public final class Snapshots implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  /**
   * How often snapshots are taken, how many are kept on disk and how many are held in memory.
   *
   * <p>A snapshot is taken {@code every} entries after the last one, and at least {@code
   * entriesPerKb} entries after it for each kilobyte the last one saved (0: no such floor): saving
   * blocks commits for a time that grows with the state, so a large state is saved less often and
   * the wait stays a small share of the commits' time. With {@code kept} snapshots spread over the
   * log, a view "as of" any size replays at most about {@code max(every, size / kept)} entries.
   */
  public record Settings(long every, int kept, int cached, long entriesPerKb) {
    public static final Settings DEFAULT = new Settings(1_000, 4_096, 6, 16);

    public Settings {
      if (every < 1) throw new IllegalArgumentException("snapshots every " + every + " entries");
      if (kept < 2) throw new IllegalArgumentException("at least two snapshots are kept");
      if (cached < 1) throw new IllegalArgumentException("at least one snapshot is cached");
      if (entriesPerKb < 0)
        throw new IllegalArgumentException("entries per kilobyte saved: " + entriesPerKb);
    }

    /** These settings with snapshots {@code every} entries, and no less often for a large state. */
    public Settings withEvery(long every) {
      return new Settings(every, kept, cached, entriesPerKb);
    }

    /** These settings with a snapshot exactly every {@code every} entries, whatever the state. */
    public Settings exactlyEvery(long every) {
      return new Settings(every, kept, cached, 0);
    }

    /** The entries after a snapshot that saved {@code bytes} before the next is due. */
    public long spacing(long bytes) {
      return Math.max(every, entriesPerKb * (bytes >> 10));
    }
  }

  /** A snapshot that passed every check: the state of the log's first {@link #size} entries. */
  public static final class Snapshot {
    private final long size;
    private final byte[] content;

    private Snapshot(long size, byte[] content) {
      this.size = size;
      this.content = content;
    }

    /** The number of entries folded into this state. */
    public long size() {
      return size;
    }

    /**
     * The parts the projections saved, by {@link Snapshotting#snapshotName}, read anew from the
     * compressed content on each call (so that only the compressed form stays in memory).
     *
     * @throws IllegalArgumentException if the content cannot be read (a snapshot this code did not
     *     write)
     */
    public Map<String, byte[]> parts() {
      return SnapshotParts.read(gunzip(content));
    }
  }

  private final SnapshotStore store;
  private final String codeVersion;
  private final Settings settings;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("stabilis-snapshots").daemon(true).unstarted(r));

  private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(1);

  // Guarded by this.
  private final TreeMap<Long, SnapshotStore.Tags> index = new TreeMap<>();
  private final LinkedHashMap<Long, Snapshot> cache = new LinkedHashMap<>(16, 0.75f, true);
  private LongFunction<Hash> rootAt =
      s -> {
        throw new IllegalStateException("the snapshots are not opened over a log yet");
      };

  public Snapshots(SnapshotStore store, String codeVersion, Settings settings) {
    this.store = store;
    this.codeVersion = codeVersion;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Reads the tags of the stored snapshots; {@code rootAt} gives the log's tree root at a size the
   * log holds. Snapshots written by other code are deleted here.
   */
  synchronized void open(LongFunction<Hash> rootAt) {
    this.rootAt = rootAt;
    index.clear();
    cache.clear();
    List<SnapshotStore.Tags> other = new ArrayList<>();
    for (SnapshotStore.Tags t : store.list()) {
      if (t.codeVersion().equals(codeVersion)) index.put(t.size(), t);
      else other.add(t);
    }
    if (!other.isEmpty()) {
      LOG.warn(
          "ignoring {} stored snapshot(s) written by other code (this code is version {}); the"
              + " log is replayed instead and new snapshots are taken",
          other.size(),
          codeVersion.substring(0, 12));
      for (SnapshotStore.Tags t : other) store.delete(t.size(), t.codeVersion());
    }
  }

  /** The sizes of the snapshots known here, smallest first. */
  public synchronized List<Long> sizes() {
    return List.copyOf(index.keySet());
  }

  /**
   * The newest snapshot of at most {@code atMost} entries that passes every check; those that fail
   * one on the way are ignored, logged and deleted.
   */
  public Optional<Snapshot> newestAtMost(long atMost) {
    while (true) {
      SnapshotStore.Tags t;
      synchronized (this) {
        Map.Entry<Long, SnapshotStore.Tags> e = index.floorEntry(atMost);
        if (e == null) return Optional.empty();
        Snapshot hit = cache.get(e.getKey());
        if (hit != null) return Optional.of(hit);
        t = e.getValue();
      }
      Snapshot s = load(t);
      if (s != null) {
        synchronized (this) {
          if (index.containsKey(s.size())) remember(s);
        }
        return Optional.of(s);
      }
    }
  }

  private Snapshot load(SnapshotStore.Tags t) {
    byte[] content = store.content(t.size(), codeVersion).orElse(null);
    if (content == null) {
      synchronized (this) {
        index.remove(t.size()); // thinned out meanwhile
      }
      return null;
    }
    byte[] digest = CodeVersion.sha256().digest(content);
    if (!MessageDigest.isEqual(digest, t.digest())) {
      ignore(
          t.size(),
          "its content's SHA-256 is "
              + HexFormat.of().formatHex(digest)
              + ", not the stored digest "
              + HexFormat.of().formatHex(t.digest()));
      return null;
    }
    Hash root = rootAt.apply(t.size());
    if (!root.equals(t.root())) {
      ignore(
          t.size(),
          "it was taken of a tree with root "
              + t.root()
              + " but the log's root at that size is "
              + root);
      return null;
    }
    return new Snapshot(t.size(), content);
  }

  /**
   * Ignores {@code s} from now on, because {@code why} (a part of it that cannot be restored): it
   * is logged and deleted.
   */
  public void reject(Snapshot s, String why) {
    ignore(s.size(), why);
  }

  private void ignore(long size, String why) {
    LOG.warn(
        "ignoring the snapshot of the first {} entries: {}; the log is replayed instead and a new"
            + " snapshot is taken",
        size,
        why);
    synchronized (this) {
      index.remove(size);
      cache.remove(size);
    }
    store.delete(size, codeVersion);
  }

  /**
   * Takes the state of the log's first {@code size} entries, whose tree has {@code root}, as a
   * snapshot of {@code parts}: compressed, stored and then offered to readers on this object's own
   * thread. The caller gives up {@code parts}.
   */
  public void add(long size, Hash root, Map<String, byte[]> parts) {
    // At most one snapshot waits to be stored: each holds the whole state uncompressed, so a
    // queue of them would grow without bound when saving outpaces compressing and storing.
    pending.acquireUninterruptibly();
    try {
      writer.execute(() -> store(size, root, parts));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.release();
      LOG.warn("the snapshot of the first {} entries was taken after close; not stored", size);
    }
  }

  private void store(long size, Hash root, Map<String, byte[]> parts) {
    {
      try {
        long t0 = System.nanoTime();
        byte[] content = gzip(SnapshotParts.write(parts));
        byte[] digest = CodeVersion.sha256().digest(content);
        SnapshotStore.Tags t = new SnapshotStore.Tags(size, codeVersion, root, digest);
        store.put(t, content);
        synchronized (this) {
          index.put(size, t);
          remember(new Snapshot(size, content));
        }
        thin();
        LOG.debug(
            "stored the snapshot of the first {} entries: {} bytes gzip'd, in {} ms",
            size,
            content.length,
            (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException e) {
        LOG.warn(
            "the snapshot of the first {} entries could not be stored: {}", size, e.toString());
      } finally {
        pending.release();
      }
    }
  }

  private void remember(Snapshot s) {
    cache.put(s.size(), s);
    while (cache.size() > settings.cached()) cache.remove(cache.keySet().iterator().next());
  }

  /**
   * Keeps at most {@link Settings#kept} snapshots: the newest two and the oldest stay; of the rest,
   * the one whose removal leaves the smallest gap goes first, so the ones left stay evenly spread.
   */
  private void thin() {
    while (true) {
      long drop = -1;
      synchronized (this) {
        if (index.size() <= settings.kept()) return;
        List<Long> s = new ArrayList<>(index.keySet());
        long best = Long.MAX_VALUE;
        for (int i = 1; i < s.size() - 2; i++) {
          long gap = s.get(i + 1) - s.get(i - 1);
          if (gap < best) {
            best = gap;
            drop = s.get(i);
          }
        }
        if (drop < 0) return;
        index.remove(drop);
        cache.remove(drop);
      }
      store.delete(drop, codeVersion);
    }
  }

  /** Waits until every snapshot taken so far is stored. */
  public void flush() {
    if (writer.isShutdown()) return;
    try {
      writer.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stores what was taken, then stops the writing thread. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(5, TimeUnit.MINUTES))
        LOG.warn("snapshots were still being written at close");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
    try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
      z.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: never
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] content) {
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(content), 1 << 16)) {
      return z.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("the snapshot is not gzip'd: " + e.getMessage(), e);
    }
  }
}
