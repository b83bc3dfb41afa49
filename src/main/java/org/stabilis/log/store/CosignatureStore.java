package org.stabilis.log.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Witness cosignatures the log collected, stored beside their checkpoint (SPEC §2.7). A row is
 * written once, after the caller verified it, and never changed.
 */
public final class CosignatureStore {
  /**
   * One cosignature line of the witness key {@code witnessKey} (a vkey) over checkpoint {@code
   * size}.
   */
  public record StoredCosignature(long size, String witnessKey, String line, long cosignedAt) {}

  private final Database db;

  public CosignatureStore(Database db) {
    this.db = db;
  }

  /** Stores a verified cosignature; a second one by the same key for the same size is ignored. */
  public void put(StoredCosignature c) {
    try (Connection con = db.write()) {
      con.setAutoCommit(false);
      try (PreparedStatement s =
          con.prepareStatement(
              "INSERT INTO log_cosignatures (size, witness_key, line, cosigned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        s.setLong(1, c.size());
        s.setString(2, c.witnessKey());
        s.setString(3, c.line());
        s.setLong(4, c.cosignedAt());
        s.executeUpdate();
        con.commit();
      } catch (SQLException e) {
        con.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot store a cosignature of checkpoint " + c.size(), e);
    }
  }

  /** The cosignatures of checkpoint {@code size}. */
  public List<StoredCosignature> forSize(long size) {
    return query(
        "SELECT size, witness_key, line, cosigned_at FROM log_cosignatures WHERE size = ?", size);
  }

  /** The sizes of the checkpoints that have cosignatures, largest first. */
  public List<Long> cosignedSizes() {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement("SELECT DISTINCT size FROM log_cosignatures ORDER BY size DESC");
        ResultSet r = s.executeQuery()) {
      while (r.next()) out.add(r.getLong(1));
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read cosignatures", e);
    }
  }

  /** The cosignature of the largest checkpoint {@code witnessKey} cosigned. */
  public Optional<StoredCosignature> lastBy(String witnessKey) {
    List<StoredCosignature> l =
        query(
            "SELECT size, witness_key, line, cosigned_at FROM log_cosignatures"
                + " WHERE witness_key = ? ORDER BY size DESC LIMIT 1",
            witnessKey);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  private List<StoredCosignature> query(String sql, Object arg) {
    List<StoredCosignature> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, arg);
      try (ResultSet r = s.executeQuery()) {
        while (r.next())
          out.add(
              new StoredCosignature(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read cosignatures", e);
    }
  }
}
