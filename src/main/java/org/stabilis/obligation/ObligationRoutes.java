package org.stabilis.obligation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.Csv;
import org.stabilis.web.Http;

/**
 * {@code GET /api/v1/obligations[?date=YYYY-MM-DD]}: phases with their obligations and states for
 * that date (default today, by the server clock), and per party what it owes and what is owed
 * beside it; {@code /api/v1/obligations.csv} the same rows with HXL hashtags.
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
    Http.json(ctx, log.read(() -> json(view, date)));
  }

  /** The answer of {@code GET /api/v1/obligations} for {@code date}. */
  public static ObjectNode json(ObligationView view, LocalDate date) {
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.put("date", date.toString());
    ArrayNode ps = out.putArray("phases");
    List<ObligationView.Phase> phases = view.phases();
    for (ObligationView.Phase p : phases) {
      ObjectNode o = ps.addObject();
      o.put("id", p.id())
          .put("order", p.order())
          .put("title", p.title())
          .put("source", p.source())
          .put("index", p.index())
          .put("complete", p.complete());
      ArrayNode obs = o.putArray("obligations");
      for (ObligationView.Obligation ob : p.obligations()) obs.add(json(ob, date));
    }
    ObjectNode parties = out.putObject("parties");
    for (String party : view.obligatedParties()) {
      ObjectNode po = parties.putObject(party);
      ArrayNode owes = po.putArray("owes");
      ArrayNode owed = po.putArray("owed");
      for (ObligationView.Phase p : phases) {
        boolean bound = p.obligations().stream().anyMatch(o -> o.party().equals(party));
        for (ObligationView.Obligation ob : p.obligations()) {
          if (ob.confirmed() != null) continue;
          if (ob.party().equals(party))
            owes.addObject()
                .put("id", ob.id())
                .put("phase", p.id())
                .put("state", ob.stateOn(date).wire());
          else if (bound)
            owed.addObject()
                .put("id", ob.id())
                .put("phase", p.id())
                .put("by", ob.party())
                .put("state", ob.stateOn(date).wire());
        }
      }
    }
    return out;
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
    Csv.send(ctx, "obligations.csv", log.read(() -> csv(view, date)));
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
