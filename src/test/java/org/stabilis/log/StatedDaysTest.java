package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stabilis.log.canonical.StrictJson;

/** The index behind ?on=DATE answers what a scan of the log in order answers, for every day. */
class StatedDaysTest {

  /**
   * The definition: the index of the first entry stated after the end of the day, else the size.
   */
  static long scan(List<Instant> times, LocalDate day) {
    Instant end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
    for (int i = 0; i < times.size(); i++) if (times.get(i).isAfter(end)) return i;
    return times.size();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void forRandomLogs_everyDayAnswersAsTheScan(long seed) {
    Random rnd = new Random(seed);
    Instant clock = Instant.parse("2025-11-01T08:00:00Z");
    List<Instant> times = new ArrayList<>();
    StatedDays index = new StatedDays();
    int n = 1 + rnd.nextInt(400);
    for (int i = 0; i < n; i++) {
      clock = clock.plus(Duration.ofMinutes(rnd.nextInt(rnd.nextInt(5) == 0 ? 3000 : 90)));
      // Stated times lag the server's by up to ten days, as SPEC §2.1's past window allows.
      Instant stated =
          clock.minus(Duration.ofMinutes(rnd.nextInt(3) == 0 ? rnd.nextInt(14_400) : 0));
      times.add(stated);
      Event e =
          new Event(
              "incident.reported",
              "p",
              "k",
              i,
              stated,
              StrictJson.mapper().createObjectNode(),
              StrictJson.mapper().createObjectNode());
      index.evolve(new Entry(i, e, clock, new byte[0], null));
    }
    LocalDate from = LocalDate.of(2025, 10, 20);
    LocalDate to = clock.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(3);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1))
      assertThat(index.sizeStatedBy(d)).as("seed %d, %s", seed, d).isEqualTo(scan(times, d));

    index.reset();
    assertThat(index.sizeStatedBy(to)).isZero();
  }
}
