package org.stabilis.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.Auth;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * Incidents by zone, time and category, as JSON or as a GeoJSON FeatureCollection of points. A
 * concealed location or summary (SPEC §2.10) reaches only the readers entitled to it; others get
 * {@code {"concealed": true}} in its place, and in GeoJSON a null geometry.
 */
public final class IncidentRoutes {
  private final LogService log;
  private final IncidentLog incidents;
  private final Readers readers;

  public IncidentRoutes(LogService log, IncidentLog incidents, Readers readers) {
    this.log = log;
    this.incidents = incidents;
    this.readers = readers;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/incidents", this::list);
  }

  void list(Context ctx) {
    String category = ctx.queryParam("category");
    if (category != null && !EventCatalogue.INCIDENT_CATEGORIES.contains(category))
      throw ApiException.badRequest(
          "category must be one of "
              + EventCatalogue.INCIDENT_CATEGORIES.stream().sorted().toList());
    IncidentLog.Filter f =
        new IncidentLog.Filter(
            ctx.queryParam("zone"), instant(ctx, "from"), instant(ctx, "to"), category);
    String format = ctx.queryParam("format");
    if (format != null && !format.equals("geojson") && !format.equals("json"))
      throw ApiException.badRequest("format must be \"json\" or \"geojson\"");
    // Newest first, one page: the cursor is the log index of the last incident given.
    Page page = Page.of(ctx);
    long before = page.after() == null ? Long.MAX_VALUE : cursorIndex(page.after());
    List<IncidentLog.Incident> found =
        log.read(() -> incidents.newest(f, before, page.limit() + 1));
    Page.Slice<IncidentLog.Incident> slice = page.slice(found, i -> Page.newestFirst(i.index()));
    List<IncidentLog.Incident> list = slice.items();
    Reader reader = readers.of(Auth.party(ctx));
    ObjectNode out = StrictJson.mapper().createObjectNode();
    if ("geojson".equals(format)) {
      out.put("type", "FeatureCollection");
      ArrayNode features = out.putArray("features");
      for (IncidentLog.Incident i : list) {
        ObjectNode ft = features.addObject();
        ft.put("type", "Feature");
        ft.put("id", i.id());
        // RFC 7946 §3.2: a Feature without a location has a null geometry.
        if (reader.reads(i.concealed(), "location")) {
          ObjectNode g = ft.putObject("geometry");
          g.put("type", "Point");
          g.putArray("coordinates").add(i.lon()).add(i.lat());
        } else ft.putNull("geometry");
        ObjectNode props = ft.putObject("properties");
        if (!reader.reads(i.concealed(), "location")) props.set("location", Reader.concealed());
        properties(props, i, reader);
      }
      Page.next(out, slice);
      Http.json(ctx, out);
      ctx.contentType("application/geo+json"); // RFC 7946 §12
      return;
    }
    ArrayNode arr = out.putArray("incidents");
    for (IncidentLog.Incident i : list) {
      ObjectNode o = arr.addObject();
      o.put("id", i.id());
      o.set(
          "location",
          reader.json(
              i.concealed(),
              "location",
              () -> StrictJson.mapper().createArrayNode().add(i.lon()).add(i.lat())));
      properties(o, i, reader);
    }
    Page.next(out, slice);
    Http.json(ctx, out);
  }

  private static long cursorIndex(String key) {
    try {
      return Long.MAX_VALUE - Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "query parameter \"cursor\" is not a cursor of this list; take \"next\" from the previous page");
    }
  }

  private static void properties(ObjectNode o, IncidentLog.Incident i, Reader reader) {
    o.put("category", i.category()).put("severity", i.severity());
    o.set("summary", reader.json(i.concealed(), "summary", () -> o.textNode(i.summary())));
    if (i.zone() != null) o.put("zone", i.zone());
    else o.putNull("zone");
    o.put("outside_zones", i.outsideZones());
    o.put("reported_by", i.reportedBy()).put("index", i.index()).put("time", i.time().toString());
  }

  private static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "query parameter \""
              + name
              + "\" must be an RFC 3339 UTC time such as 2025-11-01T00:00:00Z");
    }
  }
}
