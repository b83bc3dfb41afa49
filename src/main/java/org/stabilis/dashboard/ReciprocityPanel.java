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
    h.el("h2", "Reciprocity: phases and obligations", "id", "reciprocity-h");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    log.read(() -> {
      List<ObligationView.Phase> phases = obligations.phases();
      List<String> parties = obligations.obligatedParties();
      h.open("p")
          .text("States as of " + today + ". Export (CSV with HXL hashtags): ")
          .el("a", "obligations", "href", "/api/v1/obligations.csv", "download", "obligations.csv")
          .close("p");
      if (phases.isEmpty()) h.el("p", "No phase is defined yet.");
      else {
        h.open("table", "class", "data", "id", "reciprocity-table")
            .el(
                "caption",
                "Per phase and obligated party: obligations not yet confirmed (open, reported, overdue) and confirmed");
        h.open("thead")
            .open("tr")
            .el("th", "Phase", "scope", "col")
            .el("th", "Complete", "scope", "col");
        for (String p : parties) h.el("th", p, "scope", "col");
        h.close("tr").close("thead").open("tbody");
        for (ObligationView.Phase ph : phases) {
          h.open("tr", "data-phase", ph.id());
          h.el("th", ph.order() + ". " + ph.title(), "scope", "row");
          h.el("td", ph.complete() ? "yes" : "no");
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
            h.text(
                open
                    + " open · "
                    + reported
                    + " reported · "
                    + overdue
                    + " overdue · "
                    + confirmed
                    + "/"
                    + total
                    + " confirmed");
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
                .el("span", s.wire(), "class", "status status-" + s.wire())
                .text(
                    " "
                        + o.party()
                        + ": "
                        + o.title()
                        + (o.due() == null ? "" : " (due " + o.due() + ")")
                        + " — phase "
                        + ph.order());
            // Beside the obligation: disputes of its definition, of the report and of the
            // confirmation.
            disputes(h, o.index());
            if (o.reported() != null) disputes(h, o.reported().index());
            h.close("li");
          }
        h.close("ul");
      }
      h.el("h3", "Disputed statements");
      List<CorrectionView.Dispute> open = corrections.openDisputes();
      if (open.isEmpty()) h.el("p", "No open dispute.");
      else {
        h.open("table", "class", "data", "id", "dispute-table")
            .el("caption", "Facts that stand but are disputed, and by whom");
        h.raw(
            "<thead><tr><th scope=col>Entry</th><th scope=col>Fact</th><th scope=col>Stated by</th><th scope=col>Disputed by</th>"
                + "<th scope=col>Why</th></tr></thead><tbody>");
        for (CorrectionView.Dispute d : open)
          h.open("tr", "data-index", Long.toString(d.index()))
              .el("td", d.index())
              .el("td", d.type())
              .el("td", d.author())
              .el("td", d.party() + " (entry " + d.at() + ")")
              .el("td", d.reason())
              .close("tr");
        h.raw("</tbody>").close("table");
      }
      h.el("h3", "Retracted statements");
      List<CorrectionView.Retraction> rs = corrections.retractions();
      if (rs.isEmpty()) h.el("p", "No retraction.");
      else {
        h.open("ul", "id", "retraction-list");
        for (CorrectionView.Retraction r : rs)
          h.el(
              "li",
              "entry "
                  + r.index()
                  + " ("
                  + r.type()
                  + ") retracted by "
                  + r.party()
                  + " at entry "
                  + r.at()
                  + ": "
                  + r.reason()
                  + " — "
                  + r.note());
        h.close("ul");
      }
      return null;
    });
    return h.close("section").toString();
  }

  private void disputes(Html h, long index) {
    for (CorrectionView.Dispute d : corrections.disputesOf(index))
      h.el("span", " disputed by " + d.party() + ": " + d.reason(), "class", "disputed");
  }
}
