package io.fusioncommerce.ingress.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The platform's Postgres: the catalog people edit and the read models that need SQL.
 *
 * <p>Tenant isolation holds in the database itself, not only in the queries: every table has a
 * row-level-security policy on the {@code fusion.tenant} setting, and the pool's connections act as
 * the role {@value #APP_ROLE}, which is subject to those policies. {@link #inTenant} sets the tenant
 * for one transaction, so a query that forgot its {@code tenant_id} predicate still sees only that
 * tenant's rows. Migrations (Flyway, {@code db/migration}) run as the owner of the tables; the pool logs
 * in as {@link Settings#appUser()} ({@value #APP_ROLE} unless told otherwise), which is neither a superuser nor
 * able to bypass row-level security, so no statement sent through the pool, injected or not, can switch
 * back to a role that sees every tenant.
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
    // the URL may carry the owner's ?user=&password=: the data source parses it, then the app login replaces them
    PGSimpleDataSource appLogin = new PGSimpleDataSource();
    appLogin.setURL(settings.jdbcUrl());
    appLogin.setUser(settings.appUser());
    appLogin.setPassword(settings.appPassword());
    appLogin.setReWriteBatchedInserts(true);
    appLogin.setApplicationName(settings.applicationName());
    HikariConfig config = new HikariConfig();
    config.setDataSource(appLogin);
    config.setPoolName("fusion-db");
    config.setMinimumIdle(settings.minPoolSize());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setConnectionInitSql("set role " + APP_ROLE);
    config.setConnectionTimeout(5_000);
    return new Database(new HikariDataSource(config));
  }

  /**
   * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/fusion}
   * @param user a user that owns the schema and runs the migrations (null: the one in the URL)
   * @param appUser the login of the pool: {@value #APP_ROLE} or another NOSUPERUSER NOBYPASSRLS member of it
   * @param appPassword its password (empty where the server trusts loopback, as the embedded one does)
   */
  public record Settings(String jdbcUrl, String user, String password, int minPoolSize, int maxPoolSize,
      String applicationName, String appUser, String appPassword) {

    public Settings {
      if (minPoolSize < 0 || maxPoolSize < 1 || minPoolSize > maxPoolSize) {
        throw new IllegalArgumentException("pool sizes must satisfy 0 <= min <= max, max >= 1");
      }
      if (appUser == null || appUser.isBlank()) {
        throw new IllegalArgumentException("the application pool needs its own login (" + APP_ROLE + ")");
      }
    }

    /**
     * The PRD's pool (at least 2, at most 10 connections per instance), logging in as {@value #APP_ROLE}
     * without a password: for a server that trusts loopback (embedded mode, tests).
     */
    public static Settings of(String jdbcUrl, String user, String password) {
      return of(jdbcUrl, user, password, APP_ROLE, "");
    }

    /** The PRD's pool, logging in as {@code appUser}. */
    public static Settings of(String jdbcUrl, String user, String password, String appUser, String appPassword) {
      return new Settings(jdbcUrl, user, password, 2, 10, "fusioncommerce", appUser, appPassword);
    }

    @Override
    public String toString() {
      return "Settings[jdbcUrl=" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ", user=" + user
          + ", appUser=" + appUser + ", pool=" + minPoolSize + ".." + maxPoolSize + "]";
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
