package org.stabilis.permit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The permit queue and its decisions (SPEC §5), for views; ages are computed for a time the reader
 * gives.
 */
public interface PermitView {

  record Permit(
      String id,
      String party,
      Map<String, Long> items,
      String project,
      String purpose,
      long index,
      Instant requested,
      Boolean approved,
      String reason,
      String decidedBy,
      long decidedAt,
      Instant decided,
      Map<String, Long> used) {

    public boolean pending() {
      return approved == null;
    }

    /** Days from the request to {@code t}, or to the decision once decided. */
    public double ageDays(Instant t) {
      Instant end = decided != null ? decided : t;
      return Math.max(0, java.time.Duration.between(requested, end).toMinutes()) / 1440.0;
    }
  }

  /** Every request in log order. */
  List<Permit> permits();

  boolean required();

  int decisionDays();
}
