package org.stabilis.log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The index behind {@code ?on=DATE}: for each UTC day, the log size "as stated by the end of that
 * day", that is the index of the first entry whose event time is after the day's end (or the whole
 * log). Event times are not in log order (SPEC §2.1 accepts times in a past window), so the answer
 * is the first index at which the running maximum of event times passes the day's end; that maximum
 * only grows, so each entry that raises it past one or more day ends fills those days once. The
 * table holds one row per day the log's times span, whatever the log's length.
 *
 * <p>A fold like any projection: kept at commit, rebuilt by a replay.
 */
final class StatedDays implements Projection {
  private Instant first;
  private Instant max;
  private long size;

  /** Epoch day → the first index whose running maximum of event times is after that day's end. */
  private final Map<Long, Long> firstAfterDay = new HashMap<>();

  @Override
  public Rejection decide(Event event) {
    return null;
  }

  @Override
  public synchronized void evolve(Entry entry) {
    Instant t = entry.event().time();
    size = entry.index() + 1;
    if (first == null) {
      first = max = t;
      return;
    }
    if (!t.isAfter(max)) return;
    // Every day whose end e satisfies max <= e < t now has its answer: this entry.
    for (long day = endDayAtOrAfter(max); endOf(day).isBefore(t); day++)
      firstAfterDay.put(day, entry.index());
    max = t;
  }

  @Override
  public synchronized void reset() {
    first = max = null;
    size = 0;
    firstAfterDay.clear();
  }

  /** The log size as the parties stated it by the end of {@code day} (UTC). */
  synchronized long sizeStatedBy(LocalDate day) {
    Instant end = endOf(day.toEpochDay());
    if (first == null || end.isBefore(first)) return 0;
    if (!end.isBefore(max)) return size;
    Long i = firstAfterDay.get(day.toEpochDay());
    if (i == null)
      throw new IllegalStateException(
          "the stated-days index has no row for " + day + " within the log's times");
    return i;
  }

  /** The last instant of an epoch day, UTC. */
  private static Instant endOf(long epochDay) {
    return LocalDate.ofEpochDay(epochDay + 1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC)
        .minusNanos(1);
  }

  /** The first epoch day whose end is at or after {@code t}. */
  private static long endDayAtOrAfter(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
  }
}
