package org.stabilis.correction;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.stabilis.log.Entry;
import org.stabilis.log.LogHistory;
import org.stabilis.log.Projection;
import org.stabilis.log.Snapshots;
import org.stabilis.log.Snapshotting;

/**
 * A re-fold that reads the entries from the log instead of holding them: only the newest few are in
 * memory (the sequencer folds a commit group before it commits it). It starts from the newest
 * snapshot of at most the first skipped entry: no entry before that one is skipped, so the modules'
 * state there is the snapshot's (a snapshot after a retraction lies after the entry it retracted).
 */
final class LogRefold implements Refold {
  private final LogHistory history;
  private final int window;
  private final ArrayDeque<Entry> recent = new ArrayDeque<>();
  private long size;

  LogRefold(LogHistory history, int window) {
    if (window < 1) throw new IllegalArgumentException("the window must hold an entry");
    this.history = history;
    this.window = window;
  }

  @Override
  public void remember(Entry entry) {
    if (entry.index() != size)
      throw new IllegalStateException(
          "expected entry " + size + " next but was given entry " + entry.index());
    recent.addLast(entry);
    if (recent.size() > window) recent.removeFirst();
    size++;
  }

  private long firstRecent() {
    return size - recent.size();
  }

  @Override
  public Optional<Entry> entry(long index) {
    if (index < 0 || index >= size) return Optional.empty();
    if (index >= firstRecent()) {
      int i = 0;
      for (Entry e : recent) if (firstRecent() + i++ == index) return Optional.of(e);
    }
    return history.entry(index);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void refold(List<Projection> into, SortedSet<Long> skip, Step step) {
    long first = skip.isEmpty() ? size : Math.min(skip.first(), size);
    long from = restore(into, first);
    long older = Math.min(firstRecent(), size);
    if (from < older) history.scan(from, older, e -> fold(into, skip, first, step, e));
    for (Entry e : List.copyOf(recent)) if (e.index() >= from) fold(into, skip, first, step, e);
  }

  private static void fold(
      List<Projection> into, SortedSet<Long> skip, long first, Step step, Entry e) {
    if (skip.contains(e.index())) return;
    if (e.index() < first) for (Projection p : into) p.evolve(e);
    else step.apply(into, e);
  }

  /**
   * Restores {@code into} from the newest snapshot of at most {@code first} entries that has a part
   * for each; leaves them as given (fresh or reset) when there is none.
   *
   * @return the size restored, or 0
   */
  private long restore(List<Projection> into, long first) {
    if (!into.stream().allMatch(p -> p instanceof Snapshotting)) return 0;
    Snapshots.Snapshot s = history.snapshotAtMost(first).orElse(null);
    if (s == null) return 0;
    try {
      byte[] corrections = s.parts().get(Corrections.SNAPSHOT_NAME);
      if (corrections == null) throw new IllegalArgumentException("no corrections part");
      Map<String, byte[]> parts = Corrections.moduleParts(corrections);
      for (Projection p : into) {
        Snapshotting m = (Snapshotting) p;
        byte[] part = parts.get(m.snapshotName());
        if (part == null) throw new IllegalArgumentException("no part " + m.snapshotName());
        m.restore(part);
      }
      return s.size();
    } catch (IllegalArgumentException e) {
      for (Projection p : into) p.reset();
      return 0;
    }
  }

  @Override
  public void clear() {
    recent.clear();
    size = 0;
  }

  @Override
  public void restart(long size) {
    if (size < 0) throw new IllegalArgumentException("negative size " + size);
    recent.clear();
    this.size = size;
  }
}
