package org.stabilis.material;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stabilis.catalogue.Reference;
import org.stabilis.catalogue.Role;
import org.stabilis.log.Rejection;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.zone.ZoneView;

/**
 * The rules a materials fact must meet at submission (SPEC §4, §5), checked against a {@link
 * Stocks} so that the facts of one EPCIS document can be checked in order against a {@link Draft}
 * before any is applied. Pure: reads only its inputs.
 */
final class Rules {

  private final ProjectView projects;
  private final ZoneView zones;
  private final PartyRoles roles;

  Rules(ProjectView projects, ZoneView zones, PartyRoles roles) {
    this.projects = projects;
    this.zones = zones;
    this.roles = roles;
  }

  Optional<ProjectView.ProjectInfo> project(String id) {
    return projects.project(id);
  }

  /** Null when {@code party} may state {@code f} now; otherwise why not. */
  Rejection check(String party, Fact f, Stocks s) {
    return switch (f) {
      case Fact.Item i ->
          s.item(i.code()) != null
              ? Rejection.rule(
                  MaterialRule.ITEM_EXISTS,
                  "item \"" + i.code() + "\" is already defined; item codes are never reused")
              : null;
      case Fact.Node n ->
          s.node(n.id()) != null
              ? Rejection.rule(
                  MaterialRule.NODE_EXISTS,
                  "node \"" + n.id() + "\" is already defined; node ids are never reused")
              : null;
      case Fact.Entered e -> {
        Rejection r = firstOf(logistics(party, "record goods entering"), knownItem(s, e.item()));
        if (r != null) yield r;
        Fact.Node c = s.node(e.crossing());
        if (c == null || !c.crossing())
          yield Rejection.rule(
              MaterialRule.NOT_A_CROSSING,
              "\""
                  + e.crossing()
                  + "\" is not a crossing node; define it with node.defined kind crossing");
        if (s.node(e.to()) == null)
          yield Rejection.rule(
              MaterialRule.NO_SUCH_NODE,
              "goods enter into a node; \"" + e.to() + "\" is not a defined node");
        if (s.hasConsignment(e.consignment(), e.item()))
          yield Rejection.rule(
              MaterialRule.CONSIGNMENT_EXISTS,
              "consignment \"" + e.consignment() + "\" of " + e.item() + " was already entered");
        yield null;
      }
      case Fact.Transferred t -> {
        Rejection r =
            firstOf(
                logistics(party, "transfer material"),
                knownItem(s, t.item()),
                holder(s, t.from(), "from"),
                holder(s, t.to(), "to"));
        if (r != null) yield r;
        if (t.from().equals(t.to()))
          yield Rejection.rule(
              MaterialRule.SAME_HOLDER,
              "a transfer goes from one holder to another; from and to are both \""
                  + t.from()
                  + "\"");
        if (s.shipment(t.shipment()) != null)
          yield Rejection.rule(
              MaterialRule.SHIPMENT_EXISTS,
              "shipment \"" + t.shipment() + "\" already exists; use a new shipment id");
        if (s.node(t.to()) == null) {
          r = gate(s, t);
          if (r != null) yield r;
        }
        yield enough(s, t.from(), t.item(), t.quantity());
      }
      case Fact.Received r -> {
        Ledger.Shipment sh = s.shipment(r.shipment());
        if (sh == null)
          yield Rejection.rule(
              MaterialRule.NO_SUCH_SHIPMENT,
              "no shipment \"" + r.shipment() + "\" was transferred");
        if (sh.received() != null)
          yield Rejection.rule(
              MaterialRule.ALREADY_RECEIVED,
              "shipment \""
                  + r.shipment()
                  + "\" was already received ("
                  + sh.received()
                  + "); a shipment is received once");
        if (s.node(sh.to()) == null) {
          String impl = project(sh.to()).map(ProjectView.ProjectInfo::implementer).orElse(null);
          if (!party.equals(impl) && !roles.has(party, Role.LOGISTICS))
            yield Rejection.forbidden(
                "only logistics or the implementer of project \""
                    + sh.to()
                    + "\" may receive shipment \""
                    + sh.id()
                    + "\"");
        } else if (!roles.has(party, Role.LOGISTICS)) {
          yield Rejection.forbidden(
              "shipment \""
                  + sh.id()
                  + "\" goes to node \""
                  + sh.to()
                  + "\"; only logistics may receive it");
        }
        long left = sh.quantity() - sh.lost();
        if (r.quantity() > left)
          yield Rejection.rule(
              MaterialRule.RECEIPT_EXCEEDS_SHIPMENT,
              "shipment \""
                  + sh.id()
                  + "\" carried "
                  + left
                  + " "
                  + sh.item()
                  + "; "
                  + r.quantity()
                  + " cannot have arrived");
        yield null;
      }
      case Fact.Consumed c -> {
        Optional<ProjectView.ProjectInfo> p = project(c.project());
        if (p.isEmpty())
          yield Rejection.rule(
              Reference.NO_SUCH_PROJECT, "no project \"" + c.project() + "\" is registered");
        if (!party.equals(p.get().implementer()))
          yield Rejection.forbidden(
              "a party acts only for itself: consumption at project \""
                  + c.project()
                  + "\" is reported by its implementer \""
                  + p.get().implementer()
                  + "\"");
        Rejection r = knownItem(s, c.item());
        yield r != null ? r : enough(s, c.project(), c.item(), c.quantity());
      }
      case Fact.Lost l -> {
        Rejection r = firstOf(knownItem(s, l.item()), holder(s, l.at(), "at"));
        if (r != null) yield r;
        if (s.node(l.at()) == null) {
          String impl = project(l.at()).map(ProjectView.ProjectInfo::implementer).orElse(null);
          if (!party.equals(impl) && !roles.has(party, Role.LOGISTICS))
            yield Rejection.forbidden(
                "a party acts only for itself: losses at project \""
                    + l.at()
                    + "\" are reported by its implementer or by logistics");
        } else if (!roles.has(party, Role.LOGISTICS)) {
          yield Rejection.forbidden("losses at node \"" + l.at() + "\" are reported by logistics");
        }
        if (l.shipment() == null) yield enough(s, l.at(), l.item(), l.quantity());
        Ledger.Shipment sh = s.shipment(l.shipment());
        if (sh == null)
          yield Rejection.rule(
              MaterialRule.NO_SUCH_SHIPMENT,
              "no shipment \"" + l.shipment() + "\" was transferred");
        if (!sh.item().equals(l.item()) || !(sh.from().equals(l.at()) || sh.to().equals(l.at())))
          yield Rejection.rule(
              MaterialRule.NOT_IN_SHIPMENT,
              "shipment \""
                  + sh.id()
                  + "\" carried "
                  + sh.item()
                  + " from "
                  + sh.from()
                  + " to "
                  + sh.to()
                  + "; a loss in it names that item and one of those holders");
        if (l.quantity() > sh.outstanding())
          yield Rejection.rule(
              MaterialRule.LOSS_EXCEEDS_SHIPMENT,
              "only "
                  + sh.outstanding()
                  + " "
                  + sh.item()
                  + " of shipment \""
                  + sh.id()
                  + "\" is unaccounted for");
        yield null;
      }
      case Fact.Inspected i ->
          project(i.project()).isEmpty()
              ? Rejection.rule(
                  Reference.NO_SUCH_PROJECT, "no project \"" + i.project() + "\" is registered")
              : null;
    };
  }

