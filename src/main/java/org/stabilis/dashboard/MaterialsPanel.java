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
    h.el("h2", "Materials", "id", "materials-h");
    log.read(() -> {
      MaterialView l = materials;
      // The API's alerts default to the latest time the facts state, so that a replayed log answers
      // alike.
      Instant now = materials.latestTime();
      List<Alert.View> open =
          l.alerts(now).stream().filter(a -> a.status().equals("open")).toList();
      h.open("dl", "class", "figures", "id", "materials-figures");
      h.open("div", "data-figure", "nodes")
          .el("dt", "Crossings and warehouses")
          .el("dd", l.nodes().size())
          .close("div");
      h.open("div", "data-figure", "movements")
          .el("dt", "Movements")
          .el("dd", l.movements())
          .close("div");
      h.open("div", "data-figure", "open-alerts")
          .el("dt", "Open alerts")
          .el("dd", open.size())
          .close("div");
      h.close("dl");
      h.open("p")
          .text("Export (CSV with HXL hashtags): ")
          .el(
              "a",
              "stock and balance",
              "href",
              "/api/v1/materials/balance.csv",
              "download",
              "balance.csv")
          .text(" · ")
          .el("a", "alerts", "href", "/api/v1/materials/alerts.csv", "download", "alerts.csv")
          .close("p");

      h.el("h3", "Open alerts");
      h.open("table", "class", "data", "id", "alert-table")
          .el("caption", "Open alerts and the log entries behind each");
      h.raw(
          "<thead><tr><th scope=col>Kind</th><th scope=col>Holder</th><th scope=col>Item</th><th scope=col>Detail</th>"
              + "<th scope=col>Log entries</th></tr></thead><tbody>");
      for (Alert.View a : open)
        h.open("tr", "data-alert", a.id())
            .el("td", a.kind())
            .el("td", a.holder())
            .el("td", a.item())
            .el("td", a.detail())
            .el("td", String.join(", ", a.events().stream().map(String::valueOf).toList()))
            .close("tr");
      if (open.isEmpty()) h.raw("<tr><td colspan=5>No open alert.</td></tr>");
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
      h.el("h3", "Flows: crossings → warehouses → projects");
      h.open("table", "class", "data", "id", "flow-table")
          .el("caption", "Shipments summed by leg and item (quantities in the item's unit)");
      h.raw(
          "<thead><tr><th scope=col>From</th><th scope=col>To</th><th scope=col>Item</th><th scope=col class=num>Shipments</th>"
              + "<th scope=col class=num>Shipped</th><th scope=col class=num>Received</th><th scope=col class=num>Lost</th>"
              + "<th scope=col class=num>In transit</th></tr></thead><tbody>");
      flows.forEach((k, f) -> {
        h.open("tr")
            .el("td", label(l, k.from()))
            .el("td", label(l, k.to()))
            .el("td", withUnit(l, k.item()))
            .el("td", f.shipments, "class", "num")
            .el("td", f.shipped, "class", "num")
            .el("td", f.received, "class", "num")
            .el("td", f.lost, "class", "num")
            .el("td", f.outstanding, "class", "num")
            .close("tr");
      });
      if (flows.isEmpty()) h.raw("<tr><td colspan=8>No shipment yet.</td></tr>");
      h.raw("</tbody></table>");

      h.el("h3", "Stock by node");
      h.open("table", "class", "data", "id", "stock-table")
          .el(
              "caption",
              "Entered + received − transferred out − consumed − lost = stock (SPEC §5)");
      h.raw(
          "<thead><tr><th scope=col>Node</th><th scope=col>Item</th><th scope=col class=num>Entered</th><th scope=col class=num>Received</th>"
              + "<th scope=col class=num>Transferred out</th><th scope=col class=num>Consumed</th><th scope=col class=num>Lost</th>"
              + "<th scope=col class=num>Stock</th></tr></thead><tbody>");
      for (Ledger.Balance b : l.balances(null, null)) {
        if (!b.holderKind().equals("node")) continue;
        h.open("tr", "data-holder", b.holder(), "data-item", b.item())
            .el("th", label(l, b.holder()), "scope", "row")
            .el("td", withUnit(l, b.item()))
            .el("td", b.entered(), "class", "num")
            .el("td", b.received(), "class", "num")
            .el("td", b.transferredOut(), "class", "num")
            .el("td", b.consumed(), "class", "num")
            .el("td", b.lost(), "class", "num")
            .el("td", b.stock(), "class", "num stock")
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
    h.el("h3", "Finds traced to aid (" + all.size() + ")");
    h.open("table", "class", "data", "id", "trace-table")
        .el(
            "caption",
            "Each find traced to a consignment: where it entered, each movement of that item after"
                + " it, and the project it was meant for (stock is fungible: paths it may have taken)"
                + (all.size() > shown.size()
                    ? "; the newest " + shown.size() + ", the rest through GET /api/v1/trace"
                    : ""));
    h.raw(
        "<thead><tr><th scope=col>Find</th><th scope=col>Consignment</th><th scope=col>Path</th>"
            + "<th scope=col>Meant for</th></tr></thead><tbody>");
    for (Trace t : shown) {
      Trace.TracedFind f = t.find();
      h.open("tr", "data-trace", f.find() + "/" + f.consignment())
          .el(
              "td",
              f.find() + " (" + f.category() + ", " + f.reportedBy() + ", entry " + f.index() + ")")
          .el("td", f.consignment() + " of " + withUnit(l, f.item()));
      h.open("td").open("ol", "class", "trace-path");
      if (t.entry() == null) h.el("li", "its entry is not on the log");
      else h.el("li", step(l, t.entry()));
      for (Trace.Step s : t.movements()) h.el("li", step(l, s));
      h.close("ol").close("td");
      h.el("td", t.meantFor() == null ? "no project reached" : t.meantFor(), "class", "meant-for");
      h.close("tr");
    }
    if (all.isEmpty()) h.raw("<tr><td colspan=4>No find is traced to a consignment.</td></tr>");
    h.raw("</tbody></table>");
  }

  /** One step of a path, as a sentence: what, from where to where, how much, which entry. */
  private static String step(MaterialView l, Trace.Step s) {
    String what =
        switch (s.kind()) {
          case "entered" -> "entered at " + label(l, s.from()) + " into " + label(l, s.to());
          case "transferred" -> "sent from " + label(l, s.from()) + " to " + label(l, s.to());
          case "received" -> "received";
          case "consumed" -> "consumed at " + label(l, s.from());
          case "lost" -> "lost at " + label(l, s.from());
          default -> s.kind();
        };
    return what
        + ": "
        + s.quantity()
        + (s.reference() == null ? "" : " [" + s.reference() + "]")
        + " (entry "
        + s.index()
        + ", "
        + Panels.TIME.format(s.time())
        + ")";
  }

  /** Sort key putting crossing legs first, then warehouse legs, then deliveries to projects. */
  private static int stage(MaterialView l, String from, String to) {
    if (l.node(from).map(Fact.Node::crossing).orElse(false)) return 0;
    return l.node(to).isPresent() ? 1 : 2;
  }

  private static String label(MaterialView l, String holder) {
    return l.node(holder).map(n -> n.name() + " (" + n.kind() + ")").orElse(holder + " (project)");
  }

  /** An item code with its base unit, e.g. "cement (kg)": quantities are integers in that unit. */
  private static String withUnit(MaterialView l, String code) {
    return l.item(code).map(item -> code + " (" + item.unit() + ")").orElse(code);
  }
}
