package org.stabilis.log.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.NodeId;
import org.stabilis.log.merkle.NodeReader;

/**
 * Durable storage of the log: entries, perfect-subtree hashes and checkpoints. An append batch is
 * one transaction under the sequencer lock: entries, nodes and the checkpoint that covers them
 * become visible together or not at all, and no other process appends in between.
 */
public final class LogStore implements NodeReader {

  /**
   * An entry as stored: the exact leaf data, the ids it is indexed by, and the disclosures stored
   * beside it (SPEC §2.10; empty when it conceals nothing).
   */
  public record StoredEntry(
      long index, String party, String key, long seq, byte[] data, List<String> disclosures) {
    public StoredEntry {
      disclosures = List.copyOf(disclosures);
    }

    public StoredEntry(long index, String party, String key, long seq, byte[] data) {
      this(index, party, key, seq, data, List.of());
    }
  }

  /** A published checkpoint: tree size, root and the signed note as served. */
  public record StoredCheckpoint(long size, Hash root, String note) {}

  /** A perfect-subtree hash to store. */
  public record Node(NodeId id, Hash hash) {}

  private final Database db;

  public LogStore(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  /** Number of entries committed. */
  public long size() {
    try (Connection c = db.read()) {
      return size(c);
    } catch (SQLException e) {
      throw new StoreException("cannot read the log size", e);
    }
  }

  private static long size(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * What a commit group may do while it holds the sequencer lock: read what is committed (by any
   * process) and append after it. Valid only inside {@link #inSequencerTransaction}.
   */
  public interface SequencerTx {
    /** Number of entries committed, as seen under the lock. */
    long size();

    /** Streams committed entries with index in [start, end), in order. */
    void scan(long start, long end, Consumer<StoredEntry> sink);

    /**
     * Appends {@code entries} (consecutive, starting at the current size), their tree nodes and the
     * checkpoint covering them.
     */
    void append(List<StoredEntry> entries, List<Node> nodes, StoredCheckpoint checkpoint);
  }

  /** Work done under the sequencer lock. */
  @FunctionalInterface
  public interface SequencerWork<T> {
    T run(SequencerTx tx);
  }

  /**
   * Runs {@code work} in one transaction holding the cluster-wide sequencer lock (SPEC §7: one
   * sequencer at a time, whichever process it runs in). Everything appended becomes visible
   * together when {@code work} returns, or not at all if it throws.
   */
  public <T> T inSequencerTransaction(SequencerWork<T> work) {
    try (Connection c = db.write()) {
      c.setAutoCommit(false);
      try {
        db.lockSequencer(c);
        T result = work.run(new Tx(c));
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("the sequencer transaction failed", e);
    }
  }

  private static final class Tx implements SequencerTx {
    private final Connection c;

    Tx(Connection c) {
      this.c = c;
    }

    @Override
    public long size() {
      try {
        return LogStore.size(c);
      } catch (SQLException e) {
        throw new StoreException("cannot read the log size", e);
      }
    }

    @Override
    public void scan(long start, long end, Consumer<StoredEntry> sink) {
      try {
        LogStore.scan(c, start, end, sink);
      } catch (SQLException e) {
        throw new StoreException("cannot read entries " + start + ".." + end, e);
      }
    }

    @Override
    public void append(List<StoredEntry> entries, List<Node> nodes, StoredCheckpoint checkpoint) {
      try {
        insert(entries, nodes, checkpoint);
      } catch (SQLException e) {
        throw new StoreException("cannot append " + entries.size() + " entries", e);
      }
    }

    private void insert(List<StoredEntry> entries, List<Node> nodes, StoredCheckpoint checkpoint)
        throws SQLException {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO log_entries (idx, party, key_id, seq, data, disclosures) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (StoredEntry e : entries) {
          s.setLong(1, e.index());
          s.setString(2, e.party());
          s.setString(3, e.key());
          s.setLong(4, e.seq());
          s.setBytes(5, e.data());
          s.setString(6, e.disclosures().isEmpty() ? null : encodeDisclosures(e.disclosures()));
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s =
          c.prepareStatement("INSERT INTO log_nodes (lvl, idx, hash) VALUES (?, ?, ?)")) {
        for (Node n : nodes) {
          s.setInt(1, n.id().level());
          s.setLong(2, n.id().index());
          s.setBytes(3, n.hash().bytes());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s =
          c.prepareStatement("INSERT INTO log_checkpoints (size, root, note) VALUES (?, ?, ?)")) {
        s.setLong(1, checkpoint.size());
        s.setBytes(2, checkpoint.root().bytes());
        s.setString(3, checkpoint.note());
        s.executeUpdate();
      }
    }
  }

  /** Entries with index in [start, end), in order. */
  public List<StoredEntry> entries(long start, long end) {
    List<StoredEntry> out = new ArrayList<>();
    scan(start, end, out::add);
    return out;
  }

  /** Streams entries with index in [start, end), in order, without holding them all in memory. */
  public void scan(long start, long end, Consumer<StoredEntry> sink) {
    try (Connection c = db.read()) {
      scan(c, start, end, sink);
    } catch (SQLException e) {
      throw new StoreException("cannot read entries " + start + ".." + end, e);
    }
  }

  private static void scan(Connection c, long start, long end, Consumer<StoredEntry> sink)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT idx, party, key_id, seq, data, disclosures FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
      s.setFetchSize(1000);
      s.setLong(1, start);
      s.setLong(2, end);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) sink.accept(row(r));
      }
    }
  }

  /** The entry signed by (party, key) with sequence number {@code seq}, if any. */
  public Optional<StoredEntry> bySeq(String party, String key, long seq) {
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT idx, party, key_id, seq, data, disclosures FROM log_entries WHERE party = ? AND key_id = ? AND seq = ?")) {
      s.setString(1, party);
      s.setString(2, key);
      s.setLong(3, seq);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot look up an entry by sequence", e);
    }
  }

