package io.fusioncommerce.analytics.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Druid SQL of the analytics queries. Every value is a bound parameter; the only text that varies
 * comes from enums (the bucket period, the grouping column, the orders column) or a range-checked int
 * (the top-products limit), never from a request. Every query filters by the scope's tenant, and by its
 * vendor for a vendor.
 */
public final class DruidSql {

  static final String ORDER_LINES = "order_lines";
  static final String CAMPAIGN_EVENTS = "campaign_events";
  static final int MAX_TOP_PRODUCTS = 1000;

  /** A statement and its parameters, in the order of the question marks. */
  public record Statement(String sql, List<Object> parameters) {
    public Statement {
      parameters = List.copyOf(parameters);
    }
  }

  private DruidSql() {}

  /** Sales of confirmed lines: one row per bucket, group and currency. */
  public static Statement sales(SalesQuery query) {
    List<Object> parameters = new ArrayList<>();
    String group = query.groupBy().map(g -> ", \"" + groupColumn(g) + "\" AS \"grp\"").orElse("");
    String sql = "SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, '" + period(query.granularity()) + "')) AS \"bucket\""
        + group + ", \"currency\", SUM(\"" + ordersColumn(query.scope(), query.groupBy().orElse(null)) + "\") AS \"orders\","
        + " SUM(\"quantity\") AS \"units\", SUM(\"amount\") AS \"revenue\""
        + " FROM \"" + ORDER_LINES + "\""
        + confirmedLines(query.scope(), query.from(), query.to(), parameters)
        + (query.groupBy().isPresent() ? " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" : " GROUP BY 1, 2 ORDER BY 1, 2");
    return new Statement(sql, parameters);
  }

  /** The best sellers by units (then revenue, then SKU, so ties have one order). */
  public static Statement topProducts(TopProductsQuery query) {
    if (query.limit() < 1 || query.limit() > MAX_TOP_PRODUCTS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_TOP_PRODUCTS + ": " + query.limit());
    }
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT \"sku\", \"vendorId\", \"currency\", SUM(\"lines\") AS \"orders\", SUM(\"quantity\") AS \"units\","
        + " SUM(\"amount\") AS \"revenue\" FROM \"" + ORDER_LINES + "\""
        + confirmedLines(query.scope(), query.from(), query.to(), parameters)
        + " GROUP BY 1, 2, 3 ORDER BY \"units\" DESC, \"revenue\" DESC, \"sku\" LIMIT " + query.limit();
    return new Statement(sql, parameters);
  }

  /** A campaign's joins, the units they asked for and group orders placed, per bucket. */
  public static Statement campaign(CampaignQuery query) {
    List<Object> parameters = new ArrayList<>(List.of("JOINED", "JOINED", "ORDER_PLACED"));
    String sql = "SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, '" + period(query.granularity()) + "')) AS \"bucket\","
        + " COUNT(*) FILTER (WHERE \"event\" = ?) AS \"joins\","
        + " COALESCE(SUM(\"quantity\") FILTER (WHERE \"event\" = ?), 0) AS \"units\","
        + " COUNT(*) FILTER (WHERE \"event\" = ?) AS \"placed\""
        + " FROM \"" + CAMPAIGN_EVENTS + "\"" + scoped(query.scope(), parameters)
        + equal("campaignId", query.campaignId(), parameters) + range(query.from(), query.to(), parameters)
        + " GROUP BY 1 ORDER BY 1";
    return new Statement(sql, parameters);
  }

  /**
   * Which count makes "orders" exact for a series: a SKU's orders are its lines (an order has one line
   * per SKU); a category's and a vendor's come from the first line of each in an order; otherwise the
   * first line of the order, except that a vendor sees orders of its own lines only.
   */
  static String ordersColumn(Scope scope, SalesGroupBy groupBy) {
    if (groupBy == SalesGroupBy.SKU) {
      return "lines";
    }
    if (groupBy == SalesGroupBy.CATEGORY) {
      return "categoryOrderCount";
    }
    if (groupBy == SalesGroupBy.VENDOR || scope.vendorId().isPresent()) {
      return "vendorOrderCount";
    }
    return "orderCount";
  }

  static String groupColumn(SalesGroupBy groupBy) {
    return switch (groupBy) {
      case VENDOR -> "vendorId";
      case SKU -> "sku";
      case CATEGORY -> "category";
      case CURRENCY -> "currency";
    };
  }

  static String period(Granularity granularity) {
    return switch (granularity) {
      case MINUTE -> "PT1M";
      case HOUR -> "PT1H";
      case DAY -> "P1D";
    };
  }

  private static String confirmedLines(Scope scope, Instant from, Instant to, List<Object> parameters) {
    return scoped(scope, parameters) + equal("event", "CONFIRMED", parameters) + range(from, to, parameters);
  }

  private static String scoped(Scope scope, List<Object> parameters) {
    parameters.add(scope.tenantId());
    if (scope.vendorId().isEmpty()) {
      return " WHERE \"tenantId\" = ?";
    }
    parameters.add(scope.vendorId().get());
    return " WHERE \"tenantId\" = ? AND \"vendorId\" = ?";
  }

  private static String equal(String column, Object value, List<Object> parameters) {
    parameters.add(value);
    return " AND \"" + column + "\" = ?";
  }

  /** From (inclusive) to (exclusive), bound as epoch milliseconds: no time zone between here and Druid. */
  private static String range(Instant from, Instant to, List<Object> parameters) {
    parameters.add(from.toEpochMilli());
    parameters.add(to.toEpochMilli());
    return " AND __time >= MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT))";
  }
}
