package org.stabilis.reconstruction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.AsOf;
import org.stabilis.web.Auth;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * Projects with their gate state: pending (and since when), approved, rejected, or frozen. A
 * concealed location (SPEC §2.10) reaches only the readers entitled to it.
 */
public final class ProjectRoutes {
  private final LogService log;
  private final Projects projects;
  private final Readers readers;
  private final LongFunction<Projects> asOf;

  /**
   * @param asOf the projects (with the zones they are gated by) rebuilt from the first N entries
   */
  public ProjectRoutes(
      LogService log, Projects projects, Readers readers, LongFunction<Projects> asOf) {
    this.log = log;
    this.projects = projects;
    this.readers = readers;
    this.asOf = asOf;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/projects", this::list);
    r.get("/api/v1/projects/{id}", this::one);
  }

  void list(Context ctx) {
    String zone = ctx.queryParam("zone");
    Reader reader = readers.of(Auth.party(ctx));
    Page page = Page.of(ctx);
    OptionalLong at = AsOf.size(ctx, log);
    Function<Projects, ObjectNode> answer =
        book -> {
          ObjectNode out = StrictJson.mapper().createObjectNode();
          ArrayNode arr = out.putArray("projects");
          List<Projects.Project> inZone = new ArrayList<>();
          for (Projects.Project p : book.all())
            if (zone == null || zone.equals(p.zone())) inZone.add(p);
          Page.Slice<Projects.Project> slice = page.sortedSlice(inZone, Projects.Project::id);
          for (Projects.Project p : slice.items()) arr.add(json(book, p, reader));
          Page.next(out, slice);
          return out;
        };
    Http.json(
        ctx,
        at.isEmpty()
            ? log.read(() -> answer.apply(projects))
            : answer.apply(asOf.apply(at.getAsLong())));
  }

  void one(Context ctx) {
    String id = ctx.pathParam("id");
    Reader reader = readers.of(Auth.party(ctx));
    Http.json(
        ctx,
        log.read(() ->
            json(
                projects,
                projects
                    .get(id)
                    .orElseThrow(
                        () -> ApiException.notFound("project \"" + id + "\" is not registered")),
                reader)));
  }

  private static ObjectNode json(Projects projects, Projects.Project p, Reader reader) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("id", p.id());
    if (p.name() != null) o.put("name", p.name());
    o.put("zone", p.zone()).put("implementer", p.implementer()).put("kind", p.kind());
    o.set(
        "location",
        reader.json(p.registration(), "location", () -> o.arrayNode().add(p.lon()).add(p.lat())));
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
