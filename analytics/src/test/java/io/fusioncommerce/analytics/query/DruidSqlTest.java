package io.fusioncommerce.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DruidSqlTest {

  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void salesBindEveryValueAndFilterTheTenantsConfirmedLines() {
    DruidSql.Statement statement = DruidSql.sales(
        new SalesQuery(Scope.tenant("acme"), FROM, TO, Granularity.HOUR, Optional.empty()));

    assertThat(statement.sql())
        .contains("FROM \"order_lines\" WHERE \"tenantId\" = ? AND \"event\" = ?")
        .contains("__time >= MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT))")
        .contains("TIME_FLOOR(__time, 'PT1H')")
        .contains("SUM(\"orderCount\") AS \"orders\"")
        .doesNotContain("acme").doesNotContain("vendorId");
    assertThat(statement.parameters()).containsExactly("acme", "CONFIRMED", FROM.toEpochMilli(), TO.toEpochMilli());
  }

  @Test
  void aVendorSeesItsOwnLinesOnlyAndCountsItsOwnOrders() {
    DruidSql.Statement statement = DruidSql.sales(
        new SalesQuery(Scope.vendor("acme", "v1"), FROM, TO, Granularity.DAY, Optional.empty()));

    assertThat(statement.sql()).contains("WHERE \"tenantId\" = ? AND \"vendorId\" = ? AND \"event\" = ?")
        .contains("SUM(\"vendorOrderCount\") AS \"orders\"").contains("'P1D'").doesNotContain("v1");
    assertThat(statement.parameters()).containsExactly("acme", "v1", "CONFIRMED", FROM.toEpochMilli(), TO.toEpochMilli());
  }

  @ParameterizedTest
  @CsvSource({
      "tenant, , orderCount",
      "tenant, CURRENCY, orderCount",
      "tenant, VENDOR, vendorOrderCount",
      "tenant, CATEGORY, categoryOrderCount",
      "tenant, SKU, lines",
      "vendor, , vendorOrderCount",
      "vendor, CURRENCY, vendorOrderCount",
      "vendor, SKU, lines",
  })
  void ordersAreCountedTheWayTheGroupingKeepsThemExact(String who, SalesGroupBy groupBy, String column) {
    Scope scope = who.equals("vendor") ? Scope.vendor("acme", "v1") : Scope.tenant("acme");

    String sql = DruidSql.sales(new SalesQuery(scope, FROM, TO, Granularity.MINUTE, Optional.ofNullable(groupBy))).sql();

    assertThat(sql).contains("SUM(\"" + column + "\") AS \"orders\"").contains("'PT1M'");
  }

  @ParameterizedTest
  @CsvSource({"VENDOR, vendorId", "SKU, sku", "CATEGORY, category", "CURRENCY, currency"})
  void aGroupedSeriesSelectsItsColumnAsTheGroup(SalesGroupBy groupBy, String column) {
    String sql = DruidSql.sales(new SalesQuery(Scope.tenant("acme"), FROM, TO, Granularity.HOUR, Optional.of(groupBy))).sql();

    assertThat(sql).contains("\"" + column + "\" AS \"grp\"").endsWith("GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  }

  @Test
  void topProductsAreTheTenantsBestSellersByUnits() {
    DruidSql.Statement statement = DruidSql.topProducts(new TopProductsQuery(Scope.vendor("acme", "v1"), FROM, TO, 5));

    assertThat(statement.sql()).contains("WHERE \"tenantId\" = ? AND \"vendorId\" = ? AND \"event\" = ?")
        .contains("SUM(\"lines\") AS \"orders\"").contains("ORDER BY \"units\" DESC").endsWith("LIMIT 5");
    assertThat(statement.parameters()).containsExactly("acme", "v1", "CONFIRMED", FROM.toEpochMilli(), TO.toEpochMilli());
  }

  @Test
  void aTopProductsLimitOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> DruidSql.topProducts(new TopProductsQuery(Scope.tenant("acme"), FROM, TO, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> DruidSql.topProducts(new TopProductsQuery(Scope.tenant("acme"), FROM, TO, 1001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  @Test
  void aCampaignsFunnelIsReadFromItsTenantsCampaignEvents() {
    DruidSql.Statement statement = DruidSql.campaign(new CampaignQuery(Scope.tenant("acme"), "c'1", FROM, TO, Granularity.HOUR));

    assertThat(statement.sql()).contains("FROM \"campaign_events\" WHERE \"tenantId\" = ? AND \"campaignId\" = ?")
        .doesNotContain("c'1");
    assertThat(statement.parameters())
        .containsExactly("JOINED", "JOINED", "ORDER_PLACED", "acme", "c'1", FROM.toEpochMilli(), TO.toEpochMilli());
    assertThat(statement.sql().chars().filter(c -> c == '?').count()).isEqualTo(statement.parameters().size());
  }

  @Test
  void hostileValuesNeverReachTheSqlText() {
    String hostile = "x' OR '1'='1";
    DruidSql.Statement statement = DruidSql.sales(
        new SalesQuery(Scope.vendor(hostile, hostile), FROM, TO, Granularity.HOUR, Optional.of(SalesGroupBy.SKU)));

    assertThat(statement.sql()).doesNotContain(hostile);
    assertThat(statement.sql().chars().filter(c -> c == '?').count()).isEqualTo(statement.parameters().size());
  }
}
