package org.stabilis.log;

/**
 * A projection whose state can be written down and read back: a snapshot (SPEC §7). A snapshot is
 * derived from the log and never trusted on its own: the log tags it with the log size, the tree
 * root at that size and the code version that wrote it, and ignores it when any of them does not
 * match; it can always be rebuilt by replaying the log.
 *
 * <p>The contract, checked by tests against full replays: for every log, folding entries {@code [0,
 * n)}, saving, restoring into a freshly made projection and folding {@code [n, m)} gives the same
 * state as folding {@code [0, m)}: every view answers the same bytes and every later {@link
 * #decide} the same outcome.
 */
public interface Snapshotting extends Projection {

  /**
   * A stable name for this projection's part of a snapshot, unique among the projections of one log
   * (e.g. {@code "zones"}).
   */
  String snapshotName();

  /**
   * The state, as bytes in this projection's own format. Reads the state only; called by the thread
   * that drives the projection, between two entries.
   */
  byte[] save();

  /**
   * The state of a log of {@code size} entries, as {@link #save()} writes it. A projection that
   * hands part of its state over to the store when a snapshot is taken does so here, tagged with
   * {@code size}, and then writes where that part is; the state it describes is the same.
   */
  default byte[] save(long size) {
    return save();
  }

  /**
   * Replaces the state of this projection, made fresh or {@link #reset}, by the one {@code state}
   * describes.
   *
   * @throws IllegalArgumentException if {@code state} is not one this code wrote; the projection is
   *     then left as if reset, so the caller can rebuild it by replaying the log
   */
  void restore(byte[] state);
}
