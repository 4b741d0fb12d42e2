package io.fusioncommerce.ingress.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The platform's Postgres: the catalog people edit and the read models that need SQL.
 *
 * <p>Tenant isolation holds in the database itself, not only in the queries: every table has a
 * row-level-security policy on the {@code fusion.tenant} setting, and the pool's connections act as
 * the role {@value #APP_ROLE}, which is subject to those policies. {@link #inTenant} sets the tenant
 * for one transaction, so a query that forgot its {@code tenant_id} predicate still sees only that
 * tenant's rows. Migrations (Flyway, {@code db/migration}) run as the connecting user, which owns the tables.
 */
public final class Database implements AutoCloseable {

  /** The role application queries run as (no BYPASSRLS, not the tables' owner). */
  public static final String APP_ROLE = "fusion_app";

  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(HikariDataSource pool) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /** Migrates the schema to the newest version, then opens the pool. */
  public static Database connect(Settings settings) {
    Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setPoolName("fusion-db");
    config.setMinimumIdle(settings.minPoolSize());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setConnectionInitSql("set role " + APP_ROLE);
    config.setConnectionTimeout(5_000);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", settings.applicationName());
    return new Database(new HikariDataSource(config));
  }

  /**
   * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/fusion}
   * @param user a user that owns the schema (runs migrations) and is a member of {@value #APP_ROLE}
   */
  public record Settings(String jdbcUrl, String user, String password, int minPoolSize, int maxPoolSize,
      String applicationName) {

    public Settings {
      if (minPoolSize < 0 || maxPoolSize < 1 || minPoolSize > maxPoolSize) {
        throw new IllegalArgumentException("pool sizes must satisfy 0 <= min <= max, max >= 1");
      }
    }

    /** The PRD's pool: at least 2, at most 10 connections per instance. */
    public static Settings of(String jdbcUrl, String user, String password) {
      return new Settings(jdbcUrl, user, password, 2, 10, "fusioncommerce");
    }
  }

  /** One transaction in which only {@code tenantId}'s rows exist. */
  public <T> T inTenant(String tenantId, HandleCallback<T, RuntimeException> work) {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("a tenant is required");
    }
    return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
      useTenant(handle, tenantId);
      return work.withHandle(handle);
    });
  }

  /** Sets the tenant of the current transaction on {@code handle}. */
  public static void useTenant(Handle handle, String tenantId) {
    handle.createQuery("select set_config('fusion.tenant', :tenant, true)").bind("tenant", tenantId)
        .mapTo(String.class).one();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** True when a connection answers within two seconds. */
  public boolean isHealthy() {
    try (var connection = pool.getConnection()) {
      return connection.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
