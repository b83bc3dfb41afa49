package org.stabilis.correction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What corrections publish to views: which entries were retracted, and who disputes which entry.
 * Read under {@code LogService.read}.
 */
public interface CorrectionView {

  /** A retraction or an open dispute, stated by entry {@code at()}. */
  sealed interface Stated permits Retraction, Dispute {
    long at();
  }

  /** A retraction: entry {@code index} (of {@code type}) retracted by entry {@code at}. */
  record Retraction(
      long index, String type, String party, String reason, String note, long at, Instant time)
      implements Stated {}

  /**
   * An open dispute of entry {@code index} (of {@code type}, by {@code author}), stated by entry
   * {@code at}.
   */
  record Dispute(
      long index,
      String type,
      String author,
      String party,
      String reason,
      List<String> evidence,
      long at,
      Instant time)
      implements Stated {}

  /** The retraction of entry {@code index}, if it was retracted. */
  Optional<Retraction> retraction(long index);

  /** Every retraction, in log order. */
  List<Retraction> retractions();

  /** The open disputes of entry {@code index}, in the order they were stated. */
  List<Dispute> disputesOf(long index);

  /** Every open dispute, in log order. */
  List<Dispute> openDisputes();
}
