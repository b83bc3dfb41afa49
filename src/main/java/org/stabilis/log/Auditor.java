package org.stabilis.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.NoteVerifier;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.merkle.CompactRange;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.TreeHasher;

/**
 * Offline audit of a whole log: decodes every entry, checks every signature against the key the
 * party held at that point (in parallel), checks sequence numbers, rebuilds the tree and checks
 * every checkpoint against it. Stops at the first problem and names the entry.
 *
 * <p>The key history comes from {@code keys}, a key directory that {@code keyProjection} keeps up
 * to date as entries are applied; both start empty.
 */
public final class Auditor {

  /**
   * The outcome: {@code ok}, or the first bad entry (-1 when the problem is not an entry's) and
   * why.
   */
  public record Report(
      boolean ok, long entries, int checkpoints, Hash root, long badIndex, String problem) {
    static Report bad(long entries, int checkpoints, long index, String problem) {
      return new Report(false, entries, checkpoints, null, index, problem);
    }
  }

  /** Where the entries come from: a data folder or a remote log. */
  public interface Source {
    long size();

    /** Leaf data of entries [start, end), in order. */
    List<byte[]> entries(long start, long end);

    /**
     * The disclosures stored beside entries [start, end), in order (SPEC §2.10), or null when the
     * source does not have them (a remote log read with a token that may not read them all).
     */
    default List<List<String>> disclosures(long start, long end) {
      return null;
    }
  }

  private static final int CHUNK = 4096;
  private final SubmissionParser parser;
  private final KeyDirectory keys;
  private final Projection keyProjection;
  private final ExecutorService pool;

  public Auditor(
      SubmissionParser parser, KeyDirectory keys, Projection keyProjection, ExecutorService pool) {
    this.parser = parser;
    this.keys = keys;
    this.keyProjection = keyProjection;
    this.pool = pool;
  }

  private record Check(long index, KeyDirectory.Active key, SignedEvent event) {}

