package org.stabilis.reconstruction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.Http;

/** Projects with their gate state: pending (and since when), approved, rejected, or frozen. */
public final class ProjectRoutes {
  private final LogService log;
  private final Projects projects;
  private final java.util.function.LongFunction<Projects> asOf;

  /** @param asOf the projects (with the zones they are gated by) rebuilt from the first N entries */
  public ProjectRoutes(LogService log, Projects projects, java.util.function.LongFunction<Projects> asOf) {
    this.log = log;
    this.projects = projects;
    this.asOf = asOf;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/projects", this::list);
    r.get("/api/v1/projects/{id}", this::one);
  }

  void list(Context ctx) {
    String zone = ctx.queryParam("zone");
    var at = org.stabilis.web.AsOf.size(ctx, log);
    java.util.function.Function<Projects, ObjectNode> answer = book -> {
      ObjectNode out = StrictJson.mapper().createObjectNode();
      ArrayNode arr = out.putArray("projects");
      for (Projects.Project p : book.all())
        if (zone == null || zone.equals(p.zone())) arr.add(json(book, p));
      return out;
    };
    Http.json(ctx, at.isEmpty() ? log.read(() -> answer.apply(projects)) : answer.apply(asOf.apply(at.getAsLong())));
  }

  void one(Context ctx) {
    String id = ctx.pathParam("id");
    Http.json(ctx, log.read(() -> json(projects, projects.get(id)
        .orElseThrow(() -> ApiException.notFound("project \"" + id + "\" is not registered")))));
  }

  private static ObjectNode json(Projects projects, Projects.Project p) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("id", p.id());
    if (p.name() != null) o.put("name", p.name());
    o.put("zone", p.zone()).put("implementer", p.implementer()).put("kind", p.kind());
    o.putArray("location").add(p.lon()).add(p.lat());
    Projects.GateState g = projects.gateState(p);
    o.put("gate_state", g.wire());
    o.put("frozen", g == Projects.GateState.FROZEN);
    o.put("registered_at", p.registeredAt()).put("registered_time", p.registeredTime().toString());
    if (g == Projects.GateState.PENDING) o.put("waiting_since", p.registeredTime().toString());
    if (p.decidedAt() >= 0) {
      o.put("decided_at", p.decidedAt()).put("decided_time", p.decidedTime().toString());
      if (p.reason() != null) o.put("reason", p.reason());
    }
    ArrayNode bom = o.putArray("materials");
    p.materials().forEach((item, q) -> bom.addObject().put("item", item).put("quantity", q));
    return o;
  }
}
