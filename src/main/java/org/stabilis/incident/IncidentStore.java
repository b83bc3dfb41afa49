package org.stabilis.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stabilis.log.Concealed;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.StoreException;

/**
 * The incidents an {@link IncidentLog} has handed over to the database when a snapshot was taken
 * (SPEC §7 "Scale"), so that neither its memory nor its snapshots grow with the number of
 * incidents. Rows are derived from the log like a snapshot and tagged with the code version that
 * wrote them.
 *
 * <p>Each row is one version of the incident at one entry, written for a snapshot of the first
 * {@code since} entries. A reader that stands for a snapshot of {@code asOf} entries reads, for
 * each entry, the version with the greatest {@code since} at most {@code asOf}; a version marked
 * gone (the entry was retracted) means no incident there. Versions are only added, never changed: a
 * view folded from an older snapshot still reads the incidents as that snapshot saw them.
 */
public final class IncidentStore {
  private static final String COLUMNS =
      "idx, since, gone, id, category, severity, lon, lat, summary, zone, reported_by, time,"
          + " concealed";

  /** The version of each entry that holds for a snapshot of {@code ?} entries. */
  private static final String CURRENT =
      " AND since = (SELECT MAX(v.since) FROM incident_rows v WHERE v.code_version ="
          + " r.code_version AND v.idx = r.idx AND v.since <= ?)";

  private final Database db;
  private final String codeVersion;

  public IncidentStore(Database db, String codeVersion) {
    this.db = db;
    this.codeVersion = codeVersion;
  }

