package io.fusioncommerce.ingress.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL 17 server the launcher runs (zonky's binaries), one per test class, with a
 * fresh database for each {@link #newDatabase()} so tests do not see each other's rows.
 */
public final class TestDatabases implements AutoCloseable {

  private final EmbeddedPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  private TestDatabases(EmbeddedPostgres server) {
    this.server = server;
  }

  public static TestDatabases start() {
    try {
      return new TestDatabases(EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", "''")
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, migrated database and a pool on it. */
  public Database newDatabase() {
    String name = "test_" + databases.incrementAndGet();
    try (Connection connection = server.getPostgresDatabase().getConnection(); var sql = connection.createStatement()) {
      sql.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return Database.connect(Database.Settings.of(jdbcUrl(name), "postgres", ""));
  }

  /** The most recent {@link #newDatabase()}, logged in as {@code role} (the server trusts loopback). */
  public org.jdbi.v3.core.Jdbi login(String role) {
    return org.jdbi.v3.core.Jdbi.create(jdbcUrl("test_" + databases.get()), role, "");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
