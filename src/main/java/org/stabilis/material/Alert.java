package org.stabilis.material;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mass-balance alert (SPEC §5) while the ledger keeps it: raised by an event, possibly resolved
 * by a later one that explains it; never deleted, so its history stays readable.
 */
public final class Alert {
  final String id, kind, holder, item, shipment;
  final long raisedIndex;
  final Instant raisedTime;
  final List<Long> events = new ArrayList<>();
  String detail = "";
  Long resolvedIndex;
  Instant resolvedTime;
  String resolvedBy;

  Alert(
      String id,
      String kind,
      String holder,
      String item,
      String shipment,
      long raisedIndex,
      Instant raisedTime) {
    this.id = id;
    this.kind = kind;
    this.holder = holder;
    this.item = item;
    this.shipment = shipment;
    this.raisedIndex = raisedIndex;
    this.raisedTime = raisedTime;
  }

  void resolve(long index, Instant time, String byType) {
    resolvedIndex = index;
    resolvedTime = time;
    resolvedBy = byType;
  }

  View view() {
    return new View(
        id,
        kind,
        resolvedIndex == null ? "open" : "resolved",
        holder,
        item,
        shipment,
        raisedIndex,
        raisedTime,
        resolvedIndex,
        resolvedTime,
        resolvedBy,
        List.copyOf(events),
        detail);
  }

  /**
   * An alert as readers see it. {@code events} are the log indices behind it, the raising and
   * resolving ones included; {@code raisedIndex} is null for an overdue alert, which a clock
   * raises.
   */
  public record View(
      String id,
      String kind,
      String status,
      String holder,
      String item,
      String shipment,
      Long raisedIndex,
      Instant raisedTime,
      Long resolvedIndex,
      Instant resolvedTime,
      String resolvedBy,
      List<Long> events,
      String detail) {}
}
