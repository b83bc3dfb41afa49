package org.stabilis.permit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.stabilis.catalogue.Role;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.party.PartyView;
import org.stabilis.web.ApiException;
import org.stabilis.web.AsOf;
import org.stabilis.web.Auth;
import org.stabilis.web.Csv;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * The permit queue: {@code GET /api/v1/permits} (each request, its age and whether it is overdue at
 * {@code ?time=}, default now) and {@code /api/v1/permits.csv} for the parties that take part;
 * {@code GET /api/v1/permits/stats} the aggregates, for every reader, observers included.
 */
public final class PermitRoutes {
  private final LogService log;
  private final PermitView view;
  private final PartyView parties;
  private final Clock clock;
  private final java.util.function.LongFunction<PermitView> asOf;

  /**
   * @param asOf the permits as they stood once the log held that many entries (a replay)
   */
  public PermitRoutes(
      LogService log,
      PermitView view,
      PartyView parties,
      Clock clock,
      java.util.function.LongFunction<PermitView> asOf) {
    this.log = log;
    this.view = view;
    this.parties = parties;
    this.clock = clock;
    this.asOf = asOf;
  }

  /**
   * An answer over the live view, or, with {@code ?at=N} (or {@code ?on=}), over one rebuilt from
   * the first N entries.
   */
  private <T> T answer(Context ctx, java.util.function.Function<PermitView, T> f) {
    var size = AsOf.size(ctx, log);
    if (size.isEmpty()) return log.read(() -> f.apply(view));
    return f.apply(asOf.apply(size.getAsLong()));
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/permits", this::queue);
    r.get("/api/v1/permits.csv", this::csv);
    r.get("/api/v1/permits/stats", this::stats);
  }

  private Instant time(Context ctx) {
    String t = ctx.queryParam("time");
    if (t == null) return clock.instant();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "time must be an RFC 3339 UTC time such as 2026-06-01T00:00:00Z");
    }
  }

  /** Observers read the aggregates, not who asked for what. */
  private void detailed(Context ctx) {
    String party = Auth.party(ctx);
    boolean only =
        log.read(() -> {
          for (Role r : Role.values())
            if (r != Role.OBSERVER && parties.has(party, r)) return false;
          return true;
        });
    if (only)
      throw ApiException.of(
          org.stabilis.log.ErrorCode.FORBIDDEN,
          "observers read the permit queue as aggregates: GET /api/v1/permits/stats");
  }

  void queue(Context ctx) {
    detailed(ctx);
    Instant t = time(ctx);
    Page page = Page.of(ctx);
    Http.json(ctx, answer(ctx, v -> queue(v, t, page)));
  }

  /** The whole queue at {@code t}, on one page. */
  public static ObjectNode queue(PermitView view, Instant t) {
    return queue(view, t, new Page(Integer.MAX_VALUE, null));
  }

  /**
   * One page of the queue at {@code t}, oldest request first (the cursor is the log index of the
   * last request given); {@code stats} are over every request, on every page.
   */
  public static ObjectNode queue(PermitView view, Instant t, Page page) {
    Page.Slice<PermitView.Permit> slice =
        page.sortedSlice(view.permits(), p -> Page.oldestFirst(p.index()));
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.put("time", t.toString())
        .put("required_for_dual_use", view.required())
        .put("decision_days", view.decisionDays());
    ArrayNode arr = out.putArray("permits");
    for (PermitView.Permit p : slice.items()) {
      ObjectNode o = arr.addObject();
      o.put("id", p.id()).put("party", p.party());
      ArrayNode items = o.putArray("items");
      p.items()
          .forEach((item, q) ->
              items
                  .addObject()
                  .put("item", item)
                  .put("quantity", q)
                  .put("used", p.used().getOrDefault(item, 0L)));
      if (p.project() != null) o.put("project", p.project());
      o.put("purpose", p.purpose())
          .put("index", p.index())
          .put("requested", p.requested().toString());
      o.put("state", p.pending() ? "pending" : p.approved() ? "approved" : "rejected");
      o.put("age_days", Math.round(p.ageDays(t) * 10) / 10.0);
      o.put("overdue", PermitStats.overdue(p, t, view.decisionDays()));
      if (!p.pending())
        o.put("decided_by", p.decidedBy())
            .put("decided_at", p.decidedAt())
            .put("decided", p.decided().toString())
            .put("reason", p.reason());
    }
    Page.next(out, slice);
    out.set("stats", stats(PermitStats.of(view, t)));
    return out;
  }

  void stats(Context ctx) {
    Instant t = time(ctx);
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.put("time", t.toString());
    out.set("stats", answer(ctx, v -> stats(PermitStats.of(v, t))));
    Http.json(ctx, out);
  }

  static ArrayNode stats(List<PermitStats> stats) {
    ArrayNode arr = StrictJson.mapper().createArrayNode();
    for (PermitStats s : stats) {
      ObjectNode o = arr.addObject();
      o.put("party", s.party())
          .put("kind", s.item())
          .put("requests", s.requests())
          .put("decided", s.decided())
          .put("approved", s.approved());
      if (s.approvalRate() != null) o.put("approval_rate", s.approvalRate());
      if (s.medianDays() != null) o.put("median_days_to_decision", s.medianDays());
      if (s.p90Days() != null) o.put("p90_days_to_decision", s.p90Days());
      o.put("pending", s.pending()).put("overdue", s.overdue());
    }
    return arr;
  }

  void csv(Context ctx) {
    detailed(ctx);
    Instant t = time(ctx);
    Csv.send(ctx, "permits.csv", answer(ctx, v -> csv(v, t)));
  }

  /**
   * One row per requested item: the request, its state, age and whether it is overdue at {@code t}.
   */
  public static String csv(PermitView view, Instant t) {
    StringBuilder sb = new StringBuilder();
    Csv.row(
        sb,
        "permit",
        "party",
        "item",
        "quantity",
        "used",
        "project",
        "purpose",
        "requested",
        "state",
        "age_days",
        "overdue",
        "decided",
        "request_index",
        "decision_index");
    Csv.row(
        sb,
        "#meta+id",
        "#org+code",
        "#item+code",
        "#meta+qty+requested",
        "#meta+qty+used",
        "#activity+code",
        "#description",
        "#date+requested",
        "#status",
        "#meta+age+days",
        "#status+overdue",
        "#date+decided",
        "#meta+index+requested",
        "#meta+index+decided");
    for (PermitView.Permit p : view.permits())
      for (var it : p.items().entrySet())
        Csv.row(
            sb,
            p.id(),
            p.party(),
            it.getKey(),
            Long.toString(it.getValue()),
            Long.toString(p.used().getOrDefault(it.getKey(), 0L)),
            p.project() == null ? "" : p.project(),
            p.purpose(),
            p.requested().toString(),
            p.pending() ? "pending" : p.approved() ? "approved" : "rejected",
            Double.toString(Math.round(p.ageDays(t) * 10) / 10.0),
            Boolean.toString(PermitStats.overdue(p, t, view.decisionDays())),
            p.decided() == null ? "" : p.decided().toString(),
            Long.toString(p.index()),
            p.pending() ? "" : Long.toString(p.decidedAt()));
    return sb.toString();
  }
}