  @Override
  public List<Hash> read(List<NodeId> ids) {
    if (ids.isEmpty()) return List.of();
    Map<NodeId, Hash> found = new LinkedHashMap<>();
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement("SELECT hash FROM log_nodes WHERE lvl = ? AND idx = ?")) {
      for (NodeId id : ids) {
        s.setInt(1, id.level());
        s.setLong(2, id.index());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next())
            throw new StoreException("tree node " + id + " is missing from the store", null);
          found.put(id, Hash.of(r.getBytes(1)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read tree nodes", e);
    }
    List<Hash> out = new ArrayList<>(ids.size());
    for (NodeId id : ids) out.add(found.get(id));
    return out;
  }

  /**
   * Hashes of the stored subtrees (level, from) .. (level, to - 1), in one query: a tile's worth
   * (c2sp.org/tlog-tiles) without a query per hash.
   */
  public List<Hash> nodeRange(int level, long from, long to) {
    List<Hash> out = new ArrayList<>((int) Math.max(0, to - from));
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT idx, hash FROM log_nodes WHERE lvl = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
      s.setInt(1, level);
      s.setLong(2, from);
      s.setLong(3, to);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getLong(1) != from + out.size())
            throw new StoreException(
                "tree node (" + level + ", " + (from + out.size()) + ") is missing from the store",
                null);
          out.add(Hash.of(r.getBytes(2)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read tree nodes", e);
    }
    if (out.size() != to - from)
      throw new StoreException(
          "tree node (" + level + ", " + (from + out.size()) + ") is missing from the store", null);
    return out;
  }

  public Optional<StoredCheckpoint> latestCheckpoint() {
    List<StoredCheckpoint> l =
        checkpoints("SELECT size, root, note FROM log_checkpoints ORDER BY size DESC LIMIT 1");
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** The checkpoint published at {@code size}, if any. */
  public Optional<StoredCheckpoint> checkpoint(long size) {
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement("SELECT size, root, note FROM log_checkpoints WHERE size = ?")) {
      s.setLong(1, size);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(
                new StoredCheckpoint(r.getLong(1), Hash.of(r.getBytes(2)), r.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the checkpoint of size " + size, e);
    }
  }

  /** Every published checkpoint, smallest first. */
  public List<StoredCheckpoint> allCheckpoints() {
    return checkpoints("SELECT size, root, note FROM log_checkpoints ORDER BY size");
  }

  private List<StoredCheckpoint> checkpoints(String sql) {
    List<StoredCheckpoint> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      while (r.next())
        out.add(new StoredCheckpoint(r.getLong(1), Hash.of(r.getBytes(2)), r.getString(3)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read checkpoints", e);
    }
  }

  public Optional<String> meta(String key) {
    try (Connection c = db.read();
        PreparedStatement s = c.prepareStatement("SELECT v FROM log_meta WHERE k = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read setting " + key, e);
    }
  }

  public void putMeta(String key, String value) {
    try (Connection c = db.write();
        PreparedStatement s = c.prepareStatement("INSERT INTO log_meta (k, v) VALUES (?, ?)")) {
      s.setString(1, key);
      s.setString(2, value);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot write setting " + key, e);
    }
  }

  private static StoredEntry row(ResultSet r) throws SQLException {
    return new StoredEntry(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getLong(4),
        r.getBytes(5),
        decodeDisclosures(r.getString(6)));
  }

  private static String encodeDisclosures(List<String> ds) {
    try {
      return MAPPER.writeValueAsString(ds);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> decodeDisclosures(String json) throws SQLException {
    if (json == null) return List.of();
    try {
      return List.of(MAPPER.readValue(json, String[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException(
          "the disclosures stored beside an entry are not a JSON array of strings", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
