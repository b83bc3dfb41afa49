package org.stabilis.material;

import static org.stabilis.web.Csv.row;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.log.LogService;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.web.ApiException;
import org.stabilis.web.Csv;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * HTTP reads of the materials module: catalogue, nodes, mass balance (now or as of a log index),
 * alerts, HXL-tagged CSV exports, and the movements as an EPCIS 2.0 query document.
 */
public final class MaterialRoutes {
  private static final int MAX_PAGE = 10_000;

  private final LogService log;
  private final MaterialProjection materials;
  private final ProjectView projects;

  public MaterialRoutes(LogService log, MaterialProjection materials, ProjectView projects) {
    this.log = log;
    this.materials = materials;
    this.projects = projects;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/materials/items", this::items);
    r.get("/api/v1/materials/nodes", this::nodes);
    r.get("/api/v1/materials/balance", ctx -> Http.json(ctx, balanceBody(ctx)));
    r.get("/api/v1/materials/balance.csv", ctx -> Csv.send(ctx, "balance.csv", balanceCsv(ctx)));
    r.get("/api/v1/materials/alerts", this::alertsBody);
    r.get(
        "/api/v1/materials/alerts.csv", ctx -> Csv.send(ctx, "alerts.csv", alertsCsv(alerts(ctx))));
    r.get("/api/v1/epcis/events", this::epcis);
    r.get("/api/v1/trace", this::trace);
  }

  void trace(Context ctx) {
    Page page = Page.of(ctx);
    Http.json(ctx, log.read(() -> traceJson(materials.traces(), page)));
  }

  /** Every traced find, on one page. */
  public static com.fasterxml.jackson.databind.node.ObjectNode traceJson(List<Trace> traces) {
    return traceJson(traces, new Page(Integer.MAX_VALUE, null));
  }

  /** Finds in the order reported, then the traced lines of one find in its order. */
  private static String traceKey(Trace t, int line) {
    return Page.oldestFirst(t.find().index()) + "." + String.format("%06d", line);
  }

  /**
   * {@code GET /api/v1/trace}: one page of the traced finds (in the order they were reported), each
   * with its consignment's entry, each movement after and the project it was meant for.
   */
  public static com.fasterxml.jackson.databind.node.ObjectNode traceJson(
      List<Trace> all, Page page) {
    // A find traced to two consignments is two lines of one entry: the line number keeps keys
    // distinct.
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      int line = 0;
      for (int j = i - 1; j >= 0 && all.get(j).find().index() == all.get(i).find().index(); j--)
        line++;
      keys.add(traceKey(all.get(i), line));
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) positions.add(i);
    Page.Slice<Integer> slice = page.slice(positions, keys::get);
    var out = org.stabilis.log.canonical.StrictJson.mapper().createObjectNode();
    var arr = out.putArray("traces");
    for (int pos : slice.items()) {
      Trace t = all.get(pos);
      var o = arr.addObject();
      o.put("find", t.find().find())
          .put("category", t.find().category())
          .put("reported_by", t.find().reportedBy())
          .put("index", t.find().index())
          .put("time", t.find().time().toString())
          .put("item", t.find().item())
          .put("consignment", t.find().consignment());
      if (t.entry() != null) o.set("entry", step(t.entry()));
      var m = o.putArray("movements");
      t.movements().forEach(s -> m.add(step(s)));
      if (t.meantFor() != null) o.put("meant_for", t.meantFor());
      else o.putNull("meant_for");
      t.projects().forEach(o.putArray("projects")::add);
    }
    Page.next(out, slice);
    return out;
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode step(Trace.Step s) {
    var o = org.stabilis.log.canonical.StrictJson.mapper().createObjectNode();
    o.put("kind", s.kind());
    if (s.from() != null) o.put("from", s.from());
    if (s.to() != null) o.put("to", s.to());
    o.put("quantity", s.quantity());
    if (s.reference() != null) o.put("reference", s.reference());
    o.put("index", s.index()).put("time", s.time().toString());
    return o;
  }

  void items(Context ctx) {
    Page page = Page.of(ctx);
    Page.Slice<Fact.Item> slice =
        log.read(() -> page.sortedSlice(List.copyOf(materials.ledger().items()), Fact.Item::code));
    List<Map<String, Object>> out =
        log.read(() -> {
          List<Map<String, Object>> l = new ArrayList<>();
          for (Fact.Item i : slice.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", i.code());
            m.put("name", i.name());
            m.put("unit", i.unit());
            m.put("dual_use", i.dualUse());
            if (i.gtin() != null) m.put("gtin", i.gtin());
            l.add(m);
          }
          return l;
        });
    Http.json(ctx, Page.answer("items", out, slice));
  }

