package org.stabilis.material;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.stabilis.log.Entry;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.zone.ZoneView;

/**
 * The materials projection: reads the catalogue, movement and inspection events and {@code
 * epcis.capture} documents, refuses what breaks a rule, and keeps the {@link Ledger} (mass balance
 * and alerts) and the list of applied facts, from which a ledger "as of" any log index is rebuilt
 * without reading the log again.
 */
public final class MaterialProjection implements Snapshotting, MaterialView {

  private final Rules rules;
  private final Policy policy;
  private Ledger ledger;
  private final List<Applied> history = new ArrayList<>();

  /**
   * Finds traced to aid consignments (SPEC §4 {@code demil.item-reported.traced[]}), in log order.
   */
  private final List<Trace.TracedFind> traced = new ArrayList<>();

  /**
   * @param projects reconstruction projects (gating, implementers, bills of materials)
   * @param zones zone status (transfers stop at suspended zones)
   * @param roles whether a party holds a role (the party registry)
   */
  public MaterialProjection(ProjectView projects, ZoneView zones, PartyRoles roles, Policy policy) {
    this.rules = new Rules(projects, zones, roles);
    this.policy = policy;
    this.ledger = new Ledger(policy);
  }

  public Ledger ledger() {
    return ledger;
  }

  public Policy policy() {
    return policy;
  }

  /** Every applied fact in log order; unmodifiable, and valid only under the log's read lock. */
  public List<Applied> history() {
    return Collections.unmodifiableList(history);
  }

  /** The ledger as it stood after entries [0, {@code upTo}) — a replay of the facts kept. */
  public Ledger asOf(long upTo) {
    Ledger l = new Ledger(policy);
    for (Applied a : history) {
      if (a.index() >= upTo) break;
      l.apply(a);
    }
    return l;
  }

  private static boolean ours(String type) {
    return switch (type) {
      case "material.item-defined",
          "node.defined",
          "material.entered",
          "material.transferred",
          "material.received",
          "material.consumed",
          "material.loss-reported",
          "inspection.recorded",
          "epcis.capture" ->
          true;
      default -> false;
    };
  }

  /** The traced finds of {@code demil.item-reported}: one per line of {@code traced[]}. */
  private static List<Trace.TracedFind> tracedFinds(Event e, long index) {
    List<Trace.TracedFind> out = new ArrayList<>();
    for (var t : e.body().path("traced"))
      out.add(
          new Trace.TracedFind(
              e.text("id"),
              e.text("category"),
              e.party(),
              index,
              e.time(),
              t.get("item").asText(),
              t.get("consignment").asText()));
    return out;
  }

  @Override
  public List<Trace> traces() {
    List<Trace> out = new ArrayList<>();
    for (Trace.TracedFind f : traced) out.add(Trace.of(f, history, ledger));
    return out;
  }

