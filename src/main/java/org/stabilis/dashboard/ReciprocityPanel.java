package org.stabilis.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.stabilis.correction.CorrectionView;
import org.stabilis.log.LogService;
import org.stabilis.obligation.ObligationView;
import org.stabilis.obligation.ObligationView.State;

/**
 * Reciprocity at a glance: phase by phase, each obligated party's open, reported, overdue and
 * confirmed obligations (states for today, by the server clock), and beside the facts, the open
 * disputes and the retractions.
 */
final class ReciprocityPanel {
  private final LogService log;
  private final ObligationView obligations;
  private final CorrectionView corrections;
  private final Clock clock;

  ReciprocityPanel(
      LogService log, ObligationView obligations, CorrectionView corrections, Clock clock) {
    this.log = log;
    this.obligations = obligations;
    this.corrections = corrections;
    this.clock = clock;
  }

  String render() {
    Html h = new Html();
    h.open(
        "section",
        "id",
        "reciprocity",
        "class",
        "panel",
        "aria-labelledby",
        "reciprocity-h",
        "hx-get",
        "/dashboard/panel/reciprocity",
        "hx-trigger",
        "logchanged from:body",
        "hx-swap",
        "outerHTML");
    h.msg("h2", Msg.of("dash.reciprocity.title"), "id", "reciprocity-h");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    log.read(() -> {
      List<ObligationView.Phase> phases = obligations.phases();
      List<String> parties = obligations.obligatedParties();
      h.open("p")
          .msg("span", Msg.of("dash.reciprocity.as-of", "date", today))
          .text(" ")
          .msg("span", Msg.of("dash.export"))
          .text(" ")
          .msg(
              "a",
              Msg.of("dash.reciprocity.export"),
              "href",
              "/api/v1/obligations.csv",
              "download",
              "obligations.csv")
          .close("p");
      if (phases.isEmpty()) h.msg("p", Msg.of("dash.reciprocity.no-phase"));
      else {
        h.open("table", "class", "data", "id", "reciprocity-table")
            .msg("caption", Msg.of("dash.reciprocity.caption"));
        h.open("thead")
            .open("tr")
            .msg("th", Msg.of("dash.col.phase"), "scope", "col")
            .msg("th", Msg.of("dash.col.complete"), "scope", "col");
        for (String p : parties) h.el("th", p, "scope", "col");
        h.close("tr").close("thead").open("tbody");
        for (ObligationView.Phase ph : phases) {
          h.open("tr", "data-phase", ph.id());
          h.el("th", ph.order() + ". " + ph.title(), "scope", "row");
          h.msg("td", Msg.of(ph.complete() ? "ws.yes" : "ws.no"));
          for (String p : parties) {
            int open = 0, reported = 0, overdue = 0, confirmed = 0, total = 0;
            for (ObligationView.Obligation o : ph.obligations()) {
              if (!o.party().equals(p)) continue;
              total++;
              switch (o.stateOn(today)) {
                case OPEN -> open++;
                case REPORTED -> reported++;
                case OVERDUE -> overdue++;
                case CONFIRMED -> confirmed++;
              }
            }
            if (total == 0) {
              h.el("td", "—", "data-party", p);
              continue;
            }
            h.open(
                "td",
                "data-party",
                p,
                "data-open",
                Integer.toString(open),
                "data-overdue",
                Integer.toString(overdue),
                "class",
                overdue > 0 ? "overdue" : null);
            h.msg(
                "span",
                Msg.of(
                    "dash.reciprocity.counts",
                    "open",
                    open,
                    "reported",
                    reported,
                    "overdue",
                    overdue,
                    "confirmed",
                    confirmed,
                    "total",
                    total));
            h.close("td");
          }
          h.close("tr");
        }
        h.close("tbody").close("table");
        h.open("ul", "class", "obligations");
        for (ObligationView.Phase ph : phases)
          for (ObligationView.Obligation o : ph.obligations()) {
            State s = o.stateOn(today);
            if (s == State.CONFIRMED) continue;
            h.open("li", "data-obligation", o.id())
                .msg("span", Msg.of("obligation." + s.wire()), "class", "status status-" + s.wire())
                .text(" ")
                .msg(
                    "span",
                    o.due() == null
                        ? Msg.of(
                            "dash.reciprocity.obligation",
                            "party",
                            o.party(),
                            "title",
                            o.title(),
                            "phase",
                            ph.order())
                        : Msg.of(
                            "dash.reciprocity.obligation-due",
                            "party",
                            o.party(),
                            "title",
                            o.title(),
                            "due",
                            o.due(),
                            "phase",
                            ph.order()));
            // Beside the obligation: disputes of its definition, of the report and of the
            // confirmation.
            disputes(h, o.index());
            if (o.reported() != null) disputes(h, o.reported().index());
            h.close("li");
          }
        h.close("ul");
      }
      h.msg("h3", Msg.of("dash.disputes.h"));
      List<CorrectionView.Dispute> open = corrections.openDisputes();
      if (open.isEmpty()) h.msg("p", Msg.of("dash.disputes.none"));
      else {
        h.open("table", "class", "data", "id", "dispute-table")
            .msg("caption", Msg.of("dash.disputes.caption"));
        h.head(
                "dash.col.entry",
                "dash.col.fact",
                "dash.col.stated-by",
                "dash.col.disputed-by",
                "dash.col.why")
            .raw("<tbody>");
        for (CorrectionView.Dispute d : open)
          h.open("tr", "data-index", Long.toString(d.index()))
              .el("td", d.index())
              .msg("td", Msg.of("type." + d.type()))
              .el("td", d.author())
              .msg("td", Msg.of("dash.disputes.by", "party", d.party(), "entry", d.at()))
              .el("td", d.reason())
              .close("tr");
        h.raw("</tbody>").close("table");
      }
      h.msg("h3", Msg.of("dash.retractions.h"));
      List<CorrectionView.Retraction> rs = corrections.retractions();
      if (rs.isEmpty()) h.msg("p", Msg.of("dash.retractions.none"));
      else {
        h.open("ul", "id", "retraction-list");
        for (CorrectionView.Retraction r : rs)
          h.open("li")
              .msg(
                  "span",
                  Msg.of(
                      "dash.retractions.item",
                      "index",
                      r.index(),
                      "type",
                      Msg.of("type." + r.type()),
                      "party",
                      r.party(),
                      "at",
                      r.at(),
                      "reason",
                      Msg.value("value.", r.reason())))
              .text(" — " + r.note())
              .close("li");
        h.close("ul");
      }
      return null;
    });
    return h.close("section").toString();
  }

  private void disputes(Html h, long index) {
    for (CorrectionView.Dispute d : corrections.disputesOf(index))
      h.text(" ")
          .msg(
              "span",
              Msg.of("dash.disputes.inline", "party", d.party(), "reason", d.reason()),
              "class",
              "disputed");
  }
}