  void nodes(Context ctx) {
    Page page = Page.of(ctx);
    Page.Slice<Fact.Node> slice =
        log.read(() -> page.sortedSlice(List.copyOf(materials.ledger().nodes()), Fact.Node::id));
    List<Map<String, Object>> out =
        log.read(() -> {
          List<Map<String, Object>> l = new ArrayList<>();
          for (Fact.Node n : slice.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("kind", n.kind());
            m.put("name", n.name());
            m.put("location", List.of(n.lon(), n.lat()));
            if (n.gln() != null) m.put("gln", n.gln());
            l.add(m);
          }
          return l;
        });
    Http.json(ctx, Page.answer("nodes", out, slice));
  }

  private record BalanceAnswer(long at, List<Ledger.Balance> rows) {}

  private BalanceAnswer balance(Context ctx) {
    String node = ctx.queryParam("node");
    String project = ctx.queryParam("project");
    if (node != null && project != null)
      throw ApiException.badRequest("give node or project, not both");
    String holder = node != null ? node : project;
    String item = ctx.queryParam("item");
    var asOf = org.stabilis.web.AsOf.size(ctx, log);
    return log.read(() -> {
      long at = asOf.orElse(log.size());
      Ledger l = asOf.isEmpty() ? materials.ledger() : materials.asOf(at);
      if (node != null && l.node(node) == null)
        throw ApiException.notFound("no node \"" + Http.abbreviate(node) + "\"");
      List<Ledger.Balance> rows =
          l.balances(holder, item).stream()
              .filter(b ->
                  (node == null || b.holderKind().equals("node"))
                      && (project == null || b.holderKind().equals("project")))
              .toList();
      return new BalanceAnswer(at, rows);
    });
  }

  private Map<String, Object> balanceBody(Context ctx) {
    Page page = Page.of(ctx);
    BalanceAnswer a = balance(ctx);
    Page.Slice<Ledger.Balance> slice =
        page.sortedSlice(a.rows(), b -> b.holder() + "\u0000" + b.item());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", a.at());
    m.putAll(
        Page.answer(
            "balances", slice.items().stream().map(MaterialRoutes::balanceJson).toList(), slice));
    return m;
  }

  private static Map<String, Object> balanceJson(Ledger.Balance b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("holder", b.holder());
    m.put("holder_kind", b.holderKind());
    m.put("item", b.item());
    m.put("entered", b.entered());
    m.put("received", b.received());
    m.put("transferred_out", b.transferredOut());
    m.put("consumed", b.consumed());
    m.put("lost", b.lost());
    m.put("stock", b.stock());
    m.put("in_transit_in", b.inTransitIn());
    return m;
  }

  private static Map<String, Object> alertJson(Alert.View a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("kind", a.kind());
    m.put("status", a.status());
    m.put("holder", a.holder());
    m.put("item", a.item());
    if (a.shipment() != null) m.put("shipment", a.shipment());
    m.put("raised_index", a.raisedIndex());
    m.put("raised_time", s(a.raisedTime()));
    m.put("resolved_index", a.resolvedIndex());
    m.put("resolved_time", a.resolvedTime() == null ? null : a.resolvedTime().toString());
    m.put("resolved_by", a.resolvedBy());
    m.put("events", a.events());
    m.put("detail", a.detail());
    return m;
  }

