package org.stabilis.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database the test suite runs on, chosen by the system property {@value #PROPERTY}: {@code
 * sqlite} (default: the SQLite file of each test's data folder) or {@code postgresql}.
 *
 * <p>On PostgreSQL every call of {@link #freshDatabaseUrl()} creates a new empty database, on the
 * server named by the environment variable {@value #PG_URL_ENV} (a JDBC URL of a database the user
 * may create databases from) or else on an embedded PostgreSQL started once per JVM. If neither
 * works the test fails: a PostgreSQL run is never silently skipped.
 */
public final class StoreTarget {
  public static final String PROPERTY = "stabilis.test.db";
  public static final String PG_URL_ENV = "STABILIS_TEST_PG_URL";

  private static final Pattern PG_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static String adminUrl; // guarded by StoreTarget.class
  private static EmbeddedPostgres embedded;

  private StoreTarget() {}

  /** True when the suite runs on PostgreSQL. */
  public static boolean postgres() {
    String v = System.getProperty(PROPERTY, "sqlite");
    return switch (v) {
      case "sqlite" -> false;
      case "postgresql" -> true;
      default ->
          throw new IllegalStateException(PROPERTY + " must be sqlite or postgresql; got " + v);
    };
  }

  /** A JDBC URL of a new, empty database; null on SQLite, meaning the data folder's own file. */
  public static String freshDatabaseUrl() {
    if (!postgres()) return null;
    String admin = adminUrl();
    Matcher m = PG_URL.matcher(admin);
    if (!m.matches())
      throw new IllegalStateException(
          PG_URL_ENV + " is not a jdbc:postgresql://HOST/DB URL: " + admin);
    String name = "t_" + HexFormat.of().formatHex(randomBytes());
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name); // name is [t_0-9a-f] only
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a test database on " + admin + ": " + e.getMessage(), e);
    }
    return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private static synchronized String adminUrl() {
    if (adminUrl != null) return adminUrl;
    String env = System.getenv(PG_URL_ENV);
    if (env != null && !env.isBlank()) {
      adminUrl = env.trim();
      return adminUrl;
    }
    try {
      embedded = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the PostgreSQL test run needs a server: embedded PostgreSQL did not start ("
              + e.getMessage()
              + "); set "
              + PG_URL_ENV
              + " to a server's JDBC URL instead",
          e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              try {
                embedded.close();
              } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
              }
            }));
    adminUrl = embedded.getJdbcUrl("postgres", "postgres");
    return adminUrl;
  }
}
