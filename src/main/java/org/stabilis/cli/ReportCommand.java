package org.stabilis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.stabilis.App;
import org.stabilis.force.Coverage;
import org.stabilis.zone.ZoneBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    description = "Readable reports over a data folder.",
    subcommands = {
      ReportCommand.CoverageReport.class,
      ReportCommand.Zones.class,
      ReportCommand.Materials.class,
      ReportCommand.ObligationsReport.class,
      ReportCommand.PermitsReport.class,
      ReportCommand.TraceReport.class
    })
final class ReportCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** A report over an opened data folder; subclasses print it. */
  abstract static class DataReport implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "data folder")
    Path data;

    @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)")
    String db;

    @Override
    public final Integer call() {
      try (App app = App.open(data, db, Clock.systemUTC(), null)) {
        print(app, System.out);
      }
      return 0;
    }

    abstract void print(App app, PrintStream out);
  }

  @Command(
      name = "coverage",
      description = {
        "Mandate coverage (SPEC §5): per task, required and assigned units and which pledges;",
        "pledges a caveat kept out; uncovered units and the fallback party that inherits them."
      })
  static final class CoverageReport extends DataReport {
    @Option(names = "--at", description = "as of log index: only entries before it count")
    Long at;

    @Option(
        names = "--date",
        description = "count only pledges available by this day, YYYY-MM-DD (default: today, UTC)")
    LocalDate date;

    @Override
    void print(App app, PrintStream out) {
      LocalDate day =
          date != null ? date : LocalDate.ofInstant(app.clock.instant(), ZoneOffset.UTC);
      out.print(render(at == null ? app.coverage.current(day) : app.coverage.asOf(at, day)));
    }
  }

  static String render(Coverage c) {
    StringBuilder b = new StringBuilder();
    b.append("Mandate coverage as of log index ")
        .append(c.asOf())
        .append(", pledges available by ")
        .append(c.date())
        .append(" — solver OR-Tools CP-SAT, ")
        .append(c.optimal() ? "proven optimal" : "NOT proven optimal (" + c.status() + ")")
        .append(", ")
        .append(c.solveMs())
        .append(" ms\n\n");
    b.append(
        String.format(
            "%-24s %3s %5s  %-24s %8s  %s%n",
            "task", "pri", "force", "capability", "assigned", "pledges"));
    for (Coverage.TaskCoverage t : c.tasks()) {
      boolean first = true;
      for (Coverage.RequirementCoverage r : t.requirements()) {
        b.append(
            String.format(
                "%-24s %3s %5s  %-24s %8s  %s%n",
                first ? t.id() : "",
                first ? t.priority() : "",
                first ? (t.useOfForce() ? "yes" : "no") : "",
                r.capability(),
                r.assigned() + "/" + r.required(),
                String.join(
                    ", ",
                    r.pledges().stream().map(p -> p.pledge() + " (" + p.party() + ")").toList())));
        first = false;
      }
      for (Coverage.KeptOut k : t.keptOut())
        b.append(
            String.format(
                "%-24s %3s %5s  kept out: %s — %s%n", "", "", "", k.pledge(), k.reason()));
    }
    b.append("\nUncovered\n");
    if (c.uncovered().isEmpty()) b.append("  none\n");
    for (Coverage.Gap g : c.uncovered())
      b.append(
          String.format(
              "  %-24s %-24s %3d unit(s)  → %s%n",
              g.task(),
              g.capability(),
              g.units(),
              g.inheritedBy() != null
                  ? "inherited by " + g.inheritedBy()
                  : "no fallback party: gap remains"));
    b.append("\nContributors\n");
    for (Coverage.Contributor k : c.contributors())
      b.append(
          String.format(
              "  %-12s pledges %3d  assigned %3d  personnel %6d pledged, %6d assigned%n",
              k.party(), k.pledges(), k.assigned(), k.personnelPledged(), k.personnelAssigned()));
    b.append(
        String.format(
            "%nTotal: %d of %d required units assigned; %d uncovered%n",
            c.assigned(), c.required(), c.required() - c.assigned()));
    return b.toString();
  }

  @Command(
      name = "zones",
      description =
          "Zones: controller, status, demilitarization items and decommissioned share (as GET /api/v1/zones).")
  static final class Zones extends DataReport {
    @Override
    void print(App app, PrintStream out) {
      app.log.read(() -> {
        ReportCommand.print(app.zones, out);
        return null;
      });
    }
  }

  /**
   * A fixed-width table, one zone a line; share is the overall decommissioned share of the
   * estimate.
   */
  static void print(ZoneBook zones, PrintStream out) {
    String fmt = "%-20s %-12s %-12s %9s %9s %9s %7s%n";
    out.printf(fmt, "ZONE", "CONTROLLER", "STATUS", "REPORTED", "DECOMM.", "VERIFIED", "SHARE");
    for (ZoneBook.Zone z : zones.zones()) {
      ZoneBook.Figures f = zones.totals(z);
      Double share = zones.overallShare(z);
      out.printf(
          fmt,
          z.id,
          z.controller(),
          z.status().wire(),
          f.reported(),
          f.decommissioned(),
          f.verified(),
          share == null ? "-" : share + "%");
    }
    var p = zones.policy();
    out.printf(
        "gate policy: %s, minimum decommissioned share %d%%%s%n",
        p.requireVerifiedZone() ? "verified zone required" : "verified zone not required",
        p.minDecommissionedShare(),
        p.setAt() < 0 ? " (default; none set on the log)" : " (entry " + p.setAt() + ")");
  }

  @Command(
      name = "materials",
      description = {
        "Materials: stock per holder and item (mass balance, SPEC §5) and every diversion alert",
        "with the log entries behind it (as GET /api/v1/materials/balance and /alerts)."
      })
  static final class Materials extends DataReport {
    @Override
    void print(App app, PrintStream out) {
      app.log.read(() -> {
        print(app.materials.ledger(), app.materials.latestTime(), out);
        return null;
      });
    }

    /** Overdue is judged at {@code now}, the latest event time on the log: no wall clock. */
    static void print(org.stabilis.material.Ledger ledger, java.time.Instant now, PrintStream out) {
      String fmt = "%-18s %-8s %-14s %12s %12s %12s %12s %12s%n";
      out.printf(fmt, "HOLDER", "KIND", "ITEM", "IN", "OUT", "CONSUMED", "LOST", "STOCK");
      for (var b : ledger.balances(null, null)) {
        var item = ledger.item(b.item());
        String unit = item == null ? "" : " " + item.unit();
        out.printf(
            fmt,
            b.holder(),
            b.holderKind(),
            b.item(),
            (b.entered() + b.received()) + unit,
            b.transferredOut() + unit,
            b.consumed() + unit,
            b.lost() + unit,
            b.stock() + unit);
      }
      var alerts = ledger.alerts(now);
      out.printf(
          "%nalerts as of %s: %d (%d open)%n",
          now, alerts.size(), alerts.stream().filter(a -> a.status().equals("open")).count());
      for (var a : alerts)
        out.printf(
            "  %-9s %-17s %s — entries %s%s%n",
            a.status(),
            a.kind(),
            a.detail(),
            a.events(),
            a.resolvedBy() == null
                ? ""
                : "; resolved by " + a.resolvedBy() + " at entry " + a.resolvedIndex());
    }
  }

  @Command(
      name = "obligations",
      description = {
        "Phases and obligations (SPEC §5): per phase its obligations and their states on a date,",
        "whether the phase is complete, and per party what it still owes and what is owed beside it."
      })
  static final class ObligationsReport extends DataReport {
    @Option(
        names = "--date",
        description = "the date states are computed for, YYYY-MM-DD (default: today, UTC)")
    String date;

    @Option(names = "--csv", description = "print the CSV export with HXL hashtags instead")
    boolean csv;

    @Override
    void print(App app, PrintStream out) {
      java.time.LocalDate d =
          date == null
              ? java.time.LocalDate.now(java.time.ZoneOffset.UTC)
              : java.time.LocalDate.parse(date);
      app.log.read(() -> {
        if (csv) out.print(org.stabilis.obligation.ObligationRoutes.csv(app.obligations, d));
        else print(app.obligations, d, out);
        return null;
      });
    }

    static void print(
        org.stabilis.obligation.ObligationView view, java.time.LocalDate d, PrintStream out) {
      out.printf("Obligations as of %s%n", d);
      String fmt = "  %-24s %-16s %-10s %-10s %s%n";
      for (var p : view.phases()) {
        out.printf(
            "%nphase %d  %s (%s)%s%n",
            p.order(), p.title(), p.id(), p.complete() ? " — complete" : "");
        out.printf(fmt, "OBLIGATION", "PARTY", "DUE", "STATE", "TITLE");
        for (var o : p.obligations())
          out.printf(
              fmt,
              o.id(),
              o.party(),
              o.due() == null ? "-" : o.due(),
              o.stateOn(d).wire(),
              o.title());
      }
      out.printf("%nper party: open / overdue obligations it still owes%n");
      for (String party : view.obligatedParties()) {
        long owes = 0, overdue = 0;
        for (var p : view.phases())
          for (var o : p.obligations())
            if (o.party().equals(party) && o.confirmed() == null) {
              owes++;
              if (o.stateOn(d) == org.stabilis.obligation.ObligationView.State.OVERDUE) overdue++;
            }
        out.printf("  %-16s owes %d, overdue %d%n", party, owes, overdue);
      }
    }
  }

  @Command(
      name = "permits",
      description = {
        "The permit queue (SPEC §5): each request's age and whether it is overdue at a time, and per",
        "requesting party and kind (item): approval rate, median and 90th percentile days to decision."
      })
  static final class PermitsReport extends DataReport {
    @Option(
        names = "--time",
        description = "the time ages are computed for, RFC 3339 UTC (default: now)")
    String time;

    @Option(names = "--csv", description = "print the queue as CSV with HXL hashtags instead")
    boolean csv;

    @Override
    void print(App app, PrintStream out) {
      java.time.Instant t = time == null ? java.time.Instant.now() : java.time.Instant.parse(time);
      app.log.read(() -> {
        if (csv) out.print(org.stabilis.permit.PermitRoutes.csv(app.permits, t));
        else print(app.permits, t, out);
        return null;
      });
    }

    static void print(org.stabilis.permit.PermitView view, java.time.Instant t, PrintStream out) {
      out.printf(
          "Permit queue at %s — permits %s, decision within %d day(s)%n",
          t, view.required() ? "required for dual-use items" : "not required", view.decisionDays());
      String fmt = "  %-16s %-14s %-9s %8s %-8s %s%n";
      out.printf(fmt, "PERMIT", "PARTY", "STATE", "AGE (d)", "OVERDUE", "ITEMS");
      for (var p : view.permits())
        out.printf(
            fmt,
            p.id(),
            p.party(),
            p.pending() ? "pending" : p.approved() ? "approved" : "rejected",
            String.format("%.1f", p.ageDays(t)),
            org.stabilis.permit.PermitStats.overdue(p, t, view.decisionDays()) ? "yes" : "",
            p.items());
      out.printf("%nper requesting party and kind%n");
      String f2 = "  %-14s %-14s %8s %8s %9s %10s %10s %8s %8s%n";
      out.printf(
          f2,
          "PARTY",
          "KIND",
          "REQUESTS",
          "DECIDED",
          "APPROVED%",
          "MEDIAN (d)",
          "P90 (d)",
          "PENDING",
          "OVERDUE");
      for (var s : org.stabilis.permit.PermitStats.of(view, t))
        out.printf(
            f2,
            s.party(),
            s.item(),
            s.requests(),
            s.decided(),
            s.approvalRate() == null ? "-" : s.approvalRate(),
            s.medianDays() == null ? "-" : s.medianDays(),
            s.p90Days() == null ? "-" : s.p90Days(),
            s.pending(),
            s.overdue());
    }
  }

  @Command(
      name = "trace",
      description = {
        "The diversion trace (SPEC §5): for every find traced to aid, the consignment, where it entered,",
        "each movement of that item after it and the project it was meant for (as GET /api/v1/trace)."
      })
  static final class TraceReport extends DataReport {
    @Override
    void print(App app, PrintStream out) {
      app.log.read(() -> {
        var traces = app.materials.traces();
        if (traces.isEmpty()) out.println("no find is traced to a consignment");
        for (var t : traces) {
          out.printf(
              "find %s (%s, reported by %s at entry %d) ← consignment %s of %s%n",
              t.find().find(),
              t.find().category(),
              t.find().reportedBy(),
              t.find().index(),
              t.find().consignment(),
              t.find().item());
          if (t.entry() == null) out.println("  entry: not on the log");
          else
            out.printf(
                "  entered at %s into %s: %d (entry %d, %s)%n",
                t.entry().from(),
                t.entry().to(),
                t.entry().quantity(),
                t.entry().index(),
                t.entry().time());
          for (var s : t.movements())
            out.printf(
                "  %-11s %s%s %d%s (entry %d, %s)%n",
                s.kind(),
                s.from() == null ? "" : s.from(),
                s.to() == null ? "" : " → " + s.to(),
                s.quantity(),
                s.reference() == null ? "" : " [" + s.reference() + "]",
                s.index(),
                s.time());
          out.printf(
              "  meant for: %s%n", t.meantFor() == null ? "no project reached" : t.meantFor());
          if (t.projects().size() > 1)
            out.printf("  projects reached: %s%n", String.join(", ", t.projects()));
        }
        return null;
      });
    }
  }
}
