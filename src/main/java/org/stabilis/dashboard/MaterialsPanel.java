package org.stabilis.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stabilis.log.LogService;
import org.stabilis.material.Alert;
import org.stabilis.material.Fact;
import org.stabilis.material.Ledger;
import org.stabilis.material.MaterialView;
import org.stabilis.material.Trace;

/**
 * Materials: the flows from crossings through warehouses to projects, stock by node, and the open
 * alerts with the log entries behind each, as the materials API answers them.
 */
final class MaterialsPanel {
  private final LogService log;
  private final MaterialView materials;

  MaterialsPanel(LogService log, MaterialView materials) {
    this.log = log;
    this.materials = materials;
  }

  private record Leg(int stage, String from, String to, String item) {}

  private static final java.util.Comparator<Leg> LEG_ORDER =
      java.util.Comparator.comparingInt(Leg::stage)
          .thenComparing(Leg::from)
          .thenComparing(Leg::to)
          .thenComparing(Leg::item);

  /** Shipments summed by leg and item. */
  private static final class Flow {
    int shipments;
    long shipped, received, lost, outstanding;
  }

  String render() {
    Html h = new Html();
    h.open(
        "section",
        "id",
        "materials",
        "class",
        "panel",
        "aria-labelledby",
        "materials-h",
        "hx-get",
        "/dashboard/panel/materials",
        "hx-trigger",
        "logchanged from:body",
        "hx-swap",
        "outerHTML");
    h.msg("h2", Msg.of("page.nav.materials"), "id", "materials-h");
    log.read(() -> {
      MaterialView l = materials;
      // The API's alerts default to the latest time the facts state, so that a replayed log answers
      // alike.
      Instant now = materials.latestTime();
      List<Alert.View> open =
          l.alerts(now).stream().filter(a -> a.status().equals("open")).toList();
      h.open("dl", "class", "figures", "id", "materials-figures");
      h.open("div", "data-figure", "nodes")
          .msg("dt", Msg.of("dash.materials.nodes"))
          .num("dd", l.nodes().size())
          .close("div");
      h.open("div", "data-figure", "movements")
          .msg("dt", Msg.of("dash.materials.movements"))
          .num("dd", l.movements())
          .close("div");
      h.open("div", "data-figure", "open-alerts")
          .msg("dt", Msg.of("dash.materials.open-alerts"))
          .num("dd", open.size())
          .close("div");
      h.close("dl");
      h.open("p")
          .msg("span", Msg.of("dash.export"))
          .text(" ")
          .msg(
              "a",
              Msg.of("dash.materials.export-balance"),
              "href",
              "/api/v1/materials/balance.csv",
              "download",
              "balance.csv")
          .text(" · ")
          .msg(
              "a",
              Msg.of("dash.materials.export-alerts"),
              "href",
              "/api/v1/materials/alerts.csv",
              "download",
              "alerts.csv")
          .close("p");

      h.msg("h3", Msg.of("dash.materials.open-alerts"));
      h.open("table", "class", "data", "id", "alert-table")
          .msg("caption", Msg.of("dash.alerts.caption"));
      h.head(
              "dash.col.kind",
              "dash.col.holder",
              "dash.col.item",
              "dash.col.detail",
              "dash.col.entries")
          .raw("<tbody>");
      for (Alert.View a : open) {
        h.open("tr", "data-alert", a.id());
        Panels.label(h, "td", "alert.", a.kind());
        h.el("td", a.holder())
            .el("td", a.item())
            .el("td", a.detail())
            .open("td")
            .raw(Panels.indices(a.events()))
            .close("td")
            .close("tr");
      }
      if (open.isEmpty()) h.emptyRow(5, Msg.of("dash.alerts.none"));
      h.raw("</tbody></table>");

      traces(h, l);

      Map<Leg, Flow> flows = new TreeMap<>(LEG_ORDER);
      for (MaterialView.ShipmentView s : l.shipments()) {
        Flow f =
            flows.computeIfAbsent(
                new Leg(stage(l, s.from(), s.to()), s.from(), s.to(), s.item()), k -> new Flow());
        f.shipments++;
        f.shipped += s.quantity();
        f.received += s.received() == null ? 0 : s.received();
        f.lost += s.lost();
        f.outstanding += s.outstanding();
      }
      h.msg("h3", Msg.of("dash.flows.h"));
      h.open("table", "class", "data", "id", "flow-table")
          .msg("caption", Msg.of("dash.flows.caption"));
      h.head(
              "dash.col.from",
              "dash.col.to",
              "dash.col.item",
              "#dash.col.shipments",
              "#dash.col.shipped",
              "#dash.col.received",
              "#dash.col.lost",
              "#dash.col.in-transit")
          .raw("<tbody>");
      flows.forEach((k, f) -> {
        h.open("tr")
            .msg("td", label(l, k.from()))
            .msg("td", label(l, k.to()))
            .msg("td", withUnit(l, k.item()))
            .num("td", f.shipments, "class", "num")
            .num("td", f.shipped, "class", "num")
            .num("td", f.received, "class", "num")
            .num("td", f.lost, "class", "num")
            .num("td", f.outstanding, "class", "num")
            .close("tr");
      });
      if (flows.isEmpty()) h.emptyRow(8, Msg.of("dash.flows.none"));
      h.raw("</tbody></table>");

      h.msg("h3", Msg.of("dash.stock.h"));
      h.open("table", "class", "data", "id", "stock-table")
          .msg("caption", Msg.of("dash.stock.caption"));
      h.head(
              "dash.col.node",
              "dash.col.item",
              "#dash.col.entered",
              "#dash.col.received",
              "#dash.col.transferred-out",
              "#dash.col.consumed",
              "#dash.col.lost",
              "#dash.col.stock")
          .raw("<tbody>");
      for (Ledger.Balance b : l.balances(null, null)) {
        if (!b.holderKind().equals("node")) continue;
        h.open("tr", "data-holder", b.holder(), "data-item", b.item())
            .msg("th", label(l, b.holder()), "scope", "row")
            .msg("td", withUnit(l, b.item()))
            .num("td", b.entered(), "class", "num")
            .num("td", b.received(), "class", "num")
            .num("td", b.transferredOut(), "class", "num")
            .num("td", b.consumed(), "class", "num")
            .num("td", b.lost(), "class", "num")
            .num("td", b.stock(), "class", "num stock")
            .close("tr");
      }
      h.raw("</tbody></table>");
      return null;
    });
    return h.close("section").toString();
  }