  /**
   * Audits {@code source} against {@code checkpoints} (signed notes, any order) and the log's
   * verifier key.
   */
  public Report audit(
      Source source, List<String> checkpoints, NoteVerifier verifier, LongConsumer progress)
      throws InterruptedException {
    // Check the checkpoints' signatures first and order them by size.
    Map<Long, Checkpoint> bySize = new HashMap<>();
    for (String note : checkpoints) {
      Checkpoint cp;
      try {
        cp = verifier.verifyCheckpoint(note);
      } catch (NoteException | IllegalArgumentException e) {
        return Report.bad(
            0, 0, -1, "a checkpoint does not verify with the log key: " + e.getMessage());
      }
      Checkpoint prior = bySize.put(cp.size(), cp);
      if (prior != null && !prior.root().equals(cp.root()))
        return Report.bad(
            0,
            0,
            -1,
            "two checkpoints of size " + cp.size() + " have different roots: the log forked");
    }
    long size = source.size();
    CompactRange range = CompactRange.empty();
    Map<String, Long> lastSeq = new HashMap<>();
    int checked = 0;
    if (bySize.containsKey(0L)) checked++;
    for (long start = 0; start < size; start += CHUNK) {
      long end = Math.min(size, start + CHUNK);
      List<byte[]> chunk = source.entries(start, end);
      if (chunk.size() != end - start)
        return Report.bad(
            start,
            checked,
            start,
            "expected " + (end - start) + " entries from " + start + ", got " + chunk.size());
      List<Check> checks = new ArrayList<>(chunk.size());
      List<List<String>> disclosures = source.disclosures(start, end);
      List<Object> decoded = decodeAll(chunk, disclosures);
      for (int i = 0; i < chunk.size(); i++) {
        long index = start + i;
        byte[] data = chunk.get(i);
        if (decoded.get(i) instanceof String problem)
          return Report.bad(index, checked, index, "entry " + index + ": " + problem);
        LeafCodec.Decoded d = (LeafCodec.Decoded) decoded.get(i);
        Event ev = d.signed().event();
        KeyDirectory.Lookup k = keys.lookup(ev);
        if (!(k instanceof KeyDirectory.Active a))
          return Report.bad(
              index,
              checked,
              index,
              "entry "
                  + index
                  + ": signed with key \""
                  + ev.key()
                  + "\" of party \""
                  + ev.party()
                  + "\", which was not an active key at that point ("
                  + k.getClass().getSimpleName()
                  + ")");
        String sk = ev.party() + "/" + ev.key();
        Long last = lastSeq.put(sk, ev.seq());
        if (last != null && ev.seq() <= last)
          return Report.bad(
              index,
              checked,
              index,
              "entry "
                  + index
                  + ": seq "
                  + ev.seq()
                  + " is not greater than the previous "
                  + last
                  + " of "
                  + sk);
        checks.add(new Check(index, a, d.signed()));
        Entry entry = new Entry(index, ev, d.received(), data, TreeHasher.leafHash(data));
        try {
          keyProjection.evolve(entry);
        } catch (IllegalStateException e) {
          return Report.bad(index, checked, index, "entry " + index + ": " + e.getMessage());
        }
        range.append(entry.leafHash(), (id, h) -> {});
        Checkpoint cp = bySize.get(range.size());
        if (cp != null) {
          if (!cp.root().equals(range.root()))
            return Report.bad(
                index,
                checked,
                index,
                "checkpoint of size "
                    + cp.size()
                    + " has root "
                    + cp.root().base64()
                    + " but the entries up to "
                    + index
                    + " hash to "
                    + range.root().base64());
          checked++;
        }
      }
      Long bad = verifySignatures(checks);
      if (bad != null) {
        Check c = checks.get((int) (bad - start));
        return Report.bad(
            bad,
            checked,
            bad,
            "entry "
                + bad
                + ": the signature does not verify with key \""
                + c.event().event().key()
                + "\" of party \""
                + c.event().event().party()
                + "\"");
      }
      if (progress != null) progress.accept(end);
    }
    for (Checkpoint cp : bySize.values())
      if (cp.size() > size)
        return Report.bad(
            size,
            checked,
            -1,
            "a checkpoint of size "
                + cp.size()
                + " covers more entries than the "
                + size
                + " present: entries were removed");
    return new Report(true, size, checked, range.root(), -1, null);
  }

  /**
   * Decodes a chunk on every core: each element is a {@link LeafCodec.Decoded} or the problem as a
   * String.
   */
  private List<Object> decodeAll(List<byte[]> chunk, List<List<String>> disclosures)
      throws InterruptedException {
    int parts = Math.max(1, Runtime.getRuntime().availableProcessors());
    int per = (chunk.size() + parts - 1) / parts;
    List<Future<List<Object>>> futures = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = Math.min(chunk.size(), p * per), to = Math.min(chunk.size(), (p + 1) * per);
      futures.add(
          pool.submit(() -> {
            List<Object> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
              try {
                out.add(
                    LeafCodec.decode(
                        chunk.get(i), disclosures == null ? null : disclosures.get(i), parser));
              } catch (LeafCodec.BadLeafException e) {
                out.add(e.getMessage());
              }
            }
            return out;
          }));
    }
    List<Object> all = new ArrayList<>(chunk.size());
    for (Future<List<Object>> f : futures) {
      try {
        all.addAll(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return all;
  }

  /** Index of the first entry whose signature fails, or null. */
  private Long verifySignatures(List<Check> checks) throws InterruptedException {
    int parts = Math.max(1, Runtime.getRuntime().availableProcessors());
    int per = (checks.size() + parts - 1) / parts;
    List<Future<Long>> futures = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      List<Check> slice =
          checks.subList(Math.min(checks.size(), p * per), Math.min(checks.size(), (p + 1) * per));
      futures.add(
          pool.submit(() -> {
            for (Check c : slice) {
              try {
                c.key().key().verify(c.event().canonical(), c.event().sig());
              } catch (BadSignatureException e) {
                return c.index();
              }
            }
            return null;
          }));
    }
    Long first = null;
    for (Future<Long> f : futures) {
      try {
        Long r = f.get();
        if (r != null && (first == null || r < first)) first = r;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return first;
  }
}
