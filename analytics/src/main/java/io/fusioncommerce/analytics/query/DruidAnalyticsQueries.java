package io.fusioncommerce.analytics.query;

import com.zaxxer.hikari.HikariConfig;
import org.apache.calcite.avatica.AvaticaSqlException;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link AnalyticsQueries} answered by Druid SQL over Avatica JDBC (the broker's
 * {@code /druid/v2/sql/avatica/} endpoint), through Jdbi and a small connection pool. Anything that keeps
 * Druid from answering (not started, restarting, stopped) is an {@link AnalyticsUnavailableException};
 * a datasource Druid does not know yet (nothing ingested) answers with no rows.
 */
public final class DruidAnalyticsQueries implements AnalyticsQueries, AutoCloseable {

  private static final Duration AVAILABILITY_CACHE = Duration.ofSeconds(2);
  /** The longest a query may run in Druid; the routes' answers are bounded well below (DESIGN.md §6: p95 150 ms). */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Clock clock;
  private volatile Instant availabilityCheckedAt = Instant.MIN;
  private volatile boolean available;

  /** @param brokerUrl a Druid broker, or a router in front of brokers, e.g. {@code http://127.0.0.1:8082} */
  public DruidAnalyticsQueries(String brokerUrl) {
    this(brokerUrl, Clock.systemUTC());
  }

  DruidAnalyticsQueries(String brokerUrl, Clock clock) {
    this.clock = clock;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(brokerUrl));
    config.setDriverClassName("org.apache.calcite.avatica.remote.Driver");
    config.setPoolName("druid-sql");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(0);
    // Druid closes Avatica connections idle for 5 minutes; the pool lets them go before that
    config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
    config.setMaxLifetime(Duration.ofMinutes(4).toMillis());
    config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
    // Druid's query context travels as connection properties (not in the URL): a query the broker has
    // not answered in this time is cancelled there, so no query holds a connection for Druid's default 5 min
    config.addDataSourceProperty("timeout", Long.toString(QUERY_TIMEOUT.toMillis()));
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    // start even while Druid is down; queries then fail fast as unavailable
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
    this.jdbi = Jdbi.create(pool);
  }

  /** The Avatica JDBC URL of a Druid broker or router. */
  public static String jdbcUrl(String brokerUrl) {
    String base = brokerUrl.endsWith("/") ? brokerUrl.substring(0, brokerUrl.length() - 1) : brokerUrl;
    return "jdbc:avatica:remote:url=" + base + "/druid/v2/sql/avatica/;transparent_reconnection=true";
  }

  /** Asks Druid at most every two seconds; between asks, the last answer. */
  @Override
  public boolean available() {
    Instant now = clock.instant();
    if (availabilityCheckedAt.plus(AVAILABILITY_CACHE).isAfter(now)) {
      return available;
    }
    boolean answered;
    try {
      answered = jdbi.withHandle(handle ->
          evictOnFailure(handle, () -> handle.createQuery("SELECT 1").mapTo(Integer.class).one())) == 1;
    } catch (RuntimeException e) {
      answered = false;
    }
    available = answered;
    availabilityCheckedAt = now;
    return answered;
  }

  @Override
  public List<SalesPoint> sales(SalesQuery query) throws AnalyticsUnavailableException {
    boolean grouped = query.groupBy().isPresent();
    return run(DruidSql.sales(query), DruidSql.ORDER_LINES, (rs, ctx) -> new SalesPoint(
        Instant.ofEpochMilli(rs.getLong("bucket")), grouped ? rs.getString("grp") : null,
        rs.getLong("orders"), rs.getLong("units"), rs.getLong("revenue"), rs.getString("currency")));
  }

  @Override
  public List<TopProduct> topProducts(TopProductsQuery query) throws AnalyticsUnavailableException {
    return run(DruidSql.topProducts(query), DruidSql.ORDER_LINES, (rs, ctx) -> new TopProduct(
        rs.getString("sku"), rs.getString("vendorId"), rs.getLong("orders"), rs.getLong("units"),
        rs.getLong("revenue"), rs.getString("currency")));
  }

  @Override
  public List<CampaignPoint> campaign(CampaignQuery query) throws AnalyticsUnavailableException {
    return run(DruidSql.campaign(query), DruidSql.CAMPAIGN_EVENTS, (rs, ctx) -> new CampaignPoint(
        Instant.ofEpochMilli(rs.getLong("bucket")), rs.getLong("joins"), rs.getLong("units"), rs.getLong("placed")));
  }

  private <T> List<T> run(DruidSql.Statement statement, String dataSource, RowMapper<T> mapper)
      throws AnalyticsUnavailableException {
    try {
      return jdbi.withHandle(handle -> evictOnFailure(handle, () -> {
        Query query = handle.createQuery(statement.sql());
        for (int i = 0; i < statement.parameters().size(); i++) {
          query.bind(i, statement.parameters().get(i));
        }
        return query.map(mapper).list();
      }));
    } catch (RuntimeException e) {
      // Jdbi's exceptions, and Avatica's HTTP client's own (a refused connection arrives as a bare
      // RuntimeException): whatever kept Druid from answering
      if (unknownDataSource(e, dataSource)) {
        return List.of();
      }
      available = false;
      availabilityCheckedAt = clock.instant();
      throw new AnalyticsUnavailableException("Druid did not answer: " + rootMessage(e), e);
    }
  }

  /**
   * A statement Druid failed to plan stays open on the broker's side of the Avatica connection (it
   * allows four per connection), so a connection that saw a failure leaves the pool.
   */
  private <T> T evictOnFailure(Handle handle, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      pool.evictConnection(handle.getConnection());
      throw e;
    }
  }

  /** Druid's planner refuses a table that does not exist yet: nothing of it was ingested. */
  private static boolean unknownDataSource(Throwable error, String dataSource) {
    String unknown = "Object '" + dataSource + "' not found";
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(unknown)) {
        return true;
      }
      // Avatica carries the broker's error text in the server's stack traces, not in the message
      if (t instanceof AvaticaSqlException avatica
          && avatica.getStackTraces().stream().anyMatch(trace -> trace.contains(unknown))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }

  @Override
  public void close() {
    pool.close();
  }
}
