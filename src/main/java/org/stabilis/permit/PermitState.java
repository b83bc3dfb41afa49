package org.stabilis.permit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a permits snapshot holds (SPEC §7): the policy and every request in log order, as plain
 * values (times as ISO-8601 strings). Items and quantities used are lists in the order of the
 * original maps, so the queue lists them as the fold did.
 */
record PermitState(int format, boolean required, int decisionDays, List<PermitEntry> permits) {

  /** Bumped whenever the meaning of a field changes; a snapshot of another format is refused. */
  static final int FORMAT = 1;

  record Line(String item, long quantity) {}

  record PermitEntry(
      String id,
      String party,
      List<Line> items,
      String project,
      String purpose,
      long index,
      String requested,
      Boolean approved,
      String reason,
      String decidedBy,
      long decidedAt,
      String decided,
      List<Line> used) {

    static PermitEntry of(PermitView.Permit p) {
      return new PermitEntry(
          p.id(),
          p.party(),
          lines(p.items()),
          p.project(),
          p.purpose(),
          p.index(),
          p.requested().toString(),
          p.approved(),
          p.reason(),
          p.decidedBy(),
          p.decidedAt(),
          p.decided() == null ? null : p.decided().toString(),
          lines(p.used()));
    }

    PermitView.Permit permit() {
      if (id == null || party == null || items.isEmpty())
        throw new IllegalArgumentException("a permit lacks its id, party or items");
      boolean pending = approved == null;
      if (pending != (decidedAt < 0)
          || pending != (decided == null)
          || pending != (decidedBy == null))
        throw new IllegalArgumentException("permit " + id + " is half decided");
      Map<String, Long> is = map(items);
      if (is.size() != items.size())
        throw new IllegalArgumentException("permit " + id + " names an item twice");
      Map<String, Long> us = map(used);
      return new PermitView.Permit(
          id,
          party,
          Collections.unmodifiableMap(is),
          project,
          purpose,
          index,
          Instant.parse(requested),
          approved,
          reason,
          decidedBy,
          decidedAt,
          decided == null ? null : Instant.parse(decided),
          us.isEmpty() ? Map.of() : Collections.unmodifiableMap(us));
    }
  }

  private static List<Line> lines(Map<String, Long> m) {
    List<Line> out = new ArrayList<>(m.size());
    m.forEach((item, q) -> out.add(new Line(item, q)));
    return out;
  }

  private static LinkedHashMap<String, Long> map(List<Line> lines) {
    LinkedHashMap<String, Long> m = new LinkedHashMap<>();
    for (Line l : lines) {
      if (l.item() == null) throw new IllegalArgumentException("a line lacks its item");
      m.put(l.item(), l.quantity());
    }
    return m;
  }
}