  /** SPEC §5: material goes only to approved projects in zones that are not suspended. */
  private Rejection gate(Stocks s, Fact.Transferred t) {
    ProjectView.ProjectInfo p = project(t.to()).orElseThrow();
    if (!p.approved())
      return Rejection.rule(
          MaterialRule.PROJECT_NOT_APPROVED,
          "project \"" + p.id() + "\" is not approved; material goes only to approved projects");
    if (!zones.exists(p.zone()))
      return Rejection.rule(
          Reference.NO_SUCH_ZONE,
          "project \"" + p.id() + "\" lies in zone \"" + p.zone() + "\", which is not defined");
    if (zones.status(p.zone()).orElse(null) == ZoneView.Status.SUSPENDED)
      return Rejection.rule(
          MaterialRule.ZONE_SUSPENDED,
          "zone \""
              + p.zone()
              + "\" of project \""
              + p.id()
              + "\" is suspended; no material goes there until it is certified again");
    var restricted = zones.restriction(p.zone(), t.item());
    if (restricted.isPresent())
      return Rejection.rule(MaterialRule.RESTRICTED_ITEM, restricted.get());
    if (s.item(t.item()).dualUse() && !p.materials().containsKey(t.item()))
      return Rejection.rule(
          MaterialRule.NOT_IN_BILL,
          "dual-use item "
              + t.item()
              + " is not in the bill of materials of project \""
              + p.id()
              + "\"");
    return null;
  }

