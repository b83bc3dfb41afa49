package org.stabilis.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Role;
import org.stabilis.force.Coverage;
import org.stabilis.force.CoverageView;
import org.stabilis.force.Eligibility;
import org.stabilis.force.Pledge;
import org.stabilis.force.Readiness;
import org.stabilis.incident.IncidentLog;
import org.stabilis.incident.IncidentView;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.store.LogStore.StoredCheckpoint;
import org.stabilis.log.witness.CosignedCheckpoints;
import org.stabilis.log.witness.Witnessing;
import org.stabilis.party.PartyRegistry;
import org.stabilis.party.PartyView;
import org.stabilis.reconstruction.ProjectListing;
import org.stabilis.reconstruction.Projects;
import org.stabilis.zone.ZoneBook;
import org.stabilis.zone.ZoneListing;

/**
 * The dashboard's panels as HTML fragments, each read from the projections in one consistent read.
 * A panel is rendered the same way in the first page and when htmx refreshes it, so what the first
 * page shows and what a refresh shows cannot drift apart.
 */
final class Panels {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final LogService log;
  private final ZoneListing zones;
  private final IncidentView incidents;

  /** Incidents listed on the map panel; the map itself draws the newest page of the API. */
  static final int INCIDENTS_SHOWN = 50;

  private final ProjectListing projects;
  private final CoverageView coverage;
  private final PartyView parties;
  private final Clock clock;
  private final java.util.Optional<Witnessing> witnessing;

  Panels(
      LogService log,
      ZoneListing zones,
      IncidentView incidents,
      ProjectListing projects,
      CoverageView coverage,
      PartyView parties,
      Clock clock,
      java.util.Optional<Witnessing> witnessing) {
    this.witnessing = witnessing;
    this.log = log;
    this.zones = zones;
    this.incidents = incidents;
    this.projects = projects;
    this.coverage = coverage;
    this.parties = parties;
    this.clock = clock;
  }

  /** Opens a panel section that htmx re-fetches whenever the pulse reports a new log size. */
  private static void section(Html h, String id, Msg title) {
    h.open(
        "section",
        "id",
        id,
        "class",
        "panel",
        "aria-labelledby",
        id + "-h",
        "hx-get",
        "/dashboard/panel/" + id,
        "hx-trigger",
        "logchanged from:body",
        "hx-swap",
        "outerHTML");
    h.msg("h2", title, "id", id + "-h");
  }

  /** A value the reader may not read (SPEC §2.10), in the reader's language. */
  static void concealed(Html h, String tag) {
    h.msg(tag, Msg.of("dash.concealed"), "class", "concealed");
  }

  // ---- map: zones and incidents as text (the map itself is drawn by the browser) --------------