  /**
   * Makes {@code incidents} (all at entries in [from, to)) the incidents at those entries as of a
   * snapshot of {@code size} entries: versions are added for the new and the changed ones, and a
   * gone version for one stored before that {@code incidents} no longer holds (a retraction). One
   * transaction: on failure nothing changes.
   */
  void put(long from, long to, long size, List<IncidentLog.Incident> incidents) {
    try {
      db.inTransaction(c -> {
        // Versions for this very size are rewritten: left by a snapshot that was never stored.
        try (PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM incident_rows WHERE code_version = ? AND idx >= ? AND since = ?")) {
          s.setString(1, codeVersion);
          s.setLong(2, from);
          s.setLong(3, size);
          s.executeUpdate();
        }
        Map<Long, Version> stored = new HashMap<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM incident_rows r WHERE code_version = ? AND idx >= ? AND idx < ?"
                    + CURRENT)) {
          s.setString(1, codeVersion);
          s.setLong(2, from);
          s.setLong(3, to);
          s.setLong(4, size);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              Version v = version(r);
              stored.put(v.incident().index(), v);
            }
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO incident_rows (code_version, "
                    + COLUMNS
                    + ", time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          int batched = 0;
          for (IncidentLog.Incident i : incidents) {
            Version was = stored.remove(i.index());
            if (was != null && !was.gone() && was.incident().equals(i)) continue;
            bind(s, i, size, false);
            s.addBatch();
            if (++batched % 1000 == 0) s.executeBatch();
          }
          for (Version was : stored.values()) {
            if (was.gone()) continue;
            bind(s, was.incident(), size, true);
            s.addBatch();
          }
          s.executeBatch();
        }
      });
    } catch (SQLException e) {
      throw new StoreException(
          "cannot store the incidents from entry " + from + " for the snapshot at size " + size, e);
    }
  }

  private void bind(PreparedStatement s, IncidentLog.Incident i, long since, boolean gone)
      throws SQLException {
    s.setString(1, codeVersion);
    s.setLong(2, i.index());
    s.setLong(3, since);
    s.setInt(4, gone ? 1 : 0);
    s.setString(5, i.id());
    s.setString(6, i.category());
    s.setInt(7, i.severity());
    s.setDouble(8, i.lon());
    s.setDouble(9, i.lat());
    s.setString(10, i.summary());
    if (i.zone() == null) s.setNull(11, Types.VARCHAR);
    else s.setString(11, i.zone());
    s.setString(12, i.reportedBy());
    s.setString(13, i.time().toString());
    if (i.concealed().any())
      s.setString(14, String.join(",", new TreeSet<>(i.concealed().fields())));
    else s.setNull(14, Types.VARCHAR);
    s.setLong(15, i.time().toEpochMilli());
  }

  private record Version(IncidentLog.Incident incident, boolean gone) {}

  private static Version version(ResultSet r) throws SQLException {
    String reportedBy = r.getString(11);
    String concealed = r.getString(13);
    IncidentLog.Incident i =
        new IncidentLog.Incident(
            r.getString(4),
            r.getString(5),
            r.getInt(6),
            r.getDouble(7),
            r.getDouble(8),
            r.getString(9),
            r.getString(10),
            reportedBy,
            r.getLong(1),
            Instant.parse(r.getString(12)),
            concealed == null
                ? Concealed.NONE
                : new Concealed("incident.reported", reportedBy, Set.of(concealed.split(",", -1))));
    return new Version(i, r.getInt(3) != 0);
  }

  /**
   * The incident {@code id} reported at an entry below {@code before}, as of a snapshot of {@code
   * asOf} entries.
   */
  Optional<IncidentLog.Incident> find(String id, long before, long asOf) {
    // Every version of every report of this id, by the id's index alone: an id has few (a report,
    // and a gone version if it was retracted and reported again), and a condition on idx here
    // could make the database walk the entries instead.
    try (Connection c = db.read();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM incident_rows WHERE code_version = ? AND id = ?")) {
      // No ORDER BY: sorting by the key's order makes SQLite walk the key instead of the id index.
      s.setString(1, codeVersion);
      s.setString(2, id);
      Map<Long, Version> current = new HashMap<>();
      Map<Long, Long> newest = new HashMap<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long idx = r.getLong(1), since = r.getLong(2);
          if (idx >= before || since > asOf || newest.getOrDefault(idx, -1L) > since) continue;
          newest.put(idx, since);
          current.put(idx, version(r));
        }
      }
      return current.values().stream()
          .filter(v -> !v.gone())
          .map(Version::incident)
          .reduce((a, b) -> b.index() > a.index() ? b : a);
    } catch (SQLException e) {
      throw new StoreException("cannot look up incident \"" + id + "\"", e);
    }
  }

  /**
   * At most {@code limit} incidents that pass {@code f}, newest first, reported at entries below
   * {@code before}, as of a snapshot of {@code asOf} entries. Zone and category are selected by the
   * database; times are narrowed there to the millisecond and checked exactly here.
   */
  List<IncidentLog.Incident> newest(IncidentLog.Filter f, long before, long asOf, int limit) {
    List<IncidentLog.Incident> out = new ArrayList<>(Math.min(limit, 1024));
    long cursor = before;
    int batch = Math.min(Math.max(limit + 16, 64), 4096);
    while (out.size() < limit) {
      List<IncidentLog.Incident> got = page(f, cursor, asOf, batch, true);
      for (IncidentLog.Incident i : got) {
        if (f.accepts(i)) out.add(i);
        if (out.size() == limit) return out;
      }
      if (got.size() < batch) return out;
      cursor = got.getLast().index();
    }
    return out;
  }

  /**
   * Every incident that passes {@code f} below entry {@code before} as of {@code asOf}, in order.
   */
  List<IncidentLog.Incident> all(IncidentLog.Filter f, long before, long asOf) {
    List<IncidentLog.Incident> out = new ArrayList<>();
    long cursor = -1;
    int batch = 4096;
    while (true) {
      List<IncidentLog.Incident> got = page(f, cursor, asOf, batch, false);
      for (IncidentLog.Incident i : got) if (i.index() < before && f.accepts(i)) out.add(i);
      if (got.size() < batch || got.getLast().index() >= before) return out;
      cursor = got.getLast().index();
    }
  }

  /** One page of current versions after (ascending) or before (descending) entry {@code cursor}. */
  private List<IncidentLog.Incident> page(
      IncidentLog.Filter f, long cursor, long asOf, int limit, boolean descending) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM incident_rows r WHERE code_version = ? AND gone = 0 AND idx ")
            .append(descending ? "<" : ">")
            .append(" ?");
    List<Object> args = new ArrayList<>(List.of(codeVersion, cursor));
    if (f.zone() != null) {
      if (f.zone().equals("none")) sql.append(" AND zone IS NULL");
      else {
        sql.append(" AND zone = ?");
        args.add(f.zone());
      }
    }
    if (f.category() != null) {
      sql.append(" AND category = ?");
      args.add(f.category());
    }
    if (f.from() != null) {
      sql.append(" AND time_ms >= ?");
      args.add(f.from().toEpochMilli());
    }
    if (f.to() != null) {
      sql.append(" AND time_ms <= ?");
      args.add(f.to().toEpochMilli());
    }
    sql.append(CURRENT).append(" ORDER BY idx ").append(descending ? "DESC" : "ASC");
    sql.append(" LIMIT ").append(limit);
    args.add(asOf);
    try (Connection c = db.read();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int k = 0; k < args.size(); k++) s.setObject(k + 1, args.get(k));
      List<IncidentLog.Incident> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(version(r).incident());
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the stored incidents", e);
    }
  }

  /** Deletes every row: the next start rebuilds them from the whole log. */
  public int deleteAll() {
    try (Connection c = db.write();
        PreparedStatement s = c.prepareStatement("DELETE FROM incident_rows")) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete the stored incidents", e);
    }
  }

  /**
   * Deletes the rows written by other code versions: their snapshots are ignored and rebuilt, and
   * these rows with them.
   *
   * @return the number of rows deleted
   */
  public int deleteOtherVersions() {
    try (Connection c = db.write()) {
      // Two seeks on the key first: start-up does not scan the rows when there is nothing to do.
      boolean other = false;
      for (String probe :
          List.of(
              "SELECT 1 FROM incident_rows WHERE code_version < ? LIMIT 1",
              "SELECT 1 FROM incident_rows WHERE code_version > ? LIMIT 1"))
        try (PreparedStatement s = c.prepareStatement(probe)) {
          s.setString(1, codeVersion);
          try (ResultSet r = s.executeQuery()) {
            other |= r.next();
          }
        }
      if (!other) return 0;
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM incident_rows WHERE code_version <> ?")) {
        s.setString(1, codeVersion);
        return s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot delete the incidents of other code versions", e);
    }
  }
}
