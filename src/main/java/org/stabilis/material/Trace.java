package org.stabilis.material;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The diversion trace (SPEC §5): for a find traced to aid ({@code demil.item-reported.traced[]}),
 * the consignment, where it entered, each movement of that item after it from the stock it entered
 * (transfers onward, receipts, consumptions), and the project it was meant for: the first project
 * that item was sent to from there. Stock is fungible, so the movements are those the consignment
 * may have taken, not a proof of which unit went where.
 */
public record Trace(
    TracedFind find, Step entry, List<Step> movements, String meantFor, List<String> projects) {

  /** A find and the consignment it was traced to. */
  public record TracedFind(
      String find,
      String category,
      String reportedBy,
      long index,
      Instant time,
      String item,
      String consignment) {}

  /** One fact of the path: what happened, from where to where, how much, and its log entry. */
  public record Step(
      String kind,
      String from,
      String to,
      long quantity,
      String reference,
      long index,
      Instant time) {}

  static Trace of(TracedFind f, List<Applied> history, Stocks ledger) {
    Step entry = null;
    long entryIndex = Long.MAX_VALUE;
    for (Applied a : history)
      if (a.fact() instanceof Fact.Entered e
          && e.consignment().equals(f.consignment())
          && e.item().equals(f.item())) {
        entry =
            new Step(
                "entered",
                e.crossing(),
                e.to(),
                e.quantity(),
                e.consignment(),
                a.index(),
                a.time());
        entryIndex = a.index();
        break;
      }
    List<Step> moves = new ArrayList<>();
    Set<String> projects = new LinkedHashSet<>();
    if (entry != null) {
      Set<String> holders = new LinkedHashSet<>(List.of(entry.to()));
      Set<String> shipments = new LinkedHashSet<>();
      for (Applied a : history) {
        if (a.index() <= entryIndex) continue;
        switch (a.fact()) {
          case Fact.Transferred t when t.item().equals(f.item()) && holders.contains(t.from()) -> {
            moves.add(
                new Step(
                    "transferred",
                    t.from(),
                    t.to(),
                    t.quantity(),
                    t.shipment(),
                    a.index(),
                    a.time()));
            holders.add(t.to());
            shipments.add(t.shipment());
            if (ledger.node(t.to()) == null) projects.add(t.to());
          }
          case Fact.Received r when shipments.contains(r.shipment()) ->
              moves.add(
                  new Step(
                      "received", null, null, r.quantity(), r.shipment(), a.index(), a.time()));
          case Fact.Consumed c when c.item().equals(f.item()) && holders.contains(c.project()) ->
              moves.add(
                  new Step("consumed", c.project(), null, c.quantity(), null, a.index(), a.time()));
          case Fact.Lost l when l.item().equals(f.item()) && holders.contains(l.at()) ->
              moves.add(
                  new Step("lost", l.at(), null, l.quantity(), l.cause(), a.index(), a.time()));
          default -> {}
        }
      }
    }
    List<String> ps = List.copyOf(projects);
    return new Trace(f, entry, List.copyOf(moves), ps.isEmpty() ? null : ps.getFirst(), ps);
  }
}