  /**
   * Zones and incidents as tables; a concealed incident summary (SPEC §2.10) only for a reader
   * entitled to it.
   */
  String mapLists(Reader reader) {
    Html h = new Html();
    h.open(
        "div",
        "id",
        "map-lists",
        "hx-get",
        "/dashboard/panel/map-lists",
        "hx-trigger",
        "logchanged from:body",
        "hx-swap",
        "outerHTML");
    log.read(() -> {
      h.msg("h3", Msg.of("dash.zones.h"));
      h.open("table", "class", "data", "id", "zone-table")
          .msg("caption", Msg.of("dash.zones.caption"));
      h.head(
              "dash.col.zone",
              "dash.col.status",
              "dash.col.controller",
              "#dash.col.reported-items",
              "#dash.col.verified",
              "#dash.col.decommissioned-share")
          .raw("<tbody>");
      for (ZoneListing.Summary z : zones.summaries()) {
        ZoneBook.Figures t = z.totals();
        Double share = z.share();
        h.open("tr", "data-zone", z.id());
        h.open("th", "scope", "row")
            .el(
                "button",
                z.name(),
                "type",
                "button",
                "class",
                "linklike",
                "hx-get",
                "/dashboard/zone/" + z.id(),
                "hx-target",
                "#zone-detail",
                "hx-swap",
                "innerHTML")
            .close("th");
        statusCell(h, zones.statusOn(z.id(), clock.instant()).orElse(z.status()).wire());
        h.el("td", z.controller());
        h.num("td", t.reported(), "class", "num").num("td", t.verified(), "class", "num");
        h.msg("td", share(share, "dash.no-estimate"), "class", "num");
        h.close("tr");
      }
      h.raw("</tbody></table>");
      // Bounded whatever the log's length: the newest incidents, and the API pages through the
      // rest.
      List<IncidentLog.Incident> list =
          incidents.newest(
              new IncidentLog.Filter(null, null, null, null), Long.MAX_VALUE, INCIDENTS_SHOWN);
      int all = incidents.count();
      h.msg("h3", Msg.of("dash.incidents.h", "count", all));
      h.open("table", "class", "data", "id", "incident-table")
          .msg(
              "caption",
              all > list.size()
                  ? Msg.of("dash.incidents.caption-newest", "shown", list.size(), "all", all)
                  : Msg.of("dash.incidents.caption"));
      h.head(
              "dash.col.id",
              "dash.col.category",
              "#dash.col.severity",
              "dash.col.zone",
              "dash.col.time",
              "dash.col.summary")
          .raw("<tbody>");
      for (IncidentLog.Incident i : list) {
        h.open("tr", "data-incident", i.id());
        h.el("td", i.id());
        label(h, "td", "value.", i.category());
        h.num("td", i.severity(), "class", "num");
        if (i.zone() == null) h.msg("td", Msg.of("dash.outside-zones"));
        else h.el("td", i.zone());
        h.open("td").time(i.time()).close("td");
        if (reader.reads(i.concealed(), "summary")) h.el("td", i.summary());
        else concealed(h, "td");
        h.close("tr");
      }
      h.raw("</tbody></table>");
      return null;
    });
    return h.close("div").toString();
  }

  static void statusCell(Html h, String status) {
    h.open("td");
    label(h, "span", "status.", status, "class", "status status-" + status);
    h.close("td");
  }

  /**
   * A value from the log (a status, a category, a kind) by its label in the catalogue, or as it is
   * where the catalogue has none.
   */
  static void label(Html h, String tag, String prefix, String value, String... attrs) {
    if (Msg.value(prefix, value) instanceof Msg m) h.msg(tag, m, attrs);
    else h.el(tag, value, attrs);
  }

  /**
   * Log indices as a list that reads left to right in every language (an isolate, HTML §4.5.24).
   */
  static String indices(List<Long> indices) {
    return new Html()
        .el("bdi", String.join(", ", indices.stream().map(String::valueOf).toList()), "dir", "ltr")
        .toString();
  }

  /** A share in percent, or {@code none} where there is nothing to divide by. */
  static Msg share(Double share, String none) {
    return share == null ? Msg.of(none) : Msg.of("dash.percent", "n", share);
  }

