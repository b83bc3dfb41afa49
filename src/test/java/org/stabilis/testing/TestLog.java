package org.stabilis.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/** A fresh log in a temporary folder with a coordinator, for tests. */
public final class TestLog implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  public static final String ORIGIN = "stabilis.example/test";

  public final App app;
  public final Path dir;

  /** The JDBC URL of the log's database; null means the SQLite file in {@link #dir}. */
  public final String dbUrl;

  public final EventSigner coordinator;
  public final Ed25519PrivateKey coordinatorKey;
  private final SecureRandom random;
  private final java.util.Map<String, Ed25519PrivateKey> keys = new java.util.HashMap<>();

  private TestLog(
      App app,
      Path dir,
      String dbUrl,
      EventSigner coordinator,
      Ed25519PrivateKey key,
      SecureRandom random) {
    this.app = app;
    this.dir = dir;
    this.dbUrl = dbUrl;
    this.coordinator = coordinator;
    this.coordinatorKey = key;
    this.random = random;
  }

  /**
   * A log whose server clock stands still at {@link #T0}, on the database {@link StoreTarget}
   * names.
   */
  public static TestLog create(Path dir) {
    return create(dir, Clock.fixed(T0, ZoneOffset.UTC));
  }

  public static TestLog create(Path dir, Clock clock) {
    SecureRandom random = new SecureRandom();
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    String dbUrl = StoreTarget.freshDatabaseUrl();
    App app =
        App.initialise(
            dir,
            dbUrl,
            new App.Genesis(ORIGIN, "coord", "Coordination centre", "coord-1", key, 30),
            clock.instant(),
            clock,
            random);
    return new TestLog(app, dir, dbUrl, new EventSigner("coord", "coord-1", key, 1), key, random);
  }

  /** Command-line arguments naming this log's database, for `serve`, `verify` and the like. */
  public java.util.List<String> dbArgs() {
    return dbUrl == null ? java.util.List.of() : java.util.List.of("--db", dbUrl);
  }

  public static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  /** Registers a party with the given roles and a fresh key; returns its signer. */
  public EventSigner register(String id, String... roles) {
    Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
    ObjectNode b = obj();
    b.put("id", id);
    b.put("name", "Party " + id);
    b.put("kind", "test");
    var r = b.putArray("roles");
    Arrays.stream(roles).forEach(r::add);
    ObjectNode key = b.putArray("keys").addObject();
    key.put("id", id + "-1");
    key.put("public", k.publicKey().base64());
    accept(coordinator, "party.registered", b);
    keys.put(id, k);
    return new EventSigner(id, id + "-1", k, 0);
  }

  /** The private key of a party registered with {@link #register}. */
  public Ed25519PrivateKey keyOf(String party) {
    return keys.get(party);
  }

  /** Submits in-process at {@link #T0}; fails the test unless accepted. */
  public long accept(EventSigner s, String type, ObjectNode body) {
    Outcome o = app.log.submit(s.sign(type, body, app.clock.instant()));
    if (o instanceof Outcome.Accepted a) return a.index();
    throw new AssertionError("expected " + type + " to be accepted, got " + o);
  }

  public Outcome submit(EventSigner s, String type, ObjectNode body) {
    return app.log.submit(s.sign(type, body, app.clock.instant()));
  }

  public static ObjectNode incident(String id) {
    ObjectNode b = obj();
    b.put("id", id);
    b.put("category", "uxo");
    b.put("severity", 2);
    b.putArray("location").add(34.45).add(31.5);
    b.put("summary", "unexploded ordnance reported near a road");
    return b;
  }

  @Override
  public void close() {
    app.close();
  }
}
