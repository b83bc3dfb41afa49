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
  private static void section(Html h, String id, String title) {
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
    h.el("h2", title, "id", id + "-h");
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
      h.el("h3", "Zones by status");
      h.open("table", "class", "data", "id", "zone-table")
          .el(
              "caption",
              "Zones, their status and demilitarization figures; choose a zone for its history and evidence");
      h.raw(
          "<thead><tr><th scope=col>Zone</th><th scope=col>Status</th><th scope=col>Controller</th>"
              + "<th scope=col class=num>Reported items</th><th scope=col class=num>Verified</th><th scope=col class=num>Decommissioned share</th></tr></thead><tbody>");
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
        h.el("td", t.reported(), "class", "num").el("td", t.verified(), "class", "num");
        h.el("td", share == null ? "no estimate" : share + " %", "class", "num");
        h.close("tr");
      }
      h.raw("</tbody></table>");
      // Bounded whatever the log's length: the newest incidents, and the API pages through the
      // rest.
      List<IncidentLog.Incident> list =
          incidents.newest(
              new IncidentLog.Filter(null, null, null, null), Long.MAX_VALUE, INCIDENTS_SHOWN);
      int all = incidents.count();
      h.el("h3", "Incidents (" + all + ")");
      h.open("table", "class", "data", "id", "incident-table")
          .el(
              "caption",
              all > list.size()
                  ? "The newest "
                      + list.size()
                      + " of "
                      + all
                      + " incidents; the rest through GET /api/v1/incidents"
                  : "Incidents reported, newest first");
      h.raw(
          "<thead><tr><th scope=col>Id</th><th scope=col>Category</th><th scope=col class=num>Severity</th>"
              + "<th scope=col>Zone</th><th scope=col>Time</th><th scope=col>Summary</th></tr></thead><tbody>");
      for (IncidentLog.Incident i : list) {
        h.open("tr", "data-incident", i.id());
        h.el("td", i.id()).el("td", i.category()).el("td", i.severity(), "class", "num");
        h.el("td", i.zone() == null ? "outside every zone" : i.zone())
            .el("td", TIME.format(i.time()))
            .el(
                "td",
                reader.text(i.concealed(), "summary", i::summary),
                "class",
                reader.reads(i.concealed(), "summary") ? null : "concealed");
        h.close("tr");
      }
      h.raw("</tbody></table>");
      return null;
    });
    return h.close("div").toString();
  }

  static void statusCell(Html h, String status) {
    h.open("td").el("span", status, "class", "status status-" + status).close("td");
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
          h.open("p")
              .text("Status ")
              .el("span", shown, "class", "status status-" + shown)
              .text(" · controller " + z.controller() + " · defined at log index " + z.definedAt())
              .close("p");
          if (z.source() != null) h.el("p", z.source(), "class", "source");
          h.open("table", "class", "data").el("caption", "Demilitarization figures by category");
          h.raw(
              "<thead><tr><th scope=col>Category</th><th scope=col class=num>Estimate</th><th scope=col class=num>Reported</th>"
                  + "<th scope=col class=num>Decommissioned</th><th scope=col class=num>Verified</th><th scope=col class=num>Share</th></tr></thead><tbody>");
          for (Map.Entry<String, ZoneBook.Figures> e : z.figures().entrySet()) {
            ZoneBook.Figures f = e.getValue();
            h.open("tr")
                .el("th", e.getKey(), "scope", "row")
                .el("td", f.estimate() < 0 ? "none" : f.estimate(), "class", "num")
                .el("td", f.reported(), "class", "num")
                .el("td", f.decommissioned(), "class", "num")
                .el("td", f.verified(), "class", "num")
                .el("td", f.share() == null ? "n/a" : f.share() + " %", "class", "num")
                .close("tr");
          }
          h.raw("</tbody></table>");
          h.open("table", "class", "data", "id", "zone-history")
              .el(
                  "caption",
                  "Status history, with the log entries and evidence digests behind each change");
          h.raw(
              "<thead><tr><th scope=col>Time</th><th scope=col>Change</th><th scope=col>Reason</th><th scope=col>Log entries</th>"
                  + "<th scope=col>Evidence (SHA-256)</th></tr></thead><tbody>");
          for (ZoneBook.Transition t : z.transitions()) {
            boolean reason = !t.quotesReason() || reader.reads(t.source(), "reason");
            h.open("tr")
                .el("td", TIME.format(t.time()))
                .el("td", t.from().wire() + " → " + t.to().wire())
                .el(
                    "td",
                    reason ? t.reason() : Reader.CONCEALED_TEXT,
                    "class",
                    reason ? null : "concealed")
                .el("td", String.join(", ", t.indices().stream().map(String::valueOf).toList()));
            h.open("td");
            if (!reader.reads(t.source(), "evidence"))
              h.el("span", Reader.CONCEALED_TEXT, "class", "concealed");
            else {
              for (String d : t.evidence()) h.el("code", d, "class", "digest");
              if (t.evidence().isEmpty()) h.text("none");
            }
            h.close("td").close("tr");
          }
          if (z.transitions().isEmpty())
            h.raw("<tr><td colspan=5>No change of status yet.</td></tr>");
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
    section(h, "coverage", "Mandate coverage");
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
          .el("strong", "What-if: hypothetical coverage.")
          .text(" Nothing was written to the log (size still " + c.asOf() + "). ")
          .el(
              "button",
              "Show the current coverage",
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
    figure(
        h, "Required units", c.required(), before == null ? null : before.required(), "required");
    figure(
        h, "Assigned units", c.assigned(), before == null ? null : before.assigned(), "assigned");
    figure(
        h,
        "Uncovered units",
        c.required() - c.assigned(),
        before == null ? null : before.required() - before.assigned(),
        "uncovered");
    h.close("dl");
    h.el(
        "p",
        (c.optimal()
                ? "Assignment proven optimal"
                : "Best assignment found, not proven optimal (" + c.status() + ")")
            + " by OR-Tools CP-SAT, as of log size "
            + c.asOf()
            + ".",
        "class",
        "note");
    h.open("table", "class", "data", "id", before == null ? "coverage-table" : "what-if-table")
        .el(
            "caption",
            "Per task: units required, assigned and uncovered, and the party that inherits the gap");
    h.raw(
        "<thead><tr><th scope=col>Task</th><th scope=col class=num>Priority</th><th scope=col class=num>Required</th>"
            + "<th scope=col class=num>Assigned</th><th scope=col class=num>Uncovered</th><th scope=col>Fallback party</th>"
            + "<th scope=col>Kept out by a caveat</th></tr></thead><tbody>");
    for (Coverage.TaskCoverage t : c.tasks()) {
      int unc = t.required() - t.assigned();
      h.open("tr", "data-task", t.id(), "class", unc > 0 ? "gap" : null);
      h.open("th", "scope", "row").text(t.title()).el("span", t.id(), "class", "id").close("th");
      h.el("td", t.priority(), "class", "num")
          .el("td", t.required(), "class", "num")
          .el("td", t.assigned(), "class", "num");
      h.el("td", unc, "class", "num uncovered");
      h.el(
          "td",
          t.fallbackParty() == null
              ? "none named"
              : (unc > 0 ? "inherited by " : "") + t.fallbackParty(),
          "class",
          "fallback");
      h.el(
          "td",
          t.keptOut().isEmpty()
              ? ""
              : String.join("; ", t.keptOut().stream().map(Coverage.KeptOut::reason).toList()));
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
            "Bar chart of assigned and uncovered units per task; the same figures as the table above")
        .close("canvas")
        .close("div");
  }

  private static void figure(Html h, String label, long value, Long before, String key) {
    h.open("div", "data-figure", key).el("dt", label);
    h.open("dd").text(value);
    if (before != null && before != value) h.el("span", " (was " + before + ")", "class", "delta");
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
    h.open("fieldset").el("legend", "What if… (answered without writing to the log)");
    h.open("div", "class", "row");
    h.el("label", "Change", "for", "wi-change");
    h.open("select", "id", "wi-change", "name", "change");
    h.el("option", "Withdraw a pledge", "value", "withdraw")
        .el("option", "Lift a caveat of a pledge", "value", "lift")
        .el("option", "Add a hypothetical pledge", "value", "add");
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.el("label", "Pledge (withdraw, lift)", "for", "wi-pledge");
    h.open("select", "id", "wi-pledge", "name", "pledge");
    for (Pledge p : ch.pledges())
      h.el("option", p.id() + " (" + p.party() + ", " + p.capability() + ")", "value", p.id());
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.el("label", "Caveat to lift", "for", "wi-caveat");
    h.open("select", "id", "wi-caveat", "name", "caveat");
    for (var c : Eligibility.Caveat.values()) h.el("option", c.wire, "value", c.wire);
    h.close("select").close("div");
    h.open("div", "class", "row");
    h.el("label", "New pledge: party", "for", "wi-party");
    h.open("select", "id", "wi-party", "name", "party");
    for (String p : ch.contributors()) h.el("option", p, "value", p);
    h.close("select");
    h.el("label", "capability", "for", "wi-capability");
    h.open("select", "id", "wi-capability", "name", "capability");
    for (String c : coverage.capabilities().keySet()) h.el("option", c, "value", c);
    h.close("select");
    h.el("label", "readiness", "for", "wi-readiness");
    h.open("select", "id", "wi-readiness", "name", "readiness");
    for (var r : Readiness.values())
      h.el("option", r.wire(), "value", r.wire(), "selected", r.wire().equals("ready") ? "" : null);
    h.close("select");
    h.el("label", "available from", "for", "wi-from");
    h.open(
        "input", "id", "wi-from", "name", "available_from", "type", "date", "value", "2025-11-01");
    h.close("div");
    h.el("button", "Compute what-if", "type", "submit");
    h.close("fieldset").close("form");
  }

  // ---- reconstruction ---------------------------------------------------------------------

  String reconstruction() {
    Html h = new Html();
    section(h, "reconstruction", "Reconstruction");
    Instant now = clock.instant();
    log.read(() -> {
      Map<Projects.GateState, Integer> counts = new EnumMap<>(Projects.GateState.class);
      for (Projects.GateState g : Projects.GateState.values()) counts.put(g, 0);
      List<Projects.Project> all = projects.all();
      for (Projects.Project p : all) counts.merge(projects.gateState(p), 1, Integer::sum);
      h.open("dl", "class", "figures", "id", "gate-figures");
      counts.forEach((g, n) ->
          h.open("div", "data-figure", g.wire()).el("dt", g.wire()).el("dd", n).close("div"));
      h.close("dl");
      h.el("h3", "Pending approvals");
      h.open("table", "class", "data", "id", "pending-table")
          .el("caption", "Projects waiting for an approval, longest wait first");
      h.raw(
          "<thead><tr><th scope=col>Project</th><th scope=col>Zone</th><th scope=col>Zone status</th>"
              + "<th scope=col>Waiting since</th><th scope=col class=num>Waited</th></tr></thead><tbody>");
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
        h.el("td", TIME.format(p.registeredTime()))
            .el("td", waited(Duration.between(p.registeredTime(), now)), "class", "num");
        h.close("tr");
      }
      if (pending.isEmpty()) h.raw("<tr><td colspan=5>No project is waiting.</td></tr>");
      h.raw("</tbody></table>");
      h.el("h3", "All projects by gate state");
      h.open("table", "class", "data", "id", "project-table")
          .el("caption", "Projects, their zone and gate state");
      h.raw(
          "<thead><tr><th scope=col>Project</th><th scope=col>Implementer</th><th scope=col>Zone</th><th scope=col>Gate state</th>"
              + "<th scope=col>Last decision</th></tr></thead><tbody>");
      for (Projects.Project p : all) {
        String g = projects.gateState(p).wire();
        h.open("tr", "data-project", p.id())
            .el("th", p.name() == null ? p.id() : p.name(), "scope", "row")
            .el("td", p.implementer())
            .el("td", p.zone());
        h.open("td").el("span", g, "class", "gate gate-" + g).close("td");
        h.el(
            "td",
            p.decidedAt() < 0
                ? "none yet"
                : TIME.format(p.decidedTime()) + (p.reason() == null ? "" : ": " + p.reason()));
        h.close("tr");
      }
      h.raw("</tbody></table>");
      return null;
    });
    return h.close("section").toString();
  }

  static String waited(Duration d) {
    if (d.isNegative()) return "0 h";
    long days = d.toDays();
    return days >= 1
        ? days + " d " + d.toHoursPart() + " h"
        : d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  // ---- integrity --------------------------------------------------------------------------

  String integrity(String baseUrl) {
    Html h = new Html();
    section(h, "integrity", "Log integrity");
    StoredCheckpoint cp = log.checkpoint().orElse(null);
    h.open("dl", "class", "figures", "id", "integrity-figures");
    h.open("div", "data-figure", "size")
        .el("dt", "Log size (entries)")
        .el("dd", cp == null ? 0 : cp.size())
        .close("div");
    h.close("dl");
    h.open("dl", "class", "kv");
    h.el("dt", "Root hash (base64, RFC 9162 §2.1.1)")
        .open("dd")
        .el("code", cp == null ? "none" : cp.root().base64(), "id", "root")
        .close("dd");
    h.el("dt", "Verifier key (C2SP signed-note)")
        .open("dd")
        .el("code", log.verifierKey(), "id", "verifier-key")
        .close("dd");
    h.close("dl");
    witnessing.ifPresentOrElse(
        w -> witnesses(h, w),
        () -> {
          h.el(
              "h3",
              "Latest checkpoint (C2SP tlog-checkpoint, as served at /api/v1/log/checkpoint)");
          h.el("pre", cp == null ? "" : cp.note(), "id", "checkpoint", "tabindex", "0");
        });
    h.el("h3", "Check it yourself");
    h.el(
        "p",
        "With Stabilis (re-checks every signature, leaf and checkpoint; exit 0 only if all hold):");
    h.el(
        "pre",
        "./stabilis verify --url " + baseUrl + " --token \"$TOKEN\"",
        "class",
        "cmd",
        "tabindex",
        "0");
    h.el(
        "p",
        "Without Stabilis, with curl, openssl and coreutils (the checkpoint's Ed25519 signature):");
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
    h.el("h3", "Witnesses (C2SP tlog-witness, quorum " + w.policy().quorum() + ")");
    h.el(
        "p",
        served
            .map(s ->
                "The served checkpoint (size "
                    + s.size()
                    + ") meets the quorum"
                    + (latest
                        .map(l ->
                            l.size() > s.size()
                                ? "; the newest (size " + l.size() + ") awaits cosignatures."
                                : ".")
                        .orElse(".")))
            .orElse(
                "No checkpoint meets the quorum yet: /api/v1/log/checkpoint answers 503 until one does."),
        "id",
        "quorum-status",
        "data-met",
        served.isPresent() ? "yes" : "no");
    h.open("table", "class", "data", "id", "witness-table")
        .el("caption", "Each witness of the policy and the last checkpoint it cosigned");
    h.raw(
        "<thead><tr><th scope=col>Witness</th><th scope=col>URL</th><th scope=col class=num>Last cosigned size</th>"
            + "<th scope=col>When</th><th scope=col>Last problem</th></tr></thead><tbody>");
    for (Witnessing.WitnessStatus s : w.status()) {
      h.open("tr", "data-witness", s.name());
      h.el("th", s.name(), "scope", "row");
      h.el("td", s.url().orElse("none"));
      h.el("td", s.lastCosignedSize(), "class", "num");
      h.el("td", s.lastCosignedAt().map(TIME::format).orElse("never"));
      h.el("td", s.lastError().orElse(""));
      h.close("tr");
    }
    h.raw("</tbody>").close("table");
    h.el("h3", "Witness policy (C2SP tlog-policy)");
    h.el("pre", policyText(w), "id", "witness-policy", "tabindex", "0");
    h.el("h3", "Witnessed checkpoint (as served at /api/v1/log/checkpoint)");
    h.el(
        "pre",
        served.map(CosignedCheckpoints.Served::note).orElse("none yet"),
        "id",
        "checkpoint",
        "tabindex",
        "0");
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
