package org.stabilis.obligation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Phases and obligations as they stand (SPEC §5). States are computed for a date the reader gives:
 * nothing here reads a clock.
 */
public interface ObligationView {

  enum State {
    OPEN,
    REPORTED,
    CONFIRMED,
    OVERDUE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  record Report(String party, List<String> evidence, String note, long index, Instant time) {}

  record Obligation(
      String id,
      String phase,
      String party,
      String title,
      LocalDate due,
      String measure,
      String source,
      long index,
      Report reported,
      Report confirmed) {

    /**
     * SPEC §5: {@code overdue} when the due date has passed on {@code date} and it is not
     * confirmed.
     */
    public State stateOn(LocalDate date) {
      if (confirmed != null) return State.CONFIRMED;
      if (due != null && date.isAfter(due)) return State.OVERDUE;
      return reported != null ? State.REPORTED : State.OPEN;
    }
  }

  record Phase(
      String id, int order, String title, String source, long index, List<Obligation> obligations) {
    /** Complete when it has obligations and every one is confirmed. */
    public boolean complete() {
      return !obligations.isEmpty() && obligations.stream().allMatch(o -> o.confirmed() != null);
    }
  }

  /** Phases by order, then by definition; each with its obligations in definition order. */
  List<Phase> phases();

  /** Every party that holds an obligation, sorted. */
  List<String> obligatedParties();
}
