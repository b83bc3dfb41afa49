package org.stabilis.party;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.crypto.Sha256;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.StoreException;
import org.stabilis.web.Auth;

/**
 * Read tokens (SPEC §2.6). A token is shown once, when issued; the store keeps only its SHA-256, so
 * a copy of the database does not let anyone read. A token is named by the first 12 hex digits of
 * its hash in lists and for revocation.
 */
public final class TokenStore implements Auth.Tokens {

  /** A token as listed: never the token itself. */
  public record TokenInfo(String id, String party, String issued, String revoked) {}

  private static final String PREFIX = "stb_";
  private final Database db;

  public TokenStore(Database db) {
    this.db = db;
  }

  /** Issues a new token for {@code party} and returns it; only its hash is stored. */
  public String issue(String party, Instant now, SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    try (Connection c = db.write();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO access_tokens (hash, party, issued) VALUES (?, ?, ?)")) {
      s.setString(1, hash(token));
      s.setString(2, party);
      s.setString(3, now.toString());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store the token", e);
    }
    return token;
  }

  /** The party a valid, unrevoked token belongs to. */
  public Optional<String> partyOf(String token) {
    return grant(token).map(Grant::party);
  }

  /** A valid, unrevoked token's party and id (its SHA-256 hex, the id `token list` abbreviates). */
  @Override
  public Optional<Grant> grant(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
    String h = hash(token);
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT party FROM access_tokens WHERE hash = ? AND revoked IS NULL")) {
      s.setString(1, h);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Grant(r.getString(1), h)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check the token", e);
    }
  }

  @Override
  public boolean valid(String tokenId) {
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement("SELECT 1 FROM access_tokens WHERE hash = ? AND revoked IS NULL")) {
      s.setString(1, tokenId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check the token", e);
    }
  }

  /**
   * Revokes the token given either as the token itself or as its listed id (a hash prefix of at
   * least 8 hex digits that names one token). Returns the number revoked (0 or 1).
   */
  public int revoke(String tokenOrId, Instant now) {
    String pattern =
        tokenOrId.startsWith(PREFIX)
            ? hash(tokenOrId)
            : tokenOrId.toLowerCase(java.util.Locale.ROOT) + "%";
    if (!tokenOrId.startsWith(PREFIX) && !tokenOrId.matches("^[0-9a-fA-F]{8,64}$"))
      throw new IllegalArgumentException(
          "give the token itself or its id (at least 8 hex digits, as `token list` shows)");
    try (Connection c = db.write()) {
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT COUNT(*) FROM access_tokens WHERE hash LIKE ? AND revoked IS NULL")) {
        q.setString(1, pattern);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          if (r.getInt(1) > 1)
            throw new IllegalArgumentException(
                "id " + tokenOrId + " names more than one token; give more digits");
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE access_tokens SET revoked = ? WHERE hash LIKE ? AND revoked IS NULL")) {
        s.setString(1, now.toString());
        s.setString(2, pattern);
        return s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot revoke the token", e);
    }
  }

  public List<TokenInfo> list() {
    List<TokenInfo> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT hash, party, issued, revoked FROM access_tokens ORDER BY issued");
        ResultSet r = s.executeQuery()) {
      while (r.next())
        out.add(
            new TokenInfo(
                r.getString(1).substring(0, 12), r.getString(2), r.getString(3), r.getString(4)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot list tokens", e);
    }
  }

  static String hash(String token) {
    return Sha256.hex(token);
  }
}
