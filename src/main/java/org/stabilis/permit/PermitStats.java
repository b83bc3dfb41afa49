package org.stabilis.permit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of the permit queue (SPEC §5), per requesting party and kind (the item requested):
 * requests, decisions, approval rate, median and 90th percentile days to decision, pending and
 * overdue requests at the time asked. These are what observers read.
 */
public record PermitStats(
    String party,
    String item,
    int requests,
    int decided,
    int approved,
    Double approvalRate,
    Double medianDays,
    Double p90Days,
    int pending,
    int overdue) {

  /**
   * Nearest-rank percentile of sorted values (the smallest value with at least {@code q} of them at
   * or below it).
   */
  static Double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) return null;
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /**
   * Overdue: pending longer than the policy's decision days at {@code t} (never, without a policy).
   */
  public static boolean overdue(PermitView.Permit p, Instant t, int decisionDays) {
    return p.pending() && decisionDays > 0 && p.ageDays(t) > decisionDays;
  }

  public static List<PermitStats> of(PermitView view, Instant t) {
    Map<String, List<PermitView.Permit>> groups = new TreeMap<>();
    for (PermitView.Permit p : view.permits())
      for (String item : p.items().keySet())
        groups.computeIfAbsent(p.party() + "\u0000" + item, k -> new ArrayList<>()).add(p);
    List<PermitStats> out = new ArrayList<>();
    for (var g : groups.entrySet()) {
      String[] key = g.getKey().split("\u0000");
      int decided = 0, approved = 0, pending = 0, overdue = 0;
      List<Double> days = new ArrayList<>();
      for (PermitView.Permit p : g.getValue()) {
        if (p.pending()) {
          pending++;
          if (overdue(p, t, view.decisionDays())) overdue++;
        } else {
          decided++;
          if (p.approved()) approved++;
          days.add(p.ageDays(t));
        }
      }
      days.sort(null);
      out.add(
          new PermitStats(
              key[0],
              key[1],
              g.getValue().size(),
              decided,
              approved,
              decided == 0 ? null : Math.round(approved * 1000.0 / decided) / 10.0,
              round(percentile(days, 0.5)),
              round(percentile(days, 0.9)),
              pending,
              overdue));
    }
    return List.copyOf(out);
  }

  private static Double round(Double d) {
    return d == null ? null : Math.round(d * 10) / 10.0;
  }
}
