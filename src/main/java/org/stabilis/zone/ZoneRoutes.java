package org.stabilis.zone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.ApiException;
import org.stabilis.web.Auth;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * Zones as GeoJSON (RFC 7946), zone detail with its status history, and demilitarization items.
 * {@code ?at=N} answers as of the log of size N (entries with index below N), by replaying them.
 * Concealed values (SPEC §2.10) are shown to the readers entitled to them ({@link Reader}); who may
 * open each view is {@link org.stabilis.catalogue.Views}' table.
 */
public final class ZoneRoutes {
  private final LogService log;
  private final ZoneBook zones;
  private final java.time.Clock clock;
  private final Readers readers;
  private final java.util.function.LongFunction<ZoneBook> past;

  /**
   * @param past the zone book as of a log of the given size, folded with what it reads (the
   *     incidents)
   */
  public ZoneRoutes(
      LogService log,
      ZoneBook zones,
      java.time.Clock clock,
      Readers readers,
      java.util.function.LongFunction<ZoneBook> past) {
    this.log = log;
    this.zones = zones;
    this.clock = clock;
    this.readers = readers;
    this.past = past;
  }

  /** The time a status is shown for: {@code ?time=} (RFC 3339 UTC), else now. */
  private java.time.Instant shownFor(Context ctx) {
    String t = ctx.queryParam("time");
    if (t == null) return clock.instant();
    try {
      return java.time.Instant.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest(
          "time must be an RFC 3339 UTC time such as 2026-06-01T00:00:00Z");
    }
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/zones", this::list);
    r.get("/api/v1/zones/{id}", this::detail);
    r.get("/api/v1/demil/items", this::items);
  }

  /** A view of the zones: the live one, or one rebuilt from the first {@code at} entries. */
  private <T> T view(Context ctx, java.util.function.Function<ZoneBook, T> f) {
    var asOf = org.stabilis.web.AsOf.size(ctx, log);
    if (asOf.isEmpty()) return log.read(() -> f.apply(zones));
    return f.apply(past.apply(asOf.getAsLong()));
  }

  void list(Context ctx) {
    java.time.Instant t = shownFor(ctx);
    Page page = Page.of(ctx);
    Http.json(ctx, view(ctx, b -> featureCollection(b, page, t)));
    ctx.contentType(GEOJSON);
  }

  /** RFC 7946 §12: the media type of GeoJSON. */
  private static final String GEOJSON = "application/geo+json";

  void detail(Context ctx) {
    String id = ctx.pathParam("id");
    java.time.Instant shown = shownFor(ctx);
    Reader reader = readers.of(Auth.party(ctx));
    Http.json(
        ctx,
        view(
            ctx,
            b -> {
              ZoneBook.Zone z =
                  b.zone(id)
                      .orElseThrow(
                          () -> ApiException.notFound("zone \"" + id + "\" is not defined"));
              ObjectNode f = feature(b, z, shown);
              ObjectNode p = (ObjectNode) f.get("properties");
              ArrayNode hist = p.putArray("status_history");
              for (ZoneBook.Transition t : z.transitions()) {
                ObjectNode h = hist.addObject();
                h.put("from", t.from().wire());
                h.put("to", t.to().wire());
                if (!t.quotesReason() || reader.reads(t.source(), "reason"))
                  h.put("reason", t.reason());
                else h.set("reason", Reader.concealed());
                h.put("index", t.index());
                t.indices().forEach(h.putArray("indices")::add);
                h.set("evidence", reader.json(t.source(), "evidence", () -> digests(t.evidence())));
                h.put("time", t.time().toString());
              }
              ArrayNode ctl = p.putArray("control_history");
              for (ZoneBook.ControlChange c : z.controlHistory())
                ctl.addObject()
                    .put("controller", c.controller())
                    .put("index", c.index())
                    .put("time", c.time().toString());
              return f;
            }));
    ctx.contentType(GEOJSON);
  }

  private static ArrayNode digests(List<String> ds) {
    ArrayNode a = StrictJson.mapper().createArrayNode();
    ds.forEach(a::add);
    return a;
  }

