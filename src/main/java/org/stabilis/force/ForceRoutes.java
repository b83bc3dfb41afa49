package org.stabilis.force;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/** HTTP interface of mandate coverage (SPEC §5): tasks, pledges, coverage, what-if. */
public final class ForceRoutes {
  private static final int MAX_WHAT_IF_BYTES = 256 * 1024;
  private final CoverageService coverage;
  private final Clock clock;

  /**
   * @param clock the server clock: {@code ?date} defaults to its day (UTC)
   */
  public ForceRoutes(CoverageService coverage, Clock clock) {
    this.coverage = coverage;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/coverage", this::coverage);
    r.post("/api/v1/coverage/what-if", this::whatIf);
    r.get("/api/v1/tasks", this::tasks);
    r.get("/api/v1/pledges", this::pledges);
    r.get(
        "/api/v1/capabilities", ctx -> Http.json(ctx, Map.of("capabilities", Capabilities.all())));
  }

  void coverage(Context ctx) {
    var asOf = org.stabilis.web.AsOf.size(ctx, coverage.log());
    LocalDate date = date(ctx);
    Http.json(
        ctx,
        (asOf.isEmpty() ? coverage.current(date) : coverage.asOf(asOf.getAsLong(), date)).json());
  }

  /**
   * SPEC §4 "Coverage as of a date": {@code ?date=YYYY-MM-DD}, else today by the server clock
   * (UTC).
   */
  private LocalDate date(Context ctx) {
    String d = ctx.queryParam("date");
    if (d == null) return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      return LocalDate.parse(d);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "date must be a date YYYY-MM-DD; got \"" + Http.abbreviate(d) + "\"");
    }
  }

  void whatIf(Context ctx) {
    if (ctx.bodyAsBytes().length > MAX_WHAT_IF_BYTES)
      throw ApiException.badRequest("the what-if body is limited to 256 KiB");
    JsonNode body;
    try {
      body = StrictJson.mapper().readTree(ctx.bodyAsBytes());
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
    }
    List<WhatIf.Change> changes;
    try {
      changes = WhatIf.parse(body);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    CoverageService.WhatIfAnswer a;
    try {
      a = coverage.whatIf(changes, date(ctx));
    } catch (WhatIf.UnknownReference e) {
      throw new ApiException(Rejection.rule(e.code(), e.getMessage()));
    }
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.set("coverage", a.changed().json());
    out.set("diff", a.changed().diffFrom(a.current()));
    Http.json(ctx, out);
  }

  void tasks(Context ctx) {
    Page page = Page.of(ctx);
    ArrayNode out = StrictJson.mapper().createArrayNode();
    Page.Slice<Task> slice =
        page.sortedSlice(
            coverage.log().read(() -> List.copyOf(coverage.force().tasks())), Task::id);
    for (Task t : slice.items()) {
      ObjectNode j =
          out.addObject()
              .put("id", t.id())
              .put("title", t.title())
              .put("source", t.source())
              .put("priority", t.priority())
              .put("use_of_force", t.useOfForce());
      ArrayNode rs = j.putArray("requirements");
      t.requirements()
          .forEach(r -> rs.addObject().put("capability", r.capability()).put("units", r.units()));
      ArrayNode zs = j.putArray("zones");
      t.zones().forEach(zs::add);
      if (t.fallbackParty() != null) j.put("fallback_party", t.fallbackParty());
      if (t.needBy() != null) j.put("need_by", t.needBy().toString());
    }
    Http.json(ctx, Page.answer("tasks", out, slice));
  }

  void pledges(Context ctx) {
    Page page = Page.of(ctx);
    ArrayNode out = StrictJson.mapper().createArrayNode();
    var histories = coverage.log().read(() -> new TreeMap<>(coverage.force().histories()));
    Page.Slice<String> slice = page.slice(List.copyOf(histories.keySet()), id -> id);
    for (String id : slice.items()) {
      var history = histories.get(id);
      Pledge.Version last = history.getLast();
      ObjectNode j = pledgeJson(out.addObject(), last.pledge());
      j.put("status", last.type().equals("pledge.withdrawn") ? "withdrawn" : "active");
      ArrayNode h = j.putArray("history");
      for (Pledge.Version v : history) {
        ObjectNode vj =
            h.addObject()
                .put("index", v.index())
                .put("type", v.type())
                .put("time", v.time().toString());
        if (v.reason() != null) vj.put("reason", v.reason());
      }
    }
    Http.json(ctx, Page.answer("pledges", out, slice));
  }

  static ObjectNode pledgeJson(ObjectNode j, Pledge p) {
    j.put("id", p.id())
        .put("party", p.party())
        .put("unit", p.unit())
        .put("capability", p.capability())
        .put("personnel", p.personnel())
        .put("readiness", p.readiness().wire())
        .put("available_from", p.availableFrom().toString());
    ObjectNode c = j.putObject("caveats");
    p.caveats().excludedTasks().stream().sorted().forEach(c.putArray("excluded_tasks")::add);
    if (!c.has("excluded_tasks")) c.putArray("excluded_tasks");
    ArrayNode zs = c.putArray("excluded_zones");
    p.caveats().excludedZones().stream().sorted().forEach(zs::add);
    c.put("no_use_of_force", p.caveats().noUseOfForce());
    if (p.caveats().conditions() != null) c.put("conditions", p.caveats().conditions());
    j.put("illustrative", p.illustrative());
    if (p.source() != null) j.put("source", p.source());
    return j;
  }
}
