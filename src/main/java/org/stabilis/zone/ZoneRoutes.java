package org.stabilis.zone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.stabilis.log.LogService;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.party.PartyView;
import org.stabilis.catalogue.Role;
import org.stabilis.web.ApiException;
import org.stabilis.web.Auth;
import org.stabilis.web.Http;

/**
 * Zones as GeoJSON (RFC 7946), zone detail with its status history, and demilitarization items.
 * {@code ?at=N} answers as of the log of size N (entries with index below N), by replaying them.
 */
public final class ZoneRoutes {
  private final LogService log;
  private final ZoneBook zones;
  private final PartyView parties;
  private final java.time.Clock clock;

  public ZoneRoutes(LogService log, ZoneBook zones, PartyView parties, java.time.Clock clock) {
    this.log = log;
    this.zones = zones;
    this.parties = parties;
    this.clock = clock;
  }

  /** The time a status is shown for: {@code ?time=} (RFC 3339 UTC), else now. */
  private java.time.Instant shownFor(Context ctx) {
    String t = ctx.queryParam("time");
    if (t == null) return clock.instant();
    try {
      return java.time.Instant.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest("time must be an RFC 3339 UTC time such as 2026-06-01T00:00:00Z");
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
    long size = asOf.getAsLong();
    ZoneBook past = new ZoneBook(p -> true);
    log.replayInto(size, List.of(past));
    return f.apply(past);
  }

  void list(Context ctx) {
    java.time.Instant t = shownFor(ctx);
    Http.json(ctx, view(ctx, b -> featureCollection(b, t)));
    ctx.contentType(GEOJSON);
  }

  /** RFC 7946 §12: the media type of GeoJSON. */
  private static final String GEOJSON = "application/geo+json";

  void detail(Context ctx) {
    String id = ctx.pathParam("id");
    java.time.Instant shown = shownFor(ctx);
    Http.json(ctx, view(ctx, b -> {
      ZoneBook.Zone z = b.zone(id).orElseThrow(() -> ApiException.notFound("zone \"" + id + "\" is not defined"));
      ObjectNode f = feature(b, z, shown);
      ObjectNode p = (ObjectNode) f.get("properties");
      ArrayNode hist = p.putArray("status_history");
      for (ZoneBook.Transition t : z.transitions()) {
        ObjectNode h = hist.addObject();
        h.put("from", t.from().wire());
        h.put("to", t.to().wire());
        h.put("reason", t.reason());
        h.put("index", t.index());
        t.indices().forEach(h.putArray("indices")::add);
        t.evidence().forEach(h.putArray("evidence")::add);
        h.put("time", t.time().toString());
      }
      ArrayNode ctl = p.putArray("control_history");
      for (ZoneBook.ControlChange c : z.controlHistory())
        ctl.addObject().put("controller", c.controller()).put("index", c.index()).put("time", c.time().toString());
      return f;
    }));
    ctx.contentType(GEOJSON);
  }

  void items(Context ctx) {
    String party = Auth.party(ctx);
    // Item locations point at weapons and caches: for the parties that handle them, not for observers.
    if (!(parties.has(party, Role.COORDINATOR) || parties.has(party, Role.SECURITY) || parties.has(party, Role.INSPECTOR)))
      throw new ApiException(Rejection.forbidden("demilitarization items are shown to the coordinator, security forces and inspectors; "
          + "observers read the per-zone figures at /api/v1/zones"));
    String zone = ctx.queryParam("zone");
    String category = ctx.queryParam("category");
    Http.json(ctx, log.read(() -> {
      ObjectNode out = StrictJson.mapper().createObjectNode();
      ArrayNode arr = out.putArray("items");
      for (ZoneBook.Item i : zones.items()) {
        if (zone != null && !zone.equals(i.zone())) continue;
        if (category != null && !category.equals(i.category())) continue;
        ObjectNode o = arr.addObject();
        o.put("id", i.id()).put("zone", i.zone()).put("category", i.category()).put("count", i.count());
        o.putArray("location").add(i.lon()).add(i.lat());
        o.put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
        o.put("reported_by", i.reportedBy()).put("reported_at", i.reportedAt()).put("reported_time", i.reportedTime().toString());
        if (i.method() != null) o.put("method", i.method());
        if (i.decommissionedAt() >= 0) o.put("decommissioned_at", i.decommissionedAt());
        if (i.verifiedAt() >= 0) o.put("verified_at", i.verifiedAt());
        i.evidence().forEach(o.putArray("evidence")::add);
      }
      return out;
    }));
  }

  /** RFC 7946 §3.3 FeatureCollection of every zone, status and figures as properties. */
  public static ObjectNode featureCollection(ZoneBook b) {
    return featureCollection(b, null);
  }

  /**
   * As {@link #featureCollection(ZoneBook)} with each status shown for time {@code t} (a zone
   * under review inside its window shows {@code under-review}); null shows the status the entries decided.
   */
  public static ObjectNode featureCollection(ZoneBook b, java.time.Instant t) {
    ObjectNode fc = StrictJson.mapper().createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (ZoneBook.Zone z : b.zones()) features.add(feature(b, z, t));
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
    z.review().ifPresent(r -> {
      ObjectNode rv = p.putObject("review");
      r.incidents().forEach(rv.putArray("incidents")::add);
      r.indices().forEach(rv.putArray("indices")::add);
      rv.put("since", r.since().toString()).put("until", r.until().toString());
    });
    if (!z.certifications().isEmpty()) {
      ArrayNode cs = p.putArray("certifications");
      z.certifications().forEach((party, idx) -> cs.addObject().put("party", party).put("index", idx));
    }
    p.put("controller", z.controller());
    p.put("illustrative", z.illustrative);
    if (z.source != null) p.put("source", z.source);
    p.put("defined_at", z.definedAt);
    if (!z.transitions().isEmpty()) p.put("status_since", z.transitions().getLast().index());
    ZoneBook.Figures t = b.totals(z);
    ObjectNode demil = p.putObject("demil");
    if (t.estimate() >= 0) demil.put("estimate", t.estimate());
    demil.put("reported", t.reported()).put("decommissioned", t.decommissioned()).put("verified", t.verified());
    Double share = b.overallShare(z);
    if (share != null) demil.put("decommissioned_share", share);
    ObjectNode cats = demil.putObject("categories");
    for (Map.Entry<String, ZoneBook.Figures> c : b.figures(z).entrySet()) {
      ZoneBook.Figures x = c.getValue();
      ObjectNode o = cats.putObject(c.getKey());
      if (x.estimate() >= 0) o.put("estimate", x.estimate());
      o.put("reported", x.reported()).put("decommissioned", x.decommissioned()).put("verified", x.verified());
      if (x.share() != null) o.put("decommissioned_share", x.share());
    }
    return f;
  }
}