  /** Traced finds listed on the panel, newest first; the map draws the API's first page. */
  static final int TRACES_SHOWN = 50;

  /**
   * The diversion trace (SPEC §5) as text: each traced find, its consignment, the path it may have
   * taken from the crossing and the project it was meant for. The map draws the same paths.
   */
  private static void traces(Html h, MaterialView l) {
    List<Trace> all = l.traces();
    List<Trace> shown = all.reversed().subList(0, Math.min(all.size(), TRACES_SHOWN));
    h.msg("h3", Msg.of("dash.trace.h", "count", all.size()));
    h.open("table", "class", "data", "id", "trace-table")
        .msg(
            "caption",
            all.size() > shown.size()
                ? Msg.of("dash.trace.caption-more", "shown", shown.size(), "count", all.size())
                : Msg.of("dash.trace.caption"));
    h.head("dash.col.find", "dash.col.consignment", "dash.col.path", "dash.col.meant-for")
        .raw("<tbody>");
    for (Trace t : shown) {
      Trace.TracedFind f = t.find();
      h.open("tr", "data-trace", f.find() + "/" + f.consignment())
          .msg(
              "td",
              Msg.of(
                  "dash.trace.find",
                  "find",
                  f.find(),
                  "category",
                  Msg.value("value.", f.category()),
                  "party",
                  f.reportedBy(),
                  "index",
                  f.index()))
          .msg(
              "td",
              Msg.of(
                  "dash.trace.consignment",
                  "consignment",
                  f.consignment(),
                  "item",
                  withUnit(l, f.item())));
      h.open("td").open("ol", "class", "trace-path");
      if (t.entry() == null) h.msg("li", Msg.of("dash.trace.no-entry"));
      else h.msg("li", step(l, t.entry()));
      for (Trace.Step s : t.movements()) h.msg("li", step(l, s));
      h.close("ol").close("td");
      if (t.meantFor() == null) h.msg("td", Msg.of("dash.trace.no-project"), "class", "meant-for");
      else h.el("td", t.meantFor(), "class", "meant-for");
      h.close("tr");
    }
    if (all.isEmpty()) h.emptyRow(4, Msg.of("dash.trace.none"));
    h.raw("</tbody></table>");
  }

  /** One step of a path, as a sentence: what, from where to where, how much, which entry. */
  private static Msg step(MaterialView l, Trace.Step s) {
    return Msg.of(
        "dash.trace." + s.kind(),
        "from",
        s.from() == null ? "" : label(l, s.from()),
        "to",
        s.to() == null ? "" : label(l, s.to()),
        "quantity",
        s.quantity(),
        "reference",
        s.reference() == null ? "" : " [" + s.reference() + "]",
        "index",
        s.index(),
        "time",
        s.time());
  }

  /** Sort key putting crossing legs first, then warehouse legs, then deliveries to projects. */
  private static int stage(MaterialView l, String from, String to) {
    if (l.node(from).map(Fact.Node::crossing).orElse(false)) return 0;
    return l.node(to).isPresent() ? 1 : 2;
  }

  private static Msg label(MaterialView l, String holder) {
    return l.node(holder)
        .map(n -> Msg.of("dash.holder", "name", n.name(), "kind", Msg.value("value.", n.kind())))
        .orElse(Msg.of("dash.holder.project", "name", holder));
  }

  /** An item code with its base unit, e.g. "cement (kg)": quantities are integers in that unit. */
  private static Msg withUnit(MaterialView l, String code) {
    return l.item(code)
        .map(item -> Msg.of("dash.item-unit", "item", code, "unit", item.unit()))
        .orElse(Msg.of("dash.item", "item", code));
  }
}