  /**
   * A zone's figures, status history and the evidence digests behind each change, as this reader
   * may read them.
   */
  String zoneDetail(String id, Reader reader) {
    Html h = new Html();
    boolean found =
        log.read(() -> {
          var oz = zones.summary(id);
          if (oz.isEmpty()) return false;
          ZoneListing.Summary z = oz.get();
          h.el("h3", z.name(), "id", "zone-detail-h", "tabindex", "-1");
          String shown = zones.statusOn(z.id(), clock.instant()).orElse(z.status()).wire();
          h.open("p").msg("span", Msg.of("dash.zone.status")).text(" ");
          label(h, "span", "status.", shown, "class", "status status-" + shown);
          h.text(" · ")
              .msg(
                  "span",
                  Msg.of(
                      "dash.zone.controller", "controller", z.controller(), "index", z.definedAt()))
              .close("p");
          if (z.source() != null) h.el("p", z.source(), "class", "source");
          h.open("table", "class", "data").msg("caption", Msg.of("dash.zone.figures"));
          h.head(
                  "dash.col.category",
                  "#dash.col.estimate",
                  "#dash.col.reported",
                  "#dash.col.decommissioned",
                  "#dash.col.verified",
                  "#dash.col.share")
              .raw("<tbody>");
          for (Map.Entry<String, ZoneBook.Figures> e : z.figures().entrySet()) {
            ZoneBook.Figures f = e.getValue();
            h.open("tr");
            label(h, "th", "value.", e.getKey(), "scope", "row");
            if (f.estimate() < 0) h.msg("td", Msg.of("dash.none"), "class", "num");
            else h.num("td", f.estimate(), "class", "num");
            h.num("td", f.reported(), "class", "num")
                .num("td", f.decommissioned(), "class", "num")
                .num("td", f.verified(), "class", "num")
                .msg("td", share(f.share(), "dash.not-applicable"), "class", "num")
                .close("tr");
          }
          h.raw("</tbody></table>");
          h.open("table", "class", "data", "id", "zone-history")
              .msg("caption", Msg.of("dash.zone.history"));
          h.head(
                  "dash.col.time",
                  "dash.col.change",
                  "dash.col.reason",
                  "dash.col.entries",
                  "dash.col.evidence")
              .raw("<tbody>");
          for (ZoneBook.Transition t : z.transitions()) {
            boolean reason = !t.quotesReason() || reader.reads(t.source(), "reason");
            h.open("tr").open("td").time(t.time()).close("td");
            h.msg(
                "td",
                Msg.of(
                    "dash.zone.change",
                    "from",
                    Msg.value("status.", t.from().wire()),
                    "to",
                    Msg.value("status.", t.to().wire())));
            if (reason) h.el("td", t.reason());
            else concealed(h, "td");
            h.open("td").raw(indices(t.indices())).close("td");
            h.open("td");
            if (!reader.reads(t.source(), "evidence")) concealed(h, "span");
            else {
              for (String d : t.evidence()) h.el("code", d, "class", "digest");
              if (t.evidence().isEmpty()) h.msg("span", Msg.of("dash.none"));
            }
            h.close("td").close("tr");
          }
          if (z.transitions().isEmpty()) h.emptyRow(5, Msg.of("dash.zone.no-change"));
          h.raw("</tbody></table>");
          return true;
        });
    if (!found) return null;
    return h.toString();
  }

  // ---- coverage ---------------------------------------------------------------------------