  private Instant alertsNow(Context ctx) {
    String now = ctx.queryParam("now");
    if (now == null) return log.read(materials::latestTime);
    try {
      return Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "query parameter \"now\" must be an RFC 3339 UTC time such as 2025-11-20T12:00:00Z");
    }
  }

  void alertsBody(Context ctx) {
    Page page = Page.of(ctx);
    Page.Slice<Alert.View> slice = page.sortedSlice(alerts(ctx), Alert.View::id);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("now", String.valueOf(alertsNow(ctx)));
    m.putAll(
        Page.answer(
            "alerts", slice.items().stream().map(MaterialRoutes::alertJson).toList(), slice));
    Http.json(ctx, m);
  }

  private List<Alert.View> alerts(Context ctx) {
    String status = ctx.queryParam("status");
    if (status != null && !status.equals("open") && !status.equals("resolved"))
      throw ApiException.badRequest("status must be open or resolved");
    String kind = ctx.queryParam("kind");
    Instant now = alertsNow(ctx);
    var asOf = org.stabilis.web.AsOf.size(ctx, log);
    return log
        .read(() ->
            asOf.isEmpty()
                ? materials.ledger().alerts(now)
                : materials.asOf(asOf.getAsLong()).alerts(now))
        .stream()
        .filter(a ->
            (status == null || a.status().equals(status))
                && (kind == null || a.kind().equals(kind)))
        .toList();
  }

  void epcis(Context ctx) {
    long per = Http.longParam(ctx, "perPage", 1000);
    if (per < 1 || per > MAX_PAGE)
      throw ApiException.badRequest("perPage must be in [1, " + MAX_PAGE + "]");
    long from = Http.longParam(ctx, "nextPageToken", 0);
    var doc =
        log.read(() -> {
          List<Applied> h = materials.history();
          List<Applied> page = new ArrayList<>();
          int i = (int) Math.min(from, h.size());
          for (; i < h.size() && page.size() < per; i++)
            if (isMovement(h.get(i).fact())) page.add(h.get(i));
          while (i < h.size() && !isMovement(h.get(i).fact())) i++;
          String next = i < h.size() ? Long.toString(i) : null;
          Instant created = materials.latestTime() != null ? materials.latestTime() : Instant.EPOCH;
          return Epcis.queryDocument(page, materials.ledger(), created, next);
        });
    // EPCIS 2.0 REST binding §12.7: further pages are announced by a Link header with
    // nextPageToken.
    if (doc.has(Epcis.EXT_PREFIX + ":nextPageToken"))
      ctx.header(
          "Link",
          "</api/v1/epcis/events?perPage="
              + per
              + "&nextPageToken="
              + doc.get(Epcis.EXT_PREFIX + ":nextPageToken").asText()
              + ">; rel=\"next\"");
    ctx.header("GS1-EPCIS-Version", "2.0.0");
    ctx.header("GS1-CBV-Version", "2.0.0");
    Http.json(ctx, doc);
    ctx.contentType("application/ld+json");
  }

  private static boolean isMovement(Fact f) {
    return !(f instanceof Fact.Item || f instanceof Fact.Node || f instanceof Fact.Inspected);
  }

  // ---- CSV with HXL hashtags (HXL 1.1: the hashtag row follows the header row) --------------

  private String balanceCsv(Context ctx) {
    BalanceAnswer a = balance(ctx);
    StringBuilder sb = new StringBuilder();
    row(
        sb,
        "Holder",
        "Holder kind",
        "Organisation",
        "Zone",
        "Item",
        "Item name",
        "Unit",
        "Dual use",
        "Entered",
        "Received",
        "Transferred out",
        "Consumed",
        "Lost",
        "Stock",
        "In transit to",
        "As of log index");
    // HXL 1.1: #adm1+code is a P-code of a first-level administrative area; a zone is an area the
    // mission defines, named by its own id, so it is a location tagged apart from the holder's.
    row(
        sb,
        "#loc+code",
        "#loc+type",
        "#org+impl",
        "#loc+zone+id",
        "#item+code",
        "#item+name",
        "#item+unit",
        "#item+dual_use",
        "#meta+qty+entered",
        "#meta+qty+received",
        "#meta+qty+transferred",
        "#meta+qty+consumed",
        "#meta+qty+lost",
        "#meta+qty+stock",
        "#meta+qty+transit",
        "#meta+index");
    Map<String, Fact.Item> items = new LinkedHashMap<>();
    log.read(() -> {
      materials.ledger().items().forEach(i -> items.put(i.code(), i));
      return null;
    });
    for (Ledger.Balance b : a.rows()) {
      Optional<ProjectView.ProjectInfo> p =
          b.holderKind().equals("project") ? projects.project(b.holder()) : Optional.empty();
      Fact.Item i = items.get(b.item());
      row(
          sb,
          b.holder(),
          b.holderKind(),
          p.map(ProjectView.ProjectInfo::implementer).orElse(""),
          p.map(ProjectView.ProjectInfo::zone).orElse(""),
          b.item(),
          i == null ? "" : i.name(),
          i == null ? "" : i.unit(),
          i == null ? "" : Boolean.toString(i.dualUse()),
          n(b.entered()),
          n(b.received()),
          n(b.transferredOut()),
          n(b.consumed()),
          n(b.lost()),
          n(b.stock()),
          n(b.inTransitIn()),
          n(a.at()));
    }
    return sb.toString();
  }

  private static String alertsCsv(List<Alert.View> alerts) {
    StringBuilder sb = new StringBuilder();
    row(
        sb,
        "Alert",
        "Kind",
        "Status",
        "Holder",
        "Item",
        "Shipment",
        "Raised at index",
        "Raised",
        "Resolved at index",
        "Resolved",
        "Resolved by",
        "Events",
        "Detail");
    row(
        sb,
        "#meta+id",
        "#meta+type",
        "#status",
        "#loc+code",
        "#item+code",
        "#meta+shipment",
        "#meta+index+raised",
        "#date+raised",
        "#meta+index+resolved",
        "#date+resolved",
        "#meta+resolved_by",
        "#meta+events",
        "#description");
    for (Alert.View a : alerts)
      row(
          sb,
          a.id(),
          a.kind(),
          a.status(),
          a.holder(),
          a.item(),
          s(a.shipment()),
          s(a.raisedIndex()),
          s(a.raisedTime()),
          s(a.resolvedIndex()),
          s(a.resolvedTime()),
          s(a.resolvedBy()),
          String.join(" ", a.events().stream().map(String::valueOf).toList()),
          a.detail());
    return sb.toString();
  }

  private static String n(long v) {
    return Long.toString(v);
  }

  private static String s(Object o) {
    return o == null ? "" : o.toString();
  }
}
