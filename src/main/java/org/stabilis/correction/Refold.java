package org.stabilis.correction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.stabilis.log.Entry;
import org.stabilis.log.Projection;

/**
 * Where a re-fold finds the entries it folds again. Corrections ask for one whenever an entry is
 * retracted: the projections are brought to the state of the log without the retracted entries. The
 * implementation here folds from the start; one that keeps snapshots may restore the newest
 * snapshot taken before the first skipped entry and fold only from there, since the state before
 * that entry does not change.
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
    };
  }
}