  /** Today by the server clock (UTC): coverage counts the pledges available by then. */
  java.time.LocalDate today() {
    return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  String coverage() {
    Coverage c = coverage.current(today());
    Html h = new Html();
    section(h, "coverage", Msg.of("dash.coverage.title"));
    h.open("div", "id", "coverage-view", "aria-live", "polite");
    coverageView(h, c, null);
    h.close("div");
    whatIfForm(h);
    return h.close("section").toString();
  }

  /**
   * The coverage figures, table and chart; {@code before} is set when {@code c} is a what-if
   * answer.
   */
  void coverageView(Html h, Coverage c, Coverage before) {
    if (before != null) {
      h.open("p", "class", "banner", "role", "status")
          .msg("strong", Msg.of("dash.what-if.banner"))
          .text(" ")
          .msg("span", Msg.of("dash.what-if.nothing-written", "size", c.asOf()))
          .text(" ")
          .msg(
              "button",
              Msg.of("dash.what-if.current"),
              "type",
              "button",
              "hx-get",
              "/dashboard/panel/coverage",
              "hx-target",
              "#coverage",
              "hx-swap",
              "outerHTML")
          .close("p");
    }
    h.open("dl", "class", "figures", "id", before == null ? "coverage-figures" : "what-if-figures");
    figure(h, "required", c.required(), before == null ? null : before.required());
    figure(h, "assigned", c.assigned(), before == null ? null : before.assigned());
    figure(
        h,
        "uncovered",
        c.required() - c.assigned(),
        before == null ? null : before.required() - before.assigned());
    h.close("dl");
    h.msg(
        "p",
        c.optimal()
            ? Msg.of("dash.coverage.optimal", "size", c.asOf())
            : Msg.of("dash.coverage.feasible", "status", c.status(), "size", c.asOf()),
        "class",
        "note");
    h.open("table", "class", "data", "id", before == null ? "coverage-table" : "what-if-table")
        .msg("caption", Msg.of("dash.coverage.caption"));
    h.head(
            "dash.col.task",
            "#dash.col.priority",
            "#dash.col.required",
            "#dash.col.assigned",
            "#dash.col.uncovered",
            "dash.col.fallback",
            "dash.col.kept-out")
        .raw("<tbody>");
    for (Coverage.TaskCoverage t : c.tasks()) {
      int unc = t.required() - t.assigned();
      h.open("tr", "data-task", t.id(), "class", unc > 0 ? "gap" : null);
      h.open("th", "scope", "row").text(t.title()).el("span", t.id(), "class", "id").close("th");
      h.num("td", t.priority(), "class", "num")
          .num("td", t.required(), "class", "num")
          .num("td", t.assigned(), "class", "num");
      h.num("td", unc, "class", "num uncovered");
      if (t.fallbackParty() == null)
        h.msg("td", Msg.of("dash.coverage.no-fallback"), "class", "fallback");
      else if (unc > 0)
        h.msg(
            "td",
            Msg.of("dash.coverage.inherited", "party", t.fallbackParty()),
            "class",
            "fallback");
      else h.el("td", t.fallbackParty(), "class", "fallback");
      // Each pledge kept out, by its party and the caveat's name (the API's reason has the detail).
      h.open("td");
      for (int i = 0; i < t.keptOut().size(); i++) {
        Coverage.KeptOut k = t.keptOut().get(i);
        if (i > 0) h.text("; ");
        h.msg(
            "span",
            Msg.of(
                "dash.coverage.kept-out",
                "party",
                k.party(),
                "caveat",
                Msg.value("field.", k.caveat())));
      }
      h.close("td");
      h.close("tr");
    }
    h.raw("</tbody></table>");
    ObjectNode chart = StrictJson.mapper().createObjectNode();
    ArrayNode labels = chart.putArray("labels"),
        assigned = chart.putArray("assigned"),
        uncovered = chart.putArray("uncovered");
    for (Coverage.TaskCoverage t : c.tasks()) {
      labels.add(t.id());
      assigned.add(t.assigned());
      uncovered.add(t.required() - t.assigned());
    }
    h.open("div", "class", "chart")
        .open(
            "canvas",
            "data-chart",
            chart.toString(),
            "role",
            "img",
            "aria-label",
            Msg.of("dash.coverage.chart").english(),
            "data-i18n-label",
            "dash.coverage.chart")
        .close("canvas")
        .close("div");
  }

  private static void figure(Html h, String key, long value, Long before) {
    h.open("div", "data-figure", key).msg("dt", Msg.of("dash.coverage." + key));
    h.open("dd").num("span", value);
    if (before != null && before != value)
      h.text(" ").msg("span", Msg.of("dash.coverage.was", "n", before), "class", "delta");
    h.close("dd").close("div");
  }

  private void whatIfForm(Html h) {
    record Choices(List<Pledge> pledges, List<String> contributors) {}
    Choices ch =
        log.read(() ->
            new Choices(
                coverage.activePledges(),
                parties.all().stream()
                    .filter(p -> p.roles().contains(Role.CONTRIBUTOR))
                    .map(PartyRegistry.Party::id)
                    .sorted()
                    .toList()));
    h.open(
        "form",
        "id",
        "what-if",
        "hx-post",
        "/dashboard/what-if",
        "hx-target",
        "#coverage-view",
        "hx-swap",
        "innerHTML");
    h.open("fieldset").msg("legend", Msg.of("dash.what-if.legend"));
    h.open("div", "class", "row");
    h.msg("label", Msg.of("dash.what-if.change"), "for", "wi-change");
    h.open("select", "id", "wi-change", "name", "change");
    for (String c : List.of("withdraw", "lift", "add"))
      h.msg("option", Msg.of("dash.what-if." + c), "value", c);
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.msg("label", Msg.of("dash.what-if.pledge"), "for", "wi-pledge");
    h.open("select", "id", "wi-pledge", "name", "pledge");
    for (Pledge p : ch.pledges())
      h.el("option", p.id() + " (" + p.party() + ", " + p.capability() + ")", "value", p.id());
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.msg("label", Msg.of("dash.what-if.caveat"), "for", "wi-caveat");
    h.open("select", "id", "wi-caveat", "name", "caveat");
    for (var c : Eligibility.Caveat.values()) label(h, "option", "field.", c.wire, "value", c.wire);
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.msg("label", Msg.of("dash.what-if.party"), "for", "wi-party");
    h.open("select", "id", "wi-party", "name", "party");
    for (String p : ch.contributors()) h.el("option", p, "value", p);
    h.close("select");
    h.msg("label", Msg.of("field.capability"), "for", "wi-capability");
    h.open("select", "id", "wi-capability", "name", "capability");
    for (String c : coverage.capabilities().keySet()) label(h, "option", "value.", c, "value", c);
    h.close("select");
    h.msg("label", Msg.of("field.readiness"), "for", "wi-readiness");
    h.open("select", "id", "wi-readiness", "name", "readiness");
    for (var r : Readiness.values())
      label(
          h,
          "option",
          "value.",
          r.wire(),
          "value",
          r.wire(),
          "selected",
          r.wire().equals("ready") ? "" : null);
    h.close("select");
    h.msg("label", Msg.of("field.available_from"), "for", "wi-from");
    h.open(
        "input", "id", "wi-from", "name", "available_from", "type", "date", "value", "2025-11-01");
    h.close("div");
    h.msg("button", Msg.of("dash.what-if.submit"), "type", "submit");
    h.close("fieldset").close("form");
  }

  // ---- reconstruction ---------------------------------------------------------------------

  String reconstruction() {
    Html h = new Html();
    section(h, "reconstruction", Msg.of("page.nav.reconstruction"));
    Instant now = clock.instant();
    log.read(() -> {
      Map<Projects.GateState, Integer> counts = new EnumMap<>(Projects.GateState.class);
      for (Projects.GateState g : Projects.GateState.values()) counts.put(g, 0);
      List<Projects.Project> all = projects.all();
      for (Projects.Project p : all) counts.merge(projects.gateState(p), 1, Integer::sum);
      h.open("dl", "class", "figures", "id", "gate-figures");
      counts.forEach((g, n) ->
          h.open("div", "data-figure", g.wire())
              .msg("dt", Msg.of("gate." + g.wire()))
              .num("dd", n)
              .close("div"));
      h.close("dl");
      h.msg("h3", Msg.of("dash.pending.h"));
      h.open("table", "class", "data", "id", "pending-table")
          .msg("caption", Msg.of("dash.pending.caption"));
      h.head(
              "dash.col.project",
              "dash.col.zone",
              "dash.col.zone-status",
              "dash.col.waiting-since",
              "#dash.col.waited")
          .raw("<tbody>");
      List<Projects.Project> pending =
          all.stream()
              .filter(p -> projects.gateState(p) == Projects.GateState.PENDING)
              .sorted(java.util.Comparator.comparing(Projects.Project::registeredTime))
              .toList();
      for (Projects.Project p : pending) {
        h.open("tr", "data-project", p.id())
            .el("th", p.name() == null ? p.id() : p.name(), "scope", "row")
            .el("td", p.zone());
        statusCell(h, zones.status(p.zone()).map(s -> s.wire()).orElse("unknown"));
        h.open("td").time(p.registeredTime()).close("td");
        h.msg("td", waited(Duration.between(p.registeredTime(), now)), "class", "num");
        h.close("tr");
      }
      if (pending.isEmpty()) h.emptyRow(5, Msg.of("dash.pending.none"));
      h.raw("</tbody></table>");
      h.msg("h3", Msg.of("dash.projects.h"));
      h.open("table", "class", "data", "id", "project-table")
          .msg("caption", Msg.of("dash.projects.caption"));
      h.head(
              "dash.col.project",
              "dash.col.implementer",
              "dash.col.zone",
              "dash.col.gate-state",
              "dash.col.last-decision")
          .raw("<tbody>");
      for (Projects.Project p : all) {
        String g = projects.gateState(p).wire();
        h.open("tr", "data-project", p.id())
            .el("th", p.name() == null ? p.id() : p.name(), "scope", "row")
            .el("td", p.implementer())
            .el("td", p.zone());
        h.open("td").msg("span", Msg.of("gate." + g), "class", "gate gate-" + g).close("td");
        if (p.decidedAt() < 0) h.msg("td", Msg.of("dash.none-yet"));
        else {
          h.open("td").time(p.decidedTime());
          if (p.reason() != null) h.text(": " + p.reason());
          h.close("td");
        }
        h.close("tr");
      }
      h.raw("</tbody></table>");
      return null;
    });
    return h.close("section").toString();
  }

  static Msg waited(Duration d) {
    if (d.isNegative()) d = Duration.ZERO;
    long days = d.toDays();
    return days >= 1
        ? Msg.of("dash.waited-days", "d", days, "h", d.toHoursPart())
        : Msg.of("dash.waited-hours", "h", d.toHours(), "min", d.toMinutesPart());
  }

  // ---- integrity --------------------------------------------------------------------------

  String integrity(String baseUrl) {
    Html h = new Html();
    section(h, "integrity", Msg.of("dash.integrity.title"));
    StoredCheckpoint cp = log.checkpoint().orElse(null);
    h.open("dl", "class", "figures", "id", "integrity-figures");
    h.open("div", "data-figure", "size")
        .msg("dt", Msg.of("dash.integrity.size"))
        .num("dd", cp == null ? 0 : cp.size())
        .close("div");
    h.close("dl");
    h.open("dl", "class", "kv");
    h.msg("dt", Msg.of("dash.integrity.root")).open("dd");
    if (cp == null) h.msg("span", Msg.of("dash.none"), "id", "root");
    else h.el("code", cp.root().base64(), "id", "root");
    h.close("dd");
    h.msg("dt", Msg.of("dash.integrity.verifier-key"))
        .open("dd")
        .el("code", log.verifierKey(), "id", "verifier-key")
        .close("dd");
    h.close("dl");
    witnessing.ifPresentOrElse(
        w -> witnesses(h, w),
        () -> {
          h.msg("h3", Msg.of("dash.integrity.checkpoint"));
          h.el("pre", cp == null ? "" : cp.note(), "id", "checkpoint", "tabindex", "0");
        });
    h.msg("h3", Msg.of("dash.integrity.check"));
    h.msg("p", Msg.of("dash.integrity.with-stabilis"));
    h.el(
        "pre",
        "./stabilis verify --url " + baseUrl + " --token \"$TOKEN\"",
        "class",
        "cmd",
        "tabindex",
        "0");
    h.msg("p", Msg.of("dash.integrity.without-stabilis"));
    h.el(
        "pre",
        independentCheck(baseUrl),
        "class",
        "cmd",
        "id",
        "independent-check",
        "tabindex",
        "0");
    return h.close("section").toString();
  }

  /**
   * SPEC §2.7 as people see it: the policy, each witness with the size it last cosigned and when,
   * and whether the served checkpoint meets the quorum. Every value is text.
   */
  private static void witnesses(Html h, Witnessing w) {
    java.util.Optional<CosignedCheckpoints.Served> served = w.witnessed();
    java.util.Optional<CosignedCheckpoints.Served> latest = w.latest();
    h.msg("h3", Msg.of("dash.witness.h", "quorum", w.policy().quorum()));
    h.msg(
        "p",
        served
            .map(s ->
                latest.filter(l -> l.size() > s.size()).isPresent()
                    ? Msg.of(
                        "dash.witness.met-newer", "size", s.size(), "newest", latest.get().size())
                    : Msg.of("dash.witness.met", "size", s.size()))
            .orElse(Msg.of("dash.witness.not-met")),
        "id",
        "quorum-status",
        "data-met",
        served.isPresent() ? "yes" : "no");
    h.open("table", "class", "data", "id", "witness-table")
        .msg("caption", Msg.of("dash.witness.caption"));
    h.head(
            "dash.col.witness",
            "dash.col.url",
            "#dash.col.cosigned-size",
            "dash.col.when",
            "dash.col.last-problem")
        .raw("<tbody>");
    for (Witnessing.WitnessStatus s : w.status()) {
      h.open("tr", "data-witness", s.name());
      h.el("th", s.name(), "scope", "row");
      if (s.url().isPresent()) h.el("td", s.url().get());
      else h.msg("td", Msg.of("dash.none"));
      h.num("td", s.lastCosignedSize(), "class", "num");
      if (s.lastCosignedAt().isPresent()) h.open("td").time(s.lastCosignedAt().get()).close("td");
      else h.msg("td", Msg.of("dash.never"));
      h.el("td", s.lastError().orElse(""));
      h.close("tr");
    }
    h.raw("</tbody>").close("table");
    h.msg("h3", Msg.of("dash.witness.policy"));
    h.el("pre", policyText(w), "id", "witness-policy", "tabindex", "0");
    h.msg("h3", Msg.of("dash.witness.checkpoint"));
    if (served.isPresent()) h.el("pre", served.get().note(), "id", "checkpoint", "tabindex", "0");
    else h.msg("pre", Msg.of("dash.none-yet"), "id", "checkpoint", "tabindex", "0");
  }

  private static String policyText(Witnessing w) {
    StringBuilder b = new StringBuilder();
    for (var l : w.policy().logs())
      b.append("log ")
          .append(l.key().vkey())
          .append(l.url().map(u -> " " + u).orElse(""))
          .append('\n');
    for (var x : w.policy().witnesses())
      b.append("witness ")
          .append(x.name())
          .append(' ')
          .append(x.key().vkey())
          .append(x.url().map(u -> " " + u).orElse(""))
          .append('\n');
    for (var g :
        w.policy().groups().values().stream()
            .sorted(java.util.Comparator.comparing(org.stabilis.log.checkpoint.Policy.Group::name))
            .toList())
      b.append("group ")
          .append(g.name())
          .append(' ')
          .append(g.threshold())
          .append(' ')
          .append(String.join(" ", g.members()))
          .append('\n');
    return b.append("quorum ").append(w.policy().quorum()).append('\n').toString();
  }

  /** The README's "Checking without Stabilis" commands, for this server's address. */
  static String independentCheck(String baseUrl) {
    return "B="
        + baseUrl
        + "/api/v1\n"
        + "curl -s $B/log/checkpoint > cp.txt\n"
        + "head -n 3 cp.txt > body.txt\n"
        + "sed -n 5p cp.txt | awk '{print $3}' | base64 -d | tail -c 64 > sig.bin\n"
        + "curl -s $B/log/key | cut -d+ -f3 | base64 -d | tail -c 32 > pub.raw\n"
        + "( printf '\\x30\\x2a\\x30\\x05\\x06\\x03\\x2b\\x65\\x70\\x03\\x21\\x00'; cat pub.raw ) > pub.der\n"
        + "openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -in body.txt -sigfile sig.bin";
  }
}