  private Rejection logistics(String party, String what) {
    return roles.has(party, Role.LOGISTICS)
        ? null
        : Rejection.forbidden("only a logistics party may " + what);
  }

  private static Rejection knownItem(Stocks s, String item) {
    return s.item(item) == null
        ? Rejection.rule(
            Reference.NO_SUCH_ITEM,
            "item \""
                + item
                + "\" is not in the catalogue; the coordinator defines it with material.item-defined")
        : null;
  }

  private Rejection holder(Stocks s, String id, String field) {
    if (s.node(id) != null || project(id).isPresent()) return null;
    return Rejection.rule(
        MaterialRule.NO_SUCH_HOLDER,
        field + " \"" + id + "\" is neither a defined node nor a registered project");
  }

  private static Rejection enough(Stocks s, String holder, String item, long quantity) {
    long have = s.stock(holder, item);
    return quantity > have
        ? Rejection.rule(
            MaterialRule.INSUFFICIENT_STOCK,
            holder
                + " holds "
                + have
                + " "
                + item
                + "; "
                + quantity
                + " cannot leave it (stock never goes negative)")
        : null;
  }

  private static Rejection firstOf(Rejection... rs) {
    for (Rejection r : rs) if (r != null) return r;
    return null;
  }

  /**
   * The ledger plus the facts of a document checked so far, so that later facts of the same
   * document see the stock and shipments the earlier ones would leave. Changes nothing underneath.
   */
  static final class Draft implements Stocks {
    private final Stocks base;
    private final Map<String, Long> delta = new HashMap<>();
    private final Map<String, Ledger.Shipment> shipments = new HashMap<>();
    private final Map<String, Fact.Item> items = new HashMap<>();
    private final Map<String, Fact.Node> nodes = new HashMap<>();
    private final Set<String> consignments = new HashSet<>();

    Draft(Stocks base) {
      this.base = base;
    }

    @Override
    public Fact.Item item(String code) {
      Fact.Item i = items.get(code);
      return i != null ? i : base.item(code);
    }

    @Override
    public Fact.Node node(String id) {
      Fact.Node n = nodes.get(id);
      return n != null ? n : base.node(id);
    }

    @Override
    public long stock(String holder, String item) {
      return base.stock(holder, item) + delta.getOrDefault(holder + '\u0000' + item, 0L);
    }

    @Override
    public Ledger.Shipment shipment(String id) {
      Ledger.Shipment s = shipments.get(id);
      return s != null ? s : base.shipment(id);
    }

    @Override
    public boolean hasConsignment(String consignment, String item) {
      return consignments.contains(consignment + '\u0000' + item)
          || base.hasConsignment(consignment, item);
    }

    void add(Fact f) {
      switch (f) {
        case Fact.Item i -> items.put(i.code(), i);
        case Fact.Node n -> nodes.put(n.id(), n);
        case Fact.Entered e -> {
          consignments.add(e.consignment() + '\u0000' + e.item());
          move(e.to(), e.item(), e.quantity());
        }
        case Fact.Transferred t -> {
          move(t.from(), t.item(), -t.quantity());
          shipments.put(
              t.shipment(),
              new Ledger.Shipment(
                  t.shipment(),
                  t.item(),
                  t.quantity(),
                  t.from(),
                  t.to(),
                  -1,
                  java.time.Instant.EPOCH));
        }
        case Fact.Received r -> {
          Ledger.Shipment s = own(r.shipment());
          s.received = r.quantity();
          move(s.to(), s.item(), r.quantity());
        }
        case Fact.Consumed c -> move(c.project(), c.item(), -c.quantity());
        case Fact.Lost l -> {
          if (l.shipment() == null) move(l.at(), l.item(), -l.quantity());
          else own(l.shipment()).lost += l.quantity();
        }
        case Fact.Inspected i -> {}
      }
    }

    private Ledger.Shipment own(String id) {
      return shipments.computeIfAbsent(id, k -> base.shipment(k).copy());
    }

    private void move(String holder, String item, long q) {
      delta.merge(holder + '\u0000' + item, q, Long::sum);
    }
  }
}
