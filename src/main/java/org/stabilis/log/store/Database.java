package org.stabilis.log.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to the store: an embedded SQLite file (WAL, synchronous FULL) or a PostgreSQL server.
 * The only place that knows the SQL dialects apart; migrations are versioned with Flyway.
 */
public final class Database implements AutoCloseable {

  public enum Dialect {
    SQLITE("BLOB"),
    POSTGRESQL("BYTEA");

    private final String blob;

    Dialect(String blob) {
      this.blob = blob;
    }
  }

  private final Dialect dialect;
  private final HikariDataSource writer;
  private final HikariDataSource reader;
  private final String url;

  private final String migrations;

  private Database(
      Dialect dialect,
      HikariDataSource writer,
      HikariDataSource reader,
      String url,
      String migrations) {
    this.migrations = migrations;
    this.dialect = dialect;
    this.writer = writer;
    this.reader = reader;
    this.url = url;
  }

  /** The SQLite file of a data folder. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("stabilis.db").toAbsolutePath();
  }

  /** Opens {@code jdbcUrl} and brings its schema up to date. */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, "classpath:db/migration");
  }

  /**
   * Opens {@code jdbcUrl} and brings it up to date with the Flyway migrations at {@code migrations}
   * (e.g. {@code classpath:db/witness} for a witness's own store).
   */
  public static Database open(String jdbcUrl, String migrations) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return openSqlite(jdbcUrl, migrations);
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return openPostgres(jdbcUrl, migrations);
    throw new IllegalArgumentException(
        "unsupported database URL "
            + jdbcUrl
            + "; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }

  private static Database openSqlite(String url, String migrations) {
    // A single writer connection: SQLite serialises writers anyway, and one connection avoids
    // SQLITE_BUSY between our own threads. Readers get their own pool; WAL lets them run
    // alongside the writer.
    HikariDataSource writer = pool(sqlite(url, true), "stabilis-writer", 1);
    HikariDataSource reader = pool(sqlite(url, false), "stabilis-reader", 4);
    Database db = new Database(Dialect.SQLITE, writer, reader, url, migrations);
    db.migrate();
    return db;
  }

  private static SQLiteDataSource sqlite(String url, boolean writer) {
    SQLiteConfig c = new SQLiteConfig();
    // BEGIN IMMEDIATE takes the database's write lock when the transaction starts, so a commit
    // group that first reads the size and then appends cannot interleave with another process
    // doing the same: the file lock is the cluster-wide sequencer lock on SQLite.
    if (writer) c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.FULL); // SPEC §7: durable before 201
    c.setBusyTimeout(30_000);
    c.enforceForeignKeys(true);
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl(url);
    return ds;
  }

  private static Database openPostgres(String url, String migrations) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setPoolName("stabilis-pg");
    c.setMaximumPoolSize(16);
    HikariDataSource ds = new HikariDataSource(c);
    Database db = new Database(Dialect.POSTGRESQL, ds, ds, url, migrations);
    db.migrate();
    return db;
  }

  private static HikariDataSource pool(DataSource ds, String name, int size) {
    HikariConfig c = new HikariConfig();
    c.setDataSource(ds);
    c.setPoolName(name);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    return new HikariDataSource(c);
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(writer)
        .locations(migrations)
        .placeholders(Map.of("blob", dialect.blob))
        .load()
        .migrate();
  }

  /** Arbitrary constant naming the sequencer's advisory lock; every process must use the same. */
  private static final long SEQUENCER_LOCK = 0x5354_4142_494C_4953L; // "STABILIS"

  /**
   * Takes the cluster-wide sequencer lock inside the open transaction of {@code c} (a {@link
   * #write()} connection with auto-commit off); it is released when the transaction ends. Only one
   * process at a time can then read the log size and append.
   */
  void lockSequencer(Connection c) throws SQLException {
    switch (dialect) {
      // The IMMEDIATE transaction mode of the writer already holds SQLite's write lock.
      case SQLITE -> {}
      case POSTGRESQL -> {
        try (var s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          s.setLong(1, SEQUENCER_LOCK);
          s.executeQuery().close();
        }
      }
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public String url() {
    return url;
  }

  /** A connection for writing; callers commit or roll back themselves. */
  public Connection write() throws SQLException {
    return writer.getConnection();
  }

  /** Work on a connection inside one transaction. */
  @FunctionalInterface
  public interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on a writing connection: committed when it returns, rolled
   * back when it throws, so a failure changes nothing.
   */
  public void inTransaction(Work work) throws SQLException {
    try (Connection c = write()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** A connection for reading only. */
  public Connection read() throws SQLException {
    return reader.getConnection();
  }

  @Override
  public void close() {
    writer.close();
    if (reader != writer) reader.close();
  }
}