  void items(Context ctx) {
    // Who may open this view at all (not observers) is the Views table's, checked before this
    // handler.
    Reader reader = readers.of(Auth.party(ctx));
    String zone = ctx.queryParam("zone");
    String category = ctx.queryParam("category");
    Page page = Page.of(ctx);
    Http.json(
        ctx,
        log.read(() -> {
          ObjectNode out = StrictJson.mapper().createObjectNode();
          ArrayNode arr = out.putArray("items");
          List<ZoneBook.Item> chosen = new ArrayList<>();
          for (ZoneBook.Item i : zones.items())
            if ((zone == null || zone.equals(i.zone()))
                && (category == null || category.equals(i.category()))) chosen.add(i);
          Page.Slice<ZoneBook.Item> slice = page.sortedSlice(chosen, ZoneBook.Item::id);
          Page.next(out, slice);
          for (ZoneBook.Item i : slice.items()) {
            ObjectNode o = arr.addObject();
            o.put("id", i.id())
                .put("zone", i.zone())
                .put("category", i.category())
                .put("count", i.count());
            o.set(
                "location",
                reader.json(
                    i.report(),
                    "location",
                    () -> StrictJson.mapper().createArrayNode().add(i.lon()).add(i.lat())));
            o.put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
            o.put("reported_by", i.reportedBy())
                .put("reported_at", i.reportedAt())
                .put("reported_time", i.reportedTime().toString());
            if (i.method() != null) o.put("method", i.method());
            if (i.decommissionedAt() >= 0) o.put("decommissioned_at", i.decommissionedAt());
            if (i.verifiedAt() >= 0) o.put("verified_at", i.verifiedAt());
            // Each entry's digests in their place, or {"concealed": true} for an entry that
            // conceals them from this reader.
            ArrayNode ev = o.putArray("evidence");
            for (ZoneBook.Evidence e : i.evidence()) {
              if (reader.reads(e.from(), "evidence")) e.digests().forEach(ev::add);
              else ev.add(Reader.concealed());
            }
          }
          return out;
        }));
  }

  /** The FeatureCollection of every zone at once (the API gives it page by page). */
  public static ObjectNode featureCollection(ZoneBook b) {
    return featureCollection(b, new Page(Integer.MAX_VALUE, null), null);
  }

  /**
   * RFC 7946 §3.3 FeatureCollection of one page of zones (by id), status and figures as properties,
   * each status shown for time {@code t} (a zone under review inside its window shows {@code
   * under-review}; null shows the status the entries decided); {@code "next"} is a foreign member
   * (§6.1) naming the following page.
   */
  public static ObjectNode featureCollection(ZoneBook b, Page page, java.time.Instant t) {
    ObjectNode fc = StrictJson.mapper().createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    Page.Slice<ZoneBook.Zone> slice = page.sortedSlice(b.zones(), z -> z.id);
    for (ZoneBook.Zone z : slice.items()) features.add(feature(b, z, t));
    Page.next(fc, slice);
    ObjectNode policy = fc.putObject("gate_policy");
    policy.put("require_verified_zone", b.policy().requireVerifiedZone());
    policy.put("min_decommissioned_share", b.policy().minDecommissionedShare());
    if (b.policy().setAt() >= 0) policy.put("set_at", b.policy().setAt());
    b.policy().exemptKinds().forEach(policy.putArray("exempt_kinds")::add);
    b.policy().restrictedItems().forEach(policy.putArray("restricted_items")::add);
    DecisionPolicy d = b.decisions();
    ObjectNode dec = fc.putObject("decision_rules");
    dec.put("certification_quorum", d.certificationQuorum());
    dec.put("suspension", d.onConfirmation() ? "on-confirmation" : "immediate");
    if (d.onConfirmation()) dec.put("confirm_within_hours", d.confirmWithin().toHours());
    if (d.setAt() >= 0) dec.put("set_at", d.setAt());
    return fc;
  }

  static ObjectNode feature(ZoneBook b, ZoneBook.Zone z, java.time.Instant shownFor) {
    ObjectNode f = StrictJson.mapper().createObjectNode();
    f.put("type", "Feature");
    f.put("id", z.id);
    f.set("geometry", Geo.toGeoJson(z.geometry));
    ObjectNode p = f.putObject("properties");
    p.put("name", z.name);
    p.put("status", (shownFor == null ? z.status() : z.statusOn(shownFor)).wire());
    z.review()
        .ifPresent(r -> {
          ObjectNode rv = p.putObject("review");
          r.incidents().forEach(rv.putArray("incidents")::add);
          r.indices().forEach(rv.putArray("indices")::add);
          rv.put("since", r.since().toString()).put("until", r.until().toString());
        });
    if (!z.certifications().isEmpty()) {
      ArrayNode cs = p.putArray("certifications");
      z.certifications()
          .forEach((party, idx) -> cs.addObject().put("party", party).put("index", idx));
    }
    p.put("controller", z.controller());
    p.put("illustrative", z.illustrative);
    if (z.source != null) p.put("source", z.source);
    p.put("defined_at", z.definedAt);
    if (!z.transitions().isEmpty()) p.put("status_since", z.transitions().getLast().index());
    ZoneBook.Figures t = b.totals(z);
    ObjectNode demil = p.putObject("demil");
    if (t.estimate() >= 0) demil.put("estimate", t.estimate());
    demil
        .put("reported", t.reported())
        .put("decommissioned", t.decommissioned())
        .put("verified", t.verified());
    Double share = b.overallShare(z);
    if (share != null) demil.put("decommissioned_share", share);
    ObjectNode cats = demil.putObject("categories");
    for (Map.Entry<String, ZoneBook.Figures> c : b.figures(z).entrySet()) {
      ZoneBook.Figures x = c.getValue();
      ObjectNode o = cats.putObject(c.getKey());
      if (x.estimate() >= 0) o.put("estimate", x.estimate());
      o.put("reported", x.reported())
          .put("decommissioned", x.decommissioned())
          .put("verified", x.verified());
      if (x.share() != null) o.put("decommissioned_share", x.share());
    }
    return f;
  }
}
