package org.stabilis.web;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.stabilis.log.crypto.Sha256;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.StoreException;

/**
 * Server-side dashboard sessions. A session id is 32 bytes from a {@link SecureRandom}, shown to
 * the browser once (in its cookie) and stored only as its SHA-256; a session ends when it expires,
 * when its holder signs out, or when the read token it was opened with is revoked. Kept in the
 * database, so that every server process on one database honours the same sign-outs.
 */
public final class SessionStore {
  /** How long a session lasts from sign-in, whatever its use. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** An open session: whose it is, and which read token opened it. */
  public record Session(String party, String tokenId) {}

  private static final String PREFIX = "sess_";
  private final Database db;

  public SessionStore(Database db) {
    this.db = db;
  }

  /** Opens a session for {@code party} and returns its id, to be given to the browser only. */
  public String open(String party, String tokenId, Instant now, SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String id = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    try (Connection c = db.write()) {
      // Expired sessions are of no use to anyone: drop them as new ones open.
      try (PreparedStatement d =
          c.prepareStatement("DELETE FROM dashboard_sessions WHERE expires <= ?")) {
        d.setLong(1, now.toEpochMilli());
        d.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO dashboard_sessions (id_hash, party, token_id, created, expires) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, hash(id));
        s.setString(2, party);
        s.setString(3, tokenId);
        s.setLong(4, now.toEpochMilli());
        s.setLong(5, now.plus(LIFETIME).toEpochMilli());
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot store the session", e);
    }
    return id;
  }

  /** The session with this id, if it is open at {@code now}: not expired and not ended. */
  public Optional<Session> find(String id, Instant now) {
    if (id == null || !id.startsWith(PREFIX) || id.length() > 100) return Optional.empty();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT party, token_id FROM dashboard_sessions WHERE id_hash = ? AND ended IS NULL AND expires > ?")) {
      s.setString(1, hash(id));
      s.setLong(2, now.toEpochMilli());
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Session(r.getString(1), r.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the session", e);
    }
  }

  /** Ends the session with this id (sign-out); ending an unknown or ended session does nothing. */
  public void end(String id, Instant now) {
    if (id == null || !id.startsWith(PREFIX) || id.length() > 100) return;
    try (Connection c = db.write();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE dashboard_sessions SET ended = ? WHERE id_hash = ? AND ended IS NULL")) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, hash(id));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot end the session", e);
    }
  }

  private static String hash(String id) {
    return Sha256.hex(id);
  }
}
