package org.stabilis.log.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.merkle.Hash;

/**
 * Snapshots of the projections as stored (SPEC §7): bytes tagged with the log size they describe,
 * the tree root at that size, the code version that wrote them and the SHA-256 of the bytes. This
 * class only stores and reads them; checking the tags is the reader's job, and a row that fails a
 * check is deleted by whoever found it.
 */
public final class SnapshotStore {

  /** A stored snapshot's tags, without its content. */
  public record Tags(long size, String codeVersion, Hash root, byte[] digest) {}

  private final Database db;

  public SnapshotStore(Database db) {
    this.db = db;
  }

  /** Stores a snapshot; a second one of the same size and code version replaces the first. */
  public void put(Tags tags, byte[] content) {
    try {
      db.inTransaction(c -> {
        delete(c, tags.size(), tags.codeVersion());
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO log_snapshots (size, code_version, root, digest, content) VALUES (?, ?, ?, ?, ?)")) {
          s.setLong(1, tags.size());
          s.setString(2, tags.codeVersion());
          s.setBytes(3, tags.root().bytes());
          s.setBytes(4, tags.digest());
          s.setBytes(5, content);
          s.executeUpdate();
        }
      });
    } catch (SQLException e) {
      throw new StoreException("cannot store the snapshot at size " + tags.size(), e);
    }
  }

  /** The tags of every stored snapshot, of any code version, smallest size first. */
  public List<Tags> list() {
    List<Tags> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT size, code_version, root, digest FROM log_snapshots ORDER BY size, code_version");
        ResultSet r = s.executeQuery()) {
      while (r.next())
        out.add(new Tags(r.getLong(1), r.getString(2), Hash.of(r.getBytes(3)), r.getBytes(4)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot list the snapshots", e);
    }
  }

  /** The content of the snapshot at {@code size} written by {@code codeVersion}, if stored. */
  public Optional<byte[]> content(long size, String codeVersion) {
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT content FROM log_snapshots WHERE size = ? AND code_version = ?")) {
      s.setLong(1, size);
      s.setString(2, codeVersion);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the snapshot at size " + size, e);
    }
  }

  /** Deletes the snapshot at {@code size} written by {@code codeVersion}, if stored. */
  public void delete(long size, String codeVersion) {
    try (Connection c = db.write()) {
      delete(c, size, codeVersion);
    } catch (SQLException e) {
      throw new StoreException("cannot delete the snapshot at size " + size, e);
    }
  }

  /** Deletes every stored snapshot: the next start replays the whole log and writes new ones. */
  public int deleteAll() {
    try (Connection c = db.write();
        PreparedStatement s = c.prepareStatement("DELETE FROM log_snapshots")) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete the snapshots", e);
    }
  }

  private static void delete(Connection c, long size, String codeVersion) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM log_snapshots WHERE size = ? AND code_version = ?")) {
      s.setLong(1, size);
      s.setString(2, codeVersion);
      s.executeUpdate();
    }
  }
}
