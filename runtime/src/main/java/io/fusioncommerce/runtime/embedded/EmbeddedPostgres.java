package io.fusioncommerce.runtime.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL server (zonky's packaged binaries), as a child process with its data under the
 * data dir. Configured for durability (fsync and synchronous commit on, unlike zonky's test defaults)
 * and for Debezium (logical WAL).
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  public static final String USER = "postgres";

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Process guard;
  private final int port;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Process guard, int port) {
    this.server = server;
    this.guard = guard;
    this.port = port;
  }

  public static EmbeddedPostgres start(Path dataDir, int requestedPort, List<String> databases) {
    try {
      Files.createDirectories(dataDir);
      stopStalePostmaster(dataDir);
      int port = Ports.orFree(requestedPort);
      Path log = dataDir.resolveSibling("postgres.log");
      var server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.toFile())
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "''")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", "64MB")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      long postmaster = postmasterPid(dataDir).orElseThrow(() -> new IllegalStateException("postmaster.pid missing"));
      Process guard = OrphanGuard.watch(postmaster, "INT");
      EmbeddedPostgres postgres = new EmbeddedPostgres(server, guard, port);
      for (String database : databases) {
        postgres.createDatabaseIfMissing(database);
      }
      LOG.atInfo().addKeyValue("port", port).addKeyValue("dataDir", dataDir).log("postgres started");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start postgres in " + dataDir, e);
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  private void createDatabaseIfMissing(String database) {
    try (Connection connection = connect("postgres");
        var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      if (!exists.executeQuery().next()) {
        try (var create = connection.createStatement()) {
          create.execute("create database \"" + database + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("postgres did not stop cleanly", e);
    } finally {
      guard.destroy();
    }
  }

  private static Optional<Long> postmasterPid(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
  }

  /**
   * A postmaster left running by a launcher that was killed before its guard could act would make
   * zonky fail (or, on the same port, silently reuse it). Stop it first, with pg_ctl's fast shutdown.
   */
  private static void stopStalePostmaster(Path dataDir) throws IOException {
    Optional<Long> pid = postmasterPid(dataDir);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
    String command = process.flatMap(p -> p.info().command()).orElse("");
    if (process.isEmpty() || !process.get().isAlive() || !command.endsWith("/postgres")) {
      return; // postgres itself treats a dead pid file as stale
    }
    LOG.atWarn().addKeyValue("pid", pid.get()).log("stopping a postgres left running by an earlier launcher");
    List<String> stop = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      stop.addAll(List.of("unshare", "-U")); // pg_ctl refuses to run as root; zonky does the same
    }
    stop.addAll(List.of(Path.of(command).resolveSibling("pg_ctl").toString(), "-D", dataDir.toString(), "stop",
        "-m", "fast", "-w", "-t", "15"));
    try {
      Process pgCtl = new ProcessBuilder(stop).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (pgCtl.waitFor() != 0) {
        process.get().destroy();
      }
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (Files.exists(dataDir.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
