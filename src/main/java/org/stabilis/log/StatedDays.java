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
final class StatedDays implements Snapshotting {
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

  /** The saved state: instants as ISO-8601 text, null before the first entry. */
  private record State(String first, String max, long size, Map<Long, Long> firstAfterDay) {}

  @Override
  public String snapshotName() {
    return "log.stated-days";
  }

  @Override
  public synchronized byte[] save() {
    return SnapshotJson.write(
        new State(
            first == null ? null : first.toString(),
            max == null ? null : max.toString(),
            size,
            new java.util.TreeMap<>(firstAfterDay)));
  }

  @Override
  public synchronized void restore(byte[] state) {
    reset();
    State s = SnapshotJson.read(state, State.class);
    if ((s.first() == null) != (s.max() == null) || s.firstAfterDay() == null)
      throw new IllegalArgumentException("the stated-days state is incomplete");
    try {
      first = s.first() == null ? null : Instant.parse(s.first());
      max = s.max() == null ? null : Instant.parse(s.max());
    } catch (java.time.DateTimeException e) {
      reset();
      throw new IllegalArgumentException("the stated-days state holds a bad instant", e);
    }
    size = s.size();
    firstAfterDay.putAll(s.firstAfterDay());
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
