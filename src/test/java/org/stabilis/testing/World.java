package org.stabilis.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * A log with one party of each role (and a second inspector), whose events are signed and submitted
 * through the real admission path, one minute apart.
 */
public final class World implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  public static final String DIGEST = "b".repeat(64);
  public final App app;
  public final Path dir;
  private final Map<String, EventSigner> signers = new HashMap<>();
  private final SecureRandom random = new SecureRandom(new byte[] {3});
  private Instant now = T0;

  /** The JDBC URL of the log's database; null means the SQLite file in {@link #dir}. */
  public final String dbUrl;

  public World(Path dir) {
    this(dir, null, org.stabilis.log.Snapshots.Settings.DEFAULT);
  }

  /**
   * A world on the database at {@code dbUrl} (null: SQLite in {@code dir}), with these snapshots.
   */
  public World(Path dir, String dbUrl, org.stabilis.log.Snapshots.Settings snapshots) {
    this.dir = dir;
    this.dbUrl = dbUrl;
    Clock clock = Clock.fixed(Instant.parse("2026-06-15T00:00:00Z"), ZoneOffset.UTC);
    Ed25519PrivateKey cmcc = Ed25519PrivateKey.generate(random);
    app =
        App.initialise(
            dir,
            dbUrl,
            new App.Genesis(
                "stabilis.test/world", "cmcc", "Coordination centre", "cmcc-1", cmcc, 400),
            T0,
            clock,
            random,
            snapshots);
    signers.put("cmcc", new EventSigner("cmcc", "cmcc-1", cmcc, 1));
    party("idf", "security");
    party("hamas-liaison", "security");
    party("mon-a", "inspector");
    party("mon-b", "inspector");
    party("unops", "logistics");
    party("impl", "implementer");
    party("donors", "observer");
  }

  public void party(String id, String role) {
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

  public Instant now() {
    return now;
  }

  /** Moves the parties' clock on: the next event is stated {@code d} (plus a minute) later. */
  public void advance(java.time.Duration d) {
    now = now.plus(d);
  }

  public Outcome submit(String party, String type, ObjectNode body) {
    now = now.plusSeconds(60);
    return app.log.submit(signers.get(party).sign(type, body, now));
  }

  public long ok(String party, String type, ObjectNode body) {
    Outcome o = submit(party, type, body);
    if (o instanceof Outcome.Accepted a) return a.index();
    throw new AssertionError(type + " by " + party + " was not accepted: " + o);
  }

  public Rejection refused(String party, String type, ObjectNode body) {
    Outcome o = submit(party, type, body);
    if (o instanceof Outcome.Rejected r) return r.rejection();
    throw new AssertionError(type + " by " + party + " was expected to be refused but was " + o);
  }

  /** A square zone [lon0, lon0+0.05] × [lat0, lat0+0.05] controlled by idf. */
  public long zone(String id, double lon0, double lat0) {
    ObjectNode b = obj();
    b.put("id", id).put("name", "Zone " + id);
    ObjectNode g = b.putObject("geometry");
    g.put("type", "Polygon");
    var ring = g.putArray("coordinates").addArray();
    double[][] pts = {
      {lon0, lat0},
      {lon0 + 0.05, lat0},
      {lon0 + 0.05, lat0 + 0.05},
      {lon0, lat0 + 0.05},
      {lon0, lat0}
    };
    for (double[] p : pts) ring.addArray().add(p[0]).add(p[1]);
    b.put("controller", "idf");
    return ok("cmcc", "zone.defined", b);
  }

  public static ObjectNode retraction(long index, String note) {
    ObjectNode b = obj();
    b.put("index", index).put("reason", "incorrect-data").put("note", note);
    return b;
  }

  public static ObjectNode dispute(long index, String reason) {
    ObjectNode b = obj();
    b.put("index", index).put("reason", reason);
    b.putArray("evidence").add(DIGEST);
    return b;
  }

  @Override
  public void close() {
    app.close();
  }
}
