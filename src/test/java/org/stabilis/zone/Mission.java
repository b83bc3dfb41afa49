package org.stabilis.zone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * A small in-process mission for tests: a log with a coordinator, a security force, monitors and an
 * implementer, and helpers that submit signed events through the real admission path.
 */
public final class Mission implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2025-11-01T08:00:00Z");
  public final App app;
  private final Map<String, EventSigner> signers = new HashMap<>();
  private final SecureRandom random = new SecureRandom(new byte[] {7});
  private Instant now = T0;

  public Mission(Path dir) {
    Clock clock = Clock.fixed(Instant.parse("2025-12-15T00:00:00Z"), ZoneOffset.UTC);
    Ed25519PrivateKey cmcc = Ed25519PrivateKey.generate(random);
    app =
        App.initialise(
            dir,
            null,
            new App.Genesis(
                "stabilis.test/zones", "cmcc", "Coordination centre", "cmcc-1", cmcc, 400),
            T0,
            clock,
            random);
    signers.put("cmcc", new EventSigner("cmcc", "cmcc-1", cmcc, 1));
    party("idf", "security");
    party("monitors", "inspector");
    party("impl-water", "implementer");
    party("donors", "observer");
    // Projects name catalogue items in their bills of materials.
    ok(
        "cmcc",
        "material.item-defined",
        obj().put("code", "cement").put("name", "Cement").put("unit", "kg").put("dual_use", true));
  }

  private void party(String id, String role) {
    Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
    ObjectNode b = obj();
    b.put("id", id).put("name", id).put("kind", "organisation");
    b.putArray("roles").add(role);
    b.putArray("keys").addObject().put("id", id + "-1").put("public", k.publicKey().base64());
    ok("cmcc", "party.registered", b);
    signers.put(id, new EventSigner(id, id + "-1", k, 0));
  }

  public static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  public Outcome submit(String party, String type, ObjectNode body) {
    now = now.plusSeconds(60);
    return app.log.submit(signers.get(party).sign(type, body, now));
  }

  /** Submits and returns the index; fails the test if refused. */
  public long ok(String party, String type, ObjectNode body) {
    Outcome o = submit(party, type, body);
    if (o instanceof Outcome.Accepted a) return a.index();
    throw new AssertionError(type + " by " + party + " was not accepted: " + o);
  }

  /** Submits and returns the rejection; fails the test if accepted. */
  public Rejection refused(String party, String type, ObjectNode body) {
    Outcome o = submit(party, type, body);
    if (o instanceof Outcome.Rejected r) return r.rejection();
    throw new AssertionError(type + " by " + party + " was expected to be refused but was " + o);
  }

  /** A GeoJSON Polygon from rings of [lon, lat] pairs, each ring given as a flat array. */
  public static ObjectNode polygon(double[]... rings) {
    ObjectNode g = obj();
    g.put("type", "Polygon");
    ArrayNode coords = g.putArray("coordinates");
    for (double[] ring : rings) {
      ArrayNode r = coords.addArray();
      for (int i = 0; i < ring.length; i += 2) r.addArray().add(ring[i]).add(ring[i + 1]);
    }
    return g;
  }

  /** An axis-aligned square zone ring, closed. */
  public static double[] box(double lon0, double lat0, double lon1, double lat1) {
    return new double[] {lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0};
  }

  public ObjectNode zoneBody(String id, ObjectNode geometry) {
    ObjectNode b = obj();
    b.put("id", id).put("name", "Zone " + id).set("geometry", geometry);
    b.put("controller", "idf");
    return b;
  }

  public long defineZone(String id, ObjectNode geometry) {
    return ok("cmcc", "zone.defined", zoneBody(id, geometry));
  }

  public long gate(boolean requireVerified, int minShare) {
    ObjectNode b = obj();
    b.put("require_verified_zone", requireVerified).put("min_decommissioned_share", minShare);
    return ok("cmcc", "policy.gate-set", b);
  }

  public long estimate(String zone, String category, long count) {
    ObjectNode b = obj();
    b.put("zone", zone).put("category", category).put("count", count);
    return ok("monitors", "demil.estimate-set", b);
  }

  public long report(String id, String category, long count, double lon, double lat) {
    ObjectNode b = obj();
    b.put("id", id).put("category", category).put("count", count);
    b.putArray("location").add(lon).add(lat);
    return ok("idf", "demil.item-reported", b);
  }

  public static final String DIGEST = "a".repeat(64);

  public long decommission(String id) {
    ObjectNode b = obj();
    b.put("id", id).put("method", "destroyed");
    b.putArray("evidence").add(DIGEST);
    return ok("idf", "demil.item-decommissioned", b);
  }

  public long verify(String id) {
    ObjectNode b = obj();
    b.put("id", id);
    b.putArray("evidence").add(DIGEST);
    return ok("monitors", "demil.item-verified", b);
  }

  public ObjectNode certification(String zone) {
    ObjectNode b = obj();
    b.put("zone", zone).put("criteria", "all items verified");
    b.putArray("evidence").add("b".repeat(64));
    return b;
  }

  public ObjectNode suspension(String zone) {
    ObjectNode b = obj();
    b.put("zone", zone).put("reason", "review");
    return b;
  }

  public ObjectNode incident(String id, String category, int severity, double lon, double lat) {
    ObjectNode b = obj();
    b.put("id", id).put("category", category).put("severity", severity).put("summary", "test");
    b.putArray("location").add(lon).add(lat);
    return b;
  }

  public ObjectNode project(String id, String zone, double lon, double lat) {
    ObjectNode b = obj();
    b.put("id", id).put("zone", zone).put("kind", "water-network");
    b.putArray("location").add(lon).add(lat);
    b.putArray("materials").addObject().put("item", "cement").put("quantity", 1000);
    return b;
  }

  public ObjectNode decision(String id) {
    ObjectNode b = obj();
    b.put("id", id).put("reason", "test");
    return b;
  }

  public ZoneView.Status status(String zone) {
    return app.log.read(() -> app.zones.status(zone).orElseThrow());
  }

  public List<ZoneBook.Transition> history(String zone) {
    return app.log.read(() -> app.zones.zone(zone).orElseThrow().transitions());
  }

  @Override
  public void close() {
    app.close();
  }
}
