package org.stabilis.log;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a projection may read of the log it folds when it must fold part of it again (a retraction):
 * committed entries, by index or as a range, and the checked snapshots of the log's state.
 */
public interface LogHistory {

  /** Committed entry {@code index}, if the log holds it. */
  Optional<Entry> entry(long index);

  /** Streams the committed entries with index in [from, to), in order. */
  void scan(long from, long to, Consumer<Entry> sink);

  /** The newest checked snapshot of at most {@code size} entries, if any. */
  Optional<Snapshots.Snapshot> snapshotAtMost(long size);
}
