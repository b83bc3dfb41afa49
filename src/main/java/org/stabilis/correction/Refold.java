package org.stabilis.correction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.stabilis.log.Entry;
import org.stabilis.log.Projection;

/**
 * Where a re-fold finds the entries it folds again. Corrections ask for one whenever an entry is
 * retracted: the projections are brought to the state of the log without the retracted entries.
 * {@link #fromLog} reads the entries from the log and restores the newest snapshot taken before the
 * first skipped entry, folding only from there, since the state before that entry does not change;
 * {@link #fromStart} holds every entry in memory and folds from the start.
 */
public interface Refold {

  /**
   * Called for each entry with index at or after the first skipped one, instead of a plain evolve.
   */
  @FunctionalInterface
  interface Step {
    void apply(List<Projection> into, Entry entry);
  }

  /** Remembers an accepted entry (called in log order for every entry). */
  void remember(Entry entry);

  /** Entry {@code index}, if it was remembered. */
  Optional<Entry> entry(long index);

  /** The number of entries remembered. */
  long size();

  /**
   * Brings {@code into}, freshly made or reset, to the state of the remembered entries without
   * those in {@code skip}: entries before the first skipped one are evolved, every later one not
   * skipped goes through {@code step}.
   */
  void refold(List<Projection> into, SortedSet<Long> skip, Step step);

  /** Forgets every entry. */
  void clear();

  /**
   * Forgets every entry and takes the next one remembered to be entry {@code size}: the state of
   * the entries before it was restored from a snapshot.
   *
   * @throws IllegalArgumentException if this re-fold cannot read entries it was not given
   */
  void restart(long size);

  /**
   * A re-fold over the log's committed entries and snapshots. The newest {@code window} entries
   * remembered are held in memory, since the sequencer folds entries before it commits them: it
   * must be at least the largest commit group.
   */
  static Refold fromLog(org.stabilis.log.LogHistory history, int window) {
    return new LogRefold(history, window);
  }

  /** A re-fold from the start of the log, over the entries held in memory. */
  static Refold fromStart() {
    return new Refold() {
      private final List<Entry> entries = new ArrayList<>();

      @Override
      public void remember(Entry entry) {
        if (entry.index() != entries.size())
          throw new IllegalStateException(
              "expected entry " + entries.size() + " next but was given entry " + entry.index());
        entries.add(entry);
      }

      @Override
      public Optional<Entry> entry(long index) {
        return index >= 0 && index < entries.size()
            ? Optional.of(entries.get((int) index))
            : Optional.empty();
      }

      @Override
      public long size() {
        return entries.size();
      }

      @Override
      public void refold(List<Projection> into, SortedSet<Long> skip, Step step) {
        long first = skip.isEmpty() ? Long.MAX_VALUE : skip.first();
        for (Entry e : entries) {
          if (skip.contains(e.index())) continue;
          if (e.index() < first) for (Projection p : into) p.evolve(e);
          else step.apply(into, e);
        }
      }

      @Override
      public void clear() {
        entries.clear();
      }

      @Override
      public void restart(long size) {
        if (size != 0)
          throw new IllegalArgumentException(
              "a re-fold from the start holds every entry; it cannot start at entry " + size);
        entries.clear();
      }
    };
  }
}
