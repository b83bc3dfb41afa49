package org.stabilis.witness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.StoreException;

/**
 * A witness's durable state: its name, the log keys it trusts and, per origin, the latest
 * checkpoint it cosigned. {@link #update} reads and replaces that checkpoint in one transaction
 * under the database's write lock, with a compare-and-swap on the stored size and root, so no
 * concurrency of requests or processes can roll it back.
 */
public final class WitnessStore implements AutoCloseable {
  /** The latest cosigned checkpoint of one origin. */
  public record Latest(long size, Hash root, String note, long cosignedAt) {}

  /** What {@link #update} should write (nothing, or a new latest checkpoint) and return. */
  public record Decision<T>(Optional<Latest> write, T answer) {
    public static <T> Decision<T> answer(T answer) {
      return new Decision<>(Optional.empty(), answer);
    }

    public static <T> Decision<T> write(Latest next, T answer) {
      return new Decision<>(Optional.of(next), answer);
    }
  }

  private final Database db;

  private WitnessStore(Database db) {
    this.db = db;
  }

  /** Opens (creating if needed) the witness store {@code jdbcUrl}. */
  public static WitnessStore open(String jdbcUrl) {
    return new WitnessStore(Database.open(jdbcUrl, "classpath:db/witness"));
  }

  public Optional<String> meta(String k) {
    try (Connection c = db.read();
        PreparedStatement s = c.prepareStatement("SELECT v FROM witness_meta WHERE k = ?")) {
      s.setString(1, k);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the witness settings", e);
    }
  }

  /** Sets {@code k} once; false if it was already set (to anything). */
  public boolean putMetaOnce(String k, String v) {
    return execute(
            "INSERT INTO witness_meta (k, v) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM witness_meta WHERE k = ?)",
            k,
            v,
            k)
        == 1;
  }

  /** Adds a trusted log key; false if it was already there. */
  public boolean addLog(String origin, String vkey) {
    return execute(
            "INSERT INTO witness_logs (vkey, origin) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM witness_logs WHERE vkey = ?)",
            vkey,
            origin,
            vkey)
        == 1;
  }

  /** Every trusted log key, as vkeys. */
  public List<String> logKeys() {
    List<String> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement("SELECT vkey FROM witness_logs ORDER BY origin, vkey");
        ResultSet r = s.executeQuery()) {
      while (r.next()) out.add(r.getString(1));
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the witnessed logs", e);
    }
  }

  /** The latest checkpoint cosigned for {@code origin}. */
  public Optional<Latest> latest(String origin) {
    try (Connection c = db.read()) {
      return latest(c, origin);
    } catch (SQLException e) {
      throw new StoreException("cannot read the witness state", e);
    }
  }

  private static Optional<Latest> latest(Connection c, String origin) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT size, root, note, cosigned_at FROM witness_checkpoints WHERE origin = ?")) {
      s.setString(1, origin);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) return Optional.empty();
        return Optional.of(
            new Latest(r.getLong(1), Hash.of(r.getBytes(2)), r.getString(3), r.getLong(4)));
      }
    }
  }

  /**
   * Reads the latest checkpoint of {@code origin}, lets {@code decide} choose, and writes its
   * choice, all in one transaction: the write replaces exactly the row that was read (same size and
   * root) or inserts the first one, and is durable before this returns.
   */
  public <T> T update(String origin, Function<Optional<Latest>, Decision<T>> decide) {
    try (Connection c = db.write()) {
      c.setAutoCommit(false);
      try {
        Optional<Latest> before = latest(c, origin);
        Decision<T> d = decide.apply(before);
        if (d.write().isPresent()) {
          Latest n = d.write().get();
          int changed;
          if (before.isPresent()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE witness_checkpoints SET size = ?, root = ?, note = ?, cosigned_at = ?"
                        + " WHERE origin = ? AND size = ? AND root = ?")) {
              s.setLong(1, n.size());
              s.setBytes(2, n.root().bytes());
              s.setString(3, n.note());
              s.setLong(4, n.cosignedAt());
              s.setString(5, origin);
              s.setLong(6, before.get().size());
              s.setBytes(7, before.get().root().bytes());
              changed = s.executeUpdate();
            }
          } else {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO witness_checkpoints (origin, size, root, note, cosigned_at) VALUES (?, ?, ?, ?, ?)")) {
              s.setString(1, origin);
              s.setLong(2, n.size());
              s.setBytes(3, n.root().bytes());
              s.setString(4, n.note());
              s.setLong(5, n.cosignedAt());
              changed = s.executeUpdate();
            }
          }
          if (changed != 1) {
            throw new StoreException(
                "the witness state of " + origin + " changed during the check", null);
          }
        }
        c.commit();
        return d.answer();
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot update the witness state of " + origin, e);
    }
  }

  private int execute(String sql, String... args) {
    try (Connection c = db.write()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) s.setString(i + 1, args[i]);
        int n = s.executeUpdate();
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot write the witness store", e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
