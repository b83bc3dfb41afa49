package org.stabilis.material;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The materials state: catalogue, stock and counters per holder (node or project) and item,
 * shipments, projects' consumption and inspected progress, and the alerts raised so far. Updated
 * incrementally by {@link #apply}, so a balance query costs no more than the rows it returns.
 * Deterministic: the same facts in the same order give the same state. Not thread-safe.
 */
public final class Ledger implements Stocks, Epcis.Names {

  /**
   * The counters of SPEC §5 for one holder and item; {@code stock} is their sum, kept non-negative.
   */
  public static final class Counters {
    long entered, received, transferredOut, consumed, lost, inTransitIn;

    public long stock() {
      return entered + received - transferredOut - consumed - lost;
    }
  }

  /** One row of a balance answer. */
  public record Balance(
      String holder,
      String holderKind,
      String item,
      long entered,
      long received,
      long transferredOut,
      long consumed,
      long lost,
      long stock,
      long inTransitIn) {}

  /** A shipment as the ledger follows it; {@code received} is null until it arrives. */
  public static final class Shipment {
    final String id, item, from, to;
    final long quantity, index;
    final Instant time;
    Long received;
    long receivedIndex = -1, lost, lastLossIndex = -1;
    Instant receivedTime, lastLossTime;

    Shipment(
        String id, String item, long quantity, String from, String to, long index, Instant time) {
      this.id = id;
      this.item = item;
      this.quantity = quantity;
      this.from = from;
      this.to = to;
      this.index = index;
      this.time = time;
    }

    Shipment copy() {
      Shipment s = new Shipment(id, item, quantity, from, to, index, time);
      s.received = received;
      s.receivedIndex = receivedIndex;
      s.receivedTime = receivedTime;
      s.lost = lost;
      s.lastLossIndex = lastLossIndex;
      s.lastLossTime = lastLossTime;
      return s;
    }

    public String id() {
      return id;
    }

    public String item() {
      return item;
    }

    public String from() {
      return from;
    }

    public String to() {
      return to;
    }

    public long quantity() {
      return quantity;
    }

    public long index() {
      return index;
    }

    public Instant time() {
      return time;
    }

    public Long received() {
      return received;
    }

    public long lost() {
      return lost;
    }

    /** What left the source and is neither received nor declared lost. */
    public long outstanding() {
      return quantity - (received == null ? 0 : received) - lost;
    }
  }

  private static final class ProjectState {
    int inspected;
    long lastInspection = -1;
    Map<String, Long> bill = Map.of();
    final Map<String, Long> consumed = new HashMap<>();
    final Map<String, Alert> openOver = new HashMap<>();
    final Map<String, Integer> overCount = new HashMap<>();
  }

  private final Policy policy;
  private final Map<String, Fact.Item> items = new LinkedHashMap<>();
  private final Map<String, Fact.Node> nodes = new LinkedHashMap<>();
  private final Map<String, String> nodeByGln = new HashMap<>();
  private final Map<String, String> itemByGtin = new HashMap<>();
  private final Map<String, Map<String, Counters>> balances = new HashMap<>();
  private final Map<String, Shipment> shipments = new LinkedHashMap<>();
  private final Set<String> consignments = new HashSet<>();
  private final Map<String, ProjectState> projects = new HashMap<>();
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private long movements;
  private Instant latest;

  public Ledger(Policy policy) {
    this.policy = policy;
  }

  public Policy policy() {
    return policy;
  }

  // ---- reads --------------------------------------------------------------------------------

  @Override
  public Fact.Item item(String code) {
    return items.get(code);
  }

  @Override
  public Fact.Node node(String id) {
    return nodes.get(id);
  }

  @Override
  public String nodeByGln(String gln) {
    return nodeByGln.get(gln);
  }

  @Override
  public String itemByGtin(String gtin) {
    return itemByGtin.get(gtin);
  }

  public List<Fact.Item> items() {
    return List.copyOf(items.values());
  }

  public List<Fact.Node> nodes() {
    return List.copyOf(nodes.values());
  }

  @Override
  public long stock(String holder, String item) {
    Map<String, Counters> m = balances.get(holder);
    Counters c = m == null ? null : m.get(item);
    return c == null ? 0 : c.stock();
  }

  @Override
  public Shipment shipment(String id) {
    return shipments.get(id);
  }

  @Override
  public boolean hasConsignment(String consignment, String item) {
    return consignments.contains(consignment + '\u0000' + item);
  }

  public Iterable<Shipment> shipments() {
    return shipments.values();
  }

  /** Movements applied so far (catalogue and inspections not counted). */
  public long movements() {
    return movements;
  }

  /** The latest time any applied fact states, or null before the first. */
  public Instant latestTime() {
    return latest;
  }

  /**
   * Balance rows, sorted by holder then item; a null filter matches everything. Cost is the number
   * of holders (or one, when {@code holder} is given) times the items they hold.
   */
  public List<Balance> balances(String holder, String item) {
    List<Balance> out = new ArrayList<>();
    Map<String, Map<String, Counters>> scope =
        holder == null
            ? new TreeMap<>(balances)
            : balances.containsKey(holder) ? Map.of(holder, balances.get(holder)) : Map.of();
    for (var h : scope.entrySet()) {
      Map<String, Counters> byItem =
          item == null
              ? new TreeMap<>(h.getValue())
              : h.getValue().containsKey(item) ? Map.of(item, h.getValue().get(item)) : Map.of();
      for (var i : byItem.entrySet()) {
        Counters c = i.getValue();
        out.add(
            new Balance(
                h.getKey(),
                nodes.containsKey(h.getKey()) ? "node" : "project",
                i.getKey(),
                c.entered,
                c.received,
                c.transferredOut,
                c.consumed,
                c.lost,
                c.stock(),
                c.inTransitIn));
      }
    }
    return out;
  }

  /**
   * Every alert as of {@code now}: shortfall and over-consumption as raised by the facts, and
   * overdue computed from shipment times, since being late is a matter of the clock and no event
   * marks it. Ordered by the index of the first event behind each alert.
   */
  public List<Alert.View> alerts(Instant now) {
    List<Alert.View> out = new ArrayList<>();
    for (Alert a : alerts.values()) out.add(a.view());
    for (Shipment s : shipments.values()) {
      Instant due = s.time.plus(policy.overdueAfter());
      if (s.received != null) {
        if (s.receivedTime.isAfter(due))
          out.add(
              overdue(
                  s,
                  due,
                  s.receivedIndex,
                  s.receivedTime,
                  "material.received",
                  "received "
                      + s.received
                      + " of "
                      + s.quantity
                      + " after the "
                      + policy.overdueAfter().toHours()
                      + " h limit"));
      } else if (s.outstanding() == 0) {
        if (s.lastLossTime.isAfter(due))
          out.add(
              overdue(
                  s,
                  due,
                  s.lastLossIndex,
                  s.lastLossTime,
                  "material.loss-reported",
                  "never received; declared lost in transit"));
      } else if (now != null && now.isAfter(due)) {
        out.add(
            overdue(
                s,
                due,
                -1,
                null,
                null,
                "not received " + policy.overdueAfter().toHours() + " h after shipping"));
      }
    }
    out.sort(
        java.util.Comparator.comparingLong((Alert.View v) -> v.events().get(0))
            .thenComparing(Alert.View::id));
    return out;
  }

  private Alert.View overdue(
      Shipment s, Instant due, long resolvedIndex, Instant resolvedTime, String by, String detail) {
    List<Long> events = resolvedIndex < 0 ? List.of(s.index) : List.of(s.index, resolvedIndex);
    return new Alert.View(
        "overdue-" + s.id,
        "overdue",
        resolvedIndex < 0 ? "open" : "resolved",
        s.to,
        s.item,
        s.id,
        null,
        due,
        resolvedIndex < 0 ? null : resolvedIndex,
        resolvedTime,
        by,
        events,
        "shipment "
            + s.id
            + " of "
            + s.quantity
            + " "
            + s.item
            + " from "
            + s.from
            + " to "
            + s.to
            + ": "
            + detail);
  }

  // ---- apply --------------------------------------------------------------------------------

  /**
   * Applies one accepted fact. Throws {@link IllegalStateException} when it cannot be applied
   * (unknown reference, stock would go negative): the rules refuse such facts before they reach the
   * log, so meeting one means the log and the rules disagree.
   */
  public void apply(Applied a) {
    if (latest == null || a.time().isAfter(latest)) latest = a.time();
    switch (a.fact()) {
      case Fact.Item i -> {
        if (items.putIfAbsent(i.code(), i) != null)
          throw bad(a, "item " + i.code() + " is already defined");
        if (i.gtin() != null) itemByGtin.put(i.gtin(), i.code());
      }
      case Fact.Node n -> {
        if (nodes.putIfAbsent(n.id(), n) != null)
          throw bad(a, "node " + n.id() + " is already defined");
        if (n.gln() != null) nodeByGln.put(n.gln(), n.id());
      }
      case Fact.Entered e -> {
        movements++;
        requireItem(a, e.item());
        if (!consignments.add(e.consignment() + '\u0000' + e.item()))
          throw bad(
              a, "consignment " + e.consignment() + " of " + e.item() + " was already entered");
        counters(e.to(), e.item()).entered += e.quantity();
      }
      case Fact.Transferred t -> {
        movements++;
        requireItem(a, t.item());
        if (shipments.containsKey(t.shipment()))
          throw bad(a, "shipment " + t.shipment() + " exists");
        take(a, t.from(), t.item(), t.quantity()).transferredOut += t.quantity();
        counters(t.to(), t.item()).inTransitIn += t.quantity();
        shipments.put(
            t.shipment(),
            new Shipment(
                t.shipment(), t.item(), t.quantity(), t.from(), t.to(), a.index(), a.time()));
      }
      case Fact.Received r -> {
        movements++;
        Shipment s = shipments.get(r.shipment());
        if (s == null || s.received != null)
          throw bad(a, "shipment " + r.shipment() + " is unknown or already received");
        if (r.quantity() > s.quantity - s.lost)
          throw bad(a, "receipt exceeds what is left of shipment " + s.id);
        Counters c = counters(s.to, s.item);
        c.inTransitIn -= s.quantity - s.lost;
        c.received += r.quantity();
        s.received = r.quantity();
        s.receivedIndex = a.index();
        s.receivedTime = a.time();
        checkShortfall(s, a);
      }
      case Fact.Consumed c -> {
        movements++;
        requireItem(a, c.item());
        take(a, c.project(), c.item(), c.quantity()).consumed += c.quantity();
        ProjectState p = project(c.project(), a.bill());
        long total = p.consumed.merge(c.item(), c.quantity(), Long::sum);
        long allowed = policy.consumptionAllowance(p.bill.getOrDefault(c.item(), 0L), p.inspected);
        Alert open = p.openOver.get(c.item());
        if (total > allowed) {
          if (open == null) {
            int n = p.overCount.merge(c.item(), 1, Integer::sum);
            open =
                new Alert(
                    "over-consumption-" + c.project() + "-" + c.item() + "-" + n,
                    "over-consumption",
                    c.project(),
                    c.item(),
                    null,
                    a.index(),
                    a.time());
            if (p.lastInspection >= 0) open.events.add(p.lastInspection);
            p.openOver.put(c.item(), open);
            alerts.put(open.id, open);
          }
          open.events.add(a.index());
          open.detail = overDetail(c.project(), c.item(), total, p);
        }
      }
      case Fact.Lost l -> {
        movements++;
        requireItem(a, l.item());
        if (l.shipment() == null) {
          take(a, l.at(), l.item(), l.quantity()).lost += l.quantity();
        } else {
          Shipment s = shipments.get(l.shipment());
          if (s == null || l.quantity() > s.outstanding())
            throw bad(a, "loss exceeds what is outstanding of shipment " + l.shipment());
          if (s.received == null) counters(s.to, s.item).inTransitIn -= l.quantity();
          s.lost += l.quantity();
          s.lastLossIndex = a.index();
          s.lastLossTime = a.time();
          Alert shortfall = alerts.get("shortfall-" + s.id);
          if (shortfall != null && shortfall.resolvedIndex == null) {
            shortfall.events.add(a.index());
            if (s.outstanding() <= policy.shortfallTolerance(s.quantity))
              shortfall.resolve(a.index(), a.time(), "material.loss-reported");
          }
        }
      }
      case Fact.Inspected i -> {
        ProjectState p = project(i.project(), a.bill());
        p.inspected = i.progress();
        p.lastInspection = a.index();
        for (var it = p.openOver.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          Alert open = e.getValue();
          open.events.add(a.index());
          long consumed = p.consumed.getOrDefault(e.getKey(), 0L);
          // The detail names the progress the alert is now judged against, not the one it was
          // raised at.
          open.detail = overDetail(i.project(), e.getKey(), consumed, p);
          long allowed =
              policy.consumptionAllowance(p.bill.getOrDefault(e.getKey(), 0L), p.inspected);
          if (consumed <= allowed) {
            open.resolve(a.index(), a.time(), "inspection.recorded");
            it.remove();
          }
        }
      }
    }
  }

  private String overDetail(String project, String item, long total, ProjectState p) {
    return "project "
        + project
        + " consumed "
        + total
        + " "
        + item
        + " against a bill of "
        + p.bill.getOrDefault(item, 0L)
        + " at "
        + p.inspected
        + "% inspected progress (allowance "
        + policy.overConsumptionPoints()
        + " points)";
  }

  private void checkShortfall(Shipment s, Applied a) {
    long gap = s.outstanding();
    if (gap <= policy.shortfallTolerance(s.quantity)) return;
    Alert al = new Alert("shortfall-" + s.id, "shortfall", s.to, s.item, s.id, a.index(), a.time());
    al.events.add(s.index);
    if (s.lastLossIndex >= 0) al.events.add(s.lastLossIndex);
    al.events.add(a.index());
    al.detail =
        "shipment "
            + s.id
            + ": shipped "
            + s.quantity
            + " "
            + s.item
            + " from "
            + s.from
            + ", received "
            + s.received
            + " at "
            + s.to
            + (s.lost > 0 ? ", declared lost " + s.lost : "")
            + "; "
            + gap
            + " unaccounted";
    alerts.put(al.id, al);
  }

  private ProjectState project(String id, Map<String, Long> bill) {
    ProjectState p = projects.computeIfAbsent(id, k -> new ProjectState());
    if (bill != null) p.bill = bill;
    return p;
  }

  private void requireItem(Applied a, String item) {
    if (!items.containsKey(item)) throw bad(a, "item " + item + " is not defined");
  }

  private Counters counters(String holder, String item) {
    return balances
        .computeIfAbsent(holder, k -> new HashMap<>())
        .computeIfAbsent(item, k -> new Counters());
  }

  private Counters take(Applied a, String holder, String item, long quantity) {
    Counters c = counters(holder, item);
    if (c.stock() < quantity)
      throw bad(
          a, "stock of " + item + " at " + holder + " is " + c.stock() + ", less than " + quantity);
    return c;
  }

  private static IllegalStateException bad(Applied a, String why) {
    return new IllegalStateException(
        "materials cannot apply entry " + a.index() + " (" + a.fact() + "): " + why);
  }
}
