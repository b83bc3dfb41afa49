package org.stabilis.obligation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.AsOf;
import org.stabilis.web.Csv;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * {@code GET /api/v1/obligations[?date=YYYY-MM-DD][&at=N]}: phases with their obligations and
 * states for that date (default today, by the server clock), and per party what it owes and what is
 * owed beside it; {@code /api/v1/obligations.csv} the same rows with HXL hashtags.
 */
public final class ObligationRoutes {
  private final LogService log;
  private final ObligationView view;
  private final Clock clock;

  public ObligationRoutes(LogService log, ObligationView view, Clock clock) {
    this.log = log;
    this.view = view;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/obligations", this::list);
    r.get("/api/v1/obligations.csv", this::csv);
  }

  private LocalDate date(Context ctx) {
    String d = ctx.queryParam("date");
    if (d == null) return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      return LocalDate.parse(d);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("date must be YYYY-MM-DD; got \"" + Http.abbreviate(d) + "\"");
    }
  }

  void list(Context ctx) {
    LocalDate date = date(ctx);
    Page page = Page.of(ctx);
    Http.json(ctx, answer(ctx, v -> json(v, date, page)));
  }

  /**
   * An answer over the live view, or, with {@code ?at=N} (or {@code ?on=}), over one rebuilt from
   * the first N entries.
   */
  private <T> T answer(Context ctx, java.util.function.Function<ObligationView, T> f) {
    var asOf = AsOf.size(ctx, log);
    if (asOf.isEmpty()) return log.read(() -> f.apply(view));
    Obligations past = new Obligations(p -> true);
    log.replayInto(asOf.getAsLong(), List.of(past));
    return f.apply(past);
  }

  /** The whole answer of {@code GET /api/v1/obligations} for {@code date}, on one page. */
  public static ObjectNode json(ObligationView view, LocalDate date) {
    return json(view, date, new Page(Integer.MAX_VALUE, null));
  }

  /** One line of the list: an obligation in its phase, or a phase that has none. */
  private record Line(ObligationView.Phase phase, ObligationView.Obligation obligation) {
    /** Phase order, then the phase's entry, then the obligation's: the order of the answer. */
    String key() {
      return String.format(
          "%010d.%019d.%019d",
          phase.order(), phase.index(), obligation == null ? 0 : obligation.index());
    }
  }

  /**
   * One page of {@code GET /api/v1/obligations} for {@code date}: the page counts obligations (and
   * phases without any), in phase order; each phase of the page is given with its obligations on
   * this page (a phase across two pages appears on both), and {@code parties}: every obligated
   * party with what it owes and is owed among them.
   */
  public static ObjectNode json(ObligationView view, LocalDate date, Page page) {
    List<Line> lines = new ArrayList<>();
    for (ObligationView.Phase p : view.phases()) {
      if (p.obligations().isEmpty()) lines.add(new Line(p, null));
      for (ObligationView.Obligation ob : p.obligations()) lines.add(new Line(p, ob));
    }
    Page.Slice<Line> slice = page.sortedSlice(lines, Line::key);
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.put("date", date.toString());
    ArrayNode ps = out.putArray("phases");
    ObjectNode parties = out.putObject("parties");
    // Every obligated party, with what it owes and is owed among this page's obligations.
    for (String party : view.obligatedParties()) party(parties, party);
    ObligationView.Phase current = null;
    ArrayNode obs = null;
    for (Line l : slice.items()) {
      ObligationView.Phase p = l.phase();
      if (p != current) {
        current = p;
        ObjectNode o = ps.addObject();
        o.put("id", p.id())
            .put("order", p.order())
            .put("title", p.title())
            .put("source", p.source())
            .put("index", p.index())
            .put("complete", p.complete());
        obs = o.putArray("obligations");
      }
      ObligationView.Obligation ob = l.obligation();
      if (ob == null) continue;
      obs.add(json(ob, date));
      if (ob.confirmed() != null) continue;
      // Owed by its party; owed to every other party bound in the same phase.
      owes(parties, ob.party())
          .addObject()
          .put("id", ob.id())
          .put("phase", p.id())
          .put("state", ob.stateOn(date).wire());
      for (String other : view.obligatedParties())
        if (!other.equals(ob.party()) && bound(p, other))
          owed(parties, other)
              .addObject()
              .put("id", ob.id())
              .put("phase", p.id())
              .put("by", ob.party())
              .put("state", ob.stateOn(date).wire());
    }
    Page.next(out, slice);
    return out;
  }

  private static boolean bound(ObligationView.Phase p, String party) {
    return p.obligations().stream().anyMatch(o -> o.party().equals(party));
  }

  private static ObjectNode party(ObjectNode parties, String party) {
    ObjectNode po = (ObjectNode) parties.get(party);
    if (po == null) {
      po = parties.putObject(party);
      po.putArray("owes");
      po.putArray("owed");
    }
    return po;
  }

  private static ArrayNode owes(ObjectNode parties, String party) {
    return (ArrayNode) party(parties, party).get("owes");
  }

  private static ArrayNode owed(ObjectNode parties, String party) {
    return (ArrayNode) party(parties, party).get("owed");
  }

  static ObjectNode json(ObligationView.Obligation ob, LocalDate date) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("id", ob.id()).put("party", ob.party()).put("title", ob.title());
    if (ob.due() != null) o.put("due", ob.due().toString());
    if (ob.measure() != null) o.put("measure", ob.measure());
    o.put("source", ob.source()).put("state", ob.stateOn(date).wire()).put("index", ob.index());
    if (ob.reported() != null) o.set("reported", json(ob.reported()));
    if (ob.confirmed() != null) o.set("confirmed", json(ob.confirmed()));
    return o;
  }

  private static ObjectNode json(ObligationView.Report r) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("party", r.party()).put("index", r.index()).put("time", r.time().toString());
    r.evidence().forEach(o.putArray("evidence")::add);
    if (r.note() != null) o.put("note", r.note());
    return o;
  }

  void csv(Context ctx) {
    LocalDate date = date(ctx);
    Csv.send(ctx, "obligations.csv", answer(ctx, v -> csv(v, date)));
  }

  /**
   * One row per obligation: phase, party, title, due date, state on {@code date}, the entries
   * behind it.
   */
  public static String csv(ObligationView view, LocalDate date) {
    StringBuilder sb = new StringBuilder();
    Csv.row(
        sb,
        "phase",
        "phase_order",
        "phase_complete",
        "obligation",
        "party",
        "title",
        "due",
        "measure",
        "state",
        "defined_at",
        "reported_at",
        "confirmed_at",
        "confirmed_by",
        "source");
    Csv.row(
        sb,
        "#activity+code+phase",
        "#meta+order",
        "#status+phase",
        "#activity+code",
        "#org+code",
        "#activity+name",
        "#date+due",
        "#indicator+text",
        "#status",
        "#meta+index+defined",
        "#meta+index+reported",
        "#meta+index+confirmed",
        "#org+code+confirmed",
        "#meta+source");
    for (ObligationView.Phase p : view.phases())
      for (ObligationView.Obligation o : p.obligations())
        Csv.row(
            sb,
            p.id(),
            Integer.toString(p.order()),
            p.complete() ? "complete" : "open",
            o.id(),
            o.party(),
            o.title(),
            o.due() == null ? "" : o.due().toString(),
            o.measure() == null ? "" : o.measure(),
            o.stateOn(date).wire(),
            Long.toString(o.index()),
            o.reported() == null ? "" : Long.toString(o.reported().index()),
            o.confirmed() == null ? "" : Long.toString(o.confirmed().index()),
            o.confirmed() == null ? "" : o.confirmed().party(),
            o.source());
    return sb.toString();
  }
}