  @Override
  public Rejection decide(Event e) {
    if (e.type().equals("demil.item-reported")) {
      for (Trace.TracedFind f : tracedFinds(e, -1))
        if (!ledger.hasConsignment(f.consignment(), f.item()))
          return Rejection.rule(
              MaterialRule.NO_SUCH_CONSIGNMENT,
              "no consignment \""
                  + f.consignment()
                  + "\" of item \""
                  + f.item()
                  + "\" entered; a find is traced to a material.entered on the log");
      return null;
    }
    if (!ours(e.type())) return null;
    if (e.type().equals("epcis.capture")) {
      Epcis.Read read = Epcis.read(e.body(), ledger);
      if (read.rejection() != null) return read.rejection();
      Rules.Draft draft = new Rules.Draft(ledger);
      for (int i = 0; i < read.facts().size(); i++) {
        Epcis.Mapped m = read.facts().get(i);
        Rejection r = rules.check(e.party(), m.fact(), draft);
        if (r != null) {
          int pos = read.eventOf()[i];
          String name =
              m.eventId() != null ? m.eventId() + " (position " + pos + ")" : "at position " + pos;
          return new Rejection(
              r.code(),
              "EPCIS event " + name + ": " + r.detail(),
              r.rule(),
              r.code() == ErrorCode.SCHEMA
                  ? r.field()
                  : "event.body.epcisBody.eventList[" + pos + "]");
        }
        draft.add(m.fact());
      }
      return null;
    }
    return rules.check(e.party(), fact(e), ledger);
  }

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    if (e.type().equals("demil.item-reported")) {
      traced.addAll(tracedFinds(e, entry.index()));
      return;
    }
    if (!ours(e.type())) return;
    if (e.type().equals("epcis.capture")) {
      Epcis.Read read = Epcis.read(e.body(), ledger);
      if (read.rejection() != null)
        throw new IllegalStateException(
            "materials cannot apply EPCIS document at entry "
                + entry.index()
                + ": "
                + read.rejection().detail());
      int sub = 0;
      for (Epcis.Mapped m : read.facts())
        apply(
            new Applied(
                entry.index(),
                sub++,
                m.time(),
                entry.received(),
                e.party(),
                m.fact(),
                bill(m.fact()),
                m.eventId(),
                m.offset()));
      return;
    }
    Fact f = fact(e);
    apply(
        new Applied(
            entry.index(), 0, e.time(), entry.received(), e.party(), f, bill(f), null, null));
  }

  /** Applies a fact directly, bypassing the log (benchmarks and tests of the ledger alone). */
  public void apply(Applied a) {
    ledger.apply(a);
    history.add(a);
  }

  @Override
  public void reset() {
    ledger = new Ledger(policy);
    history.clear();
    traced.clear();
  }

  /** Checks a fact as if {@code party} submitted it (benchmarks drive the projection directly). */
  public Rejection check(String party, Fact f) {
    return rules.check(party, f, ledger);
  }

  private Map<String, Long> bill(Fact f) {
    String project =
        switch (f) {
          case Fact.Consumed c -> c.project();
          case Fact.Inspected i -> i.project();
          default -> null;
        };
    if (project == null) return null;
    return rules.project(project).map(p -> billOf(p.materials())).orElse(Map.of());
  }

  /**
   * The fact a native event states; the parser has already checked the body against the catalogue.
   */
  static Fact fact(Event e) {
    JsonNode b = e.body();
    return switch (e.type()) {
      case "material.item-defined" ->
          new Fact.Item(
              e.text("code"),
              e.text("name"),
              e.text("unit"),
              b.path("dual_use").asBoolean(),
              e.text("gtin"));
      case "node.defined" ->
          new Fact.Node(
              e.text("id"),
              e.text("kind"),
              e.text("name"),
              b.path("location").path(0).asDouble(),
              b.path("location").path(1).asDouble(),
              e.text("gln"));
      case "material.entered" ->
          new Fact.Entered(
              e.text("consignment"),
              e.text("item"),
              b.path("quantity").asLong(),
              e.text("crossing"),
              e.text("to"),
              e.text("permit"));
      case "material.transferred" ->
          new Fact.Transferred(
              e.text("shipment"),
              e.text("item"),
              b.path("quantity").asLong(),
              e.text("from"),
              e.text("to"));
      case "material.received" ->
          new Fact.Received(e.text("shipment"), b.path("quantity").asLong());
      case "material.consumed" ->
          new Fact.Consumed(
              e.text("project"),
              e.text("item"),
              b.path("quantity").asLong(),
              b.path("progress").asInt());
      case "material.loss-reported" ->
          new Fact.Lost(
              e.text("at"),
              e.text("item"),
              b.path("quantity").asLong(),
              e.text("cause"),
              e.text("shipment"));
      case "inspection.recorded" ->
          new Fact.Inspected(e.text("project"), b.path("progress").asInt());
      default -> throw new IllegalArgumentException("not a materials event: " + e.type());
    };
  }

  /**
   * A bill of materials as a fact keeps it: sorted by item, so that a fact restored from a snapshot
   * renders as the one the log applied in any process (an immutable {@code Map.copyOf} iterates in
   * an order that differs between runs).
   */
  static Map<String, Long> billOf(Map<String, Long> materials) {
    if (materials == null) return null;
    if (materials.isEmpty()) return Map.of();
    TreeMap<String, Long> sorted = new TreeMap<>();
    materials.forEach((item, q) -> {
      if (q == null) throw new IllegalArgumentException("no quantity of " + item);
      sorted.put(item, q);
    });
    return Collections.unmodifiableMap(sorted);
  }

  // ---- Snapshotting --------------------------------------------------------------------------

  @Override
  public String snapshotName() {
    return "materials";
  }

  /** The applied facts and traced finds ({@link MaterialState}); the ledger is their fold. */
  @Override
  public byte[] save() {
    return SnapshotJson.write(MaterialState.of(history, traced));
  }

  /**
   * Reads back what {@link #save} wrote and refolds the ledger from its facts, checking each as the
   * ledger checks a fact from the log: a state whose facts do not fold (out of order, a movement of
   * an undefined item, stock going negative) is refused like bytes that are not a state at all.
   */
  @Override
  public void restore(byte[] state) {
    reset();
    try {
      MaterialState s = SnapshotJson.read(state, MaterialState.class);
      if (s.format() != MaterialState.FORMAT)
        throw new IllegalArgumentException(
            "materials snapshot format "
                + s.format()
                + "; this code reads format "
                + MaterialState.FORMAT);
      if (s.history() == null || s.traced() == null)
        throw new IllegalArgumentException("the materials snapshot lacks its history or finds");
      Ledger l = new Ledger(policy);
      List<Applied> h = new ArrayList<>(s.history().size());
      Applied last = null;
      for (MaterialState.AppliedState as : s.history()) {
        Applied a = as.applied();
        if (last != null
            && (a.index() < last.index() || a.index() == last.index() && a.sub() <= last.sub()))
          throw new IllegalArgumentException(
              "fact " + a.index() + "/" + a.sub() + " follows " + last.index() + "/" + last.sub());
        l.apply(a);
        h.add(a);
        last = a;
      }
      List<Trace.TracedFind> t = new ArrayList<>(s.traced().size());
      for (MaterialState.TracedState ts : s.traced()) {
        Trace.TracedFind f = ts.tracedFind();
        if (!t.isEmpty() && f.index() < t.getLast().index())
          throw new IllegalArgumentException(
              "traced find at entry " + f.index() + " follows one at " + t.getLast().index());
        t.add(f);
      }
      ledger = l;
      history.addAll(h);
      traced.addAll(t);
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException(
              "the materials snapshot does not fold: " + e.getMessage(), e);
    }
  }

  @Override
  public Instant latestTime() {
    return ledger.latestTime();
  }

  // ---- MaterialView: the current ledger --------------------------------------------------

  @Override
  public List<Fact.Node> nodes() {
    return ledger.nodes();
  }

  @Override
  public Optional<Fact.Node> node(String id) {
    return Optional.ofNullable(ledger.node(id));
  }

  @Override
  public Optional<Fact.Item> item(String code) {
    return Optional.ofNullable(ledger.item(code));
  }

  @Override
  public long movements() {
    return ledger.movements();
  }

  @Override
  public List<ShipmentView> shipments() {
    List<ShipmentView> out = new ArrayList<>();
    for (Ledger.Shipment s : ledger.shipments())
      out.add(
          new ShipmentView(
              s.id(),
              s.item(),
              s.from(),
              s.to(),
              s.quantity(),
              s.received(),
              s.lost(),
              s.outstanding()));
    return out;
  }

  @Override
  public List<Ledger.Balance> balances(String holder, String item) {
    return ledger.balances(holder, item);
  }

  @Override
  public List<Alert.View> alerts(Instant now) {
    return ledger.alerts(now);
  }
}
