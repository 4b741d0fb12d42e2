package io.fusioncommerce.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.analytics.druid.DruidDistribution;
import io.fusioncommerce.analytics.druid.DruidSupervisors;
import io.fusioncommerce.analytics.druid.EmbeddedDruid;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.DruidAnalyticsQueries;
import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesGroupBy;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.Scope;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import io.fusioncommerce.runtime.embedded.EmbeddedKafka;
import io.fusioncommerce.runtime.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Druid 33, embedded as the launcher runs it, ingesting JSON order-line facts from the embedded
 * Kafka through the supervisors of analytics/, and answering the analytics queries over Avatica JDBC:
 * exact totals per tenant, a vendor's own lines only, one tenant never seeing another's; a restart
 * keeps the data, and queries while Druid is stopped are "unavailable". Prints what it measured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDruidIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDER_LINES = "analytics.order-lines";
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
  private static final Instant FROM = AT.minus(Duration.ofHours(1));
  private static final Instant TO = AT.plus(Duration.ofHours(1));

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static EmbeddedDruid druid;
  static DruidAnalyticsQueries queries;
  static KafkaProducer<String, String> producer;
  static final Map<String, Object> figures = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 2);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of("analytics.order-lines", "analytics.payments", "analytics.shipments",
          "analytics.campaigns", "analytics.stock").stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get();
    }
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    druid = startDruid();
    figures.put("firstStartToHealthyMs", druid.startupTime().toMillis());
    queries = new DruidAnalyticsQueries(druid.brokerUrl());
  }

  @AfterAll
  static void stop() {
    if (queries != null) {
      queries.close();
    }
    if (druid != null) {
      druid.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    System.out.println("DRUID-FIGURES " + figures);
  }

  private static EmbeddedDruid startDruid() {
    EmbeddedDruid started = EmbeddedDruid.start(
        new EmbeddedDruid.Settings(DruidDistribution.locate(), dir.resolve("druid"), 10, Ports::free));
    started.awaitHealthy(Duration.ofMinutes(4));
    return started;
  }

  @Test
  @Order(1)
  void beforeAnythingIsIngestedSalesAreEmpty() throws Exception {
    assertThat(queries.available()).isTrue();
    assertThat(queries.sales(sales(Scope.tenant("t1"), Optional.empty()))).isEmpty();
  }

  @Test
  @Order(2)
  void supervisorsAreSubmittedOnceAndResubmittingChangesNothing() {
    try (DruidSupervisors supervisors = new DruidSupervisors(druid.overlordUrl())) {
      assertThat(supervisors.submitAll(kafka.bootstrapServers()).values()).containsOnly(DruidSupervisors.Outcome.CREATED);
      assertThat(supervisors.submitAll(kafka.bootstrapServers()).values()).containsOnly(DruidSupervisors.Outcome.UNCHANGED);
    }
  }

  @Test
  @Order(3)
  void confirmedSalesAreExactPerTenantAndVendor() throws Exception {
    // t1: order o1 (v1: 2 x A at 5.00, v2: 1 x B at 10.00), order o2 (v1: 1 x A); a PLACED line that is no sale
    send(fact("t1", "o1", "CONFIRMED", "v1", "A", 2, 500, 1, 1));
    send(fact("t1", "o1", "CONFIRMED", "v2", "B", 1, 1000, 0, 1));
    send(fact("t1", "o2", "CONFIRMED", "v1", "A", 1, 500, 1, 1));
    send(fact("t1", "o3", "PLACED", "v1", "A", 9, 500, 1, 1));
    // t2: one order of 5 x A at 7.00
    send(fact("t2", "o9", "CONFIRMED", "v1", "A", 5, 700, 1, 1));
    producer.flush();

    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
      assertThat(total(Scope.tenant("t1"))).isEqualTo(new long[] {2, 4, 2500});
      assertThat(total(Scope.tenant("t2"))).isEqualTo(new long[] {1, 5, 3500});
    });
    assertThat(total(Scope.vendor("t1", "v1"))).isEqualTo(new long[] {2, 3, 1500});
    assertThat(total(Scope.vendor("t1", "v2"))).isEqualTo(new long[] {1, 1, 1000});
    assertThat(total(Scope.vendor("t2", "v2"))).isEqualTo(new long[] {0, 0, 0});
    assertThat(total(Scope.tenant("t3"))).isEqualTo(new long[] {0, 0, 0});

    List<SalesPoint> byVendor = queries.sales(sales(Scope.tenant("t1"), Optional.of(SalesGroupBy.VENDOR)));
    assertThat(byVendor).extracting(SalesPoint::group, SalesPoint::orders, SalesPoint::units, SalesPoint::revenueAmount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", 2L, 3L, 1500L),
            org.assertj.core.groups.Tuple.tuple("v2", 1L, 1L, 1000L));
    assertThat(byVendor).allSatisfy(p -> assertThat(p.currency()).isEqualTo("EUR"));

    List<TopProduct> top = queries.topProducts(new TopProductsQuery(Scope.tenant("t1"), FROM, TO, 10));
    assertThat(top).extracting(TopProduct::sku, TopProduct::orders, TopProduct::units, TopProduct::revenueAmount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 2L, 3L, 1500L),
            org.assertj.core.groups.Tuple.tuple("B", 1L, 1L, 1000L));
    assertThat(queries.topProducts(new TopProductsQuery(Scope.vendor("t1", "v2"), FROM, TO, 10)))
        .extracting(TopProduct::sku).containsExactly("B");
  }

  @Test
  @Order(4)
  void aNewFactIsVisibleInDruidSqlWithinMilliseconds() throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      long sentAt = System.nanoTime();
      send(fact("t-latency", "l" + i, "CONFIRMED", "v1", "A", 1, 100, 1, 1));
      producer.flush();
      int expected = i;
      await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .until(() -> total(Scope.tenant("t-latency"))[1] == expected);
      latencies.add((System.nanoTime() - sentAt) / 1_000_000);
    }
    figures.put("produceToVisibleMs", latencies);
  }

  @Test
  @Order(5)
  void aStoppedDruidIsUnavailableAndARestartKeepsTheData() throws Exception {
    figures.put("rssMiB", rssMiB(druid.pids()));
    long stopping = System.nanoTime();
    druid.close();
    figures.put("stopMs", (System.nanoTime() - stopping) / 1_000_000);
    assertThatThrownBy(() -> queries.sales(sales(Scope.tenant("t1"), Optional.empty())))
        .isInstanceOf(AnalyticsUnavailableException.class);
    assertThat(queries.available()).isFalse();

    druid = startDruid();
    figures.put("restartToHealthyMs", druid.startupTime().toMillis());
    queries.close();
    queries = new DruidAnalyticsQueries(druid.brokerUrl());
    long restarted = System.nanoTime();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      assertThat(total(Scope.tenant("t1"))).isEqualTo(new long[] {2, 4, 2500});
      assertThat(total(Scope.tenant("t2"))).isEqualTo(new long[] {1, 5, 3500});
    });
    figures.put("dataBackAfterHealthyMs", (System.nanoTime() - restarted) / 1_000_000);
    try (DruidSupervisors supervisors = new DruidSupervisors(druid.overlordUrl())) {
      assertThat(supervisors.submitAll(kafka.bootstrapServers()).values()).containsOnly(DruidSupervisors.Outcome.UNCHANGED);
    }
    // the feed goes on after the restart
    send(fact("t2", "o10", "CONFIRMED", "v1", "A", 1, 700, 1, 1));
    producer.flush();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> assertThat(total(Scope.tenant("t2"))).isEqualTo(new long[] {2, 6, 4200}));
  }

  /** Orders, units and revenue over the whole range, summed over buckets (all facts are in one). */
  private static long[] total(Scope scope) throws AnalyticsUnavailableException {
    long[] total = new long[3];
    for (SalesPoint point : queries.sales(sales(scope, Optional.empty()))) {
      total[0] += point.orders();
      total[1] += point.units();
      total[2] += point.revenueAmount();
    }
    return total;
  }

  private static SalesQuery sales(Scope scope, Optional<SalesGroupBy> groupBy) {
    return new SalesQuery(scope, FROM, TO, Granularity.HOUR, groupBy);
  }

  private static Map<String, Object> fact(String tenant, String order, String event, String vendor, String sku,
      long quantity, long unitPrice, int orderCount, int vendorOrderCount) {
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("occurredAt", AT.toEpochMilli());
    fact.put("factId", order + "-" + event + ":" + sku);
    fact.put("tenantId", tenant);
    fact.put("event", event);
    fact.put("reason", null);
    fact.put("orderId", order);
    fact.put("customerId", "c-" + order);
    fact.put("vendorId", vendor);
    fact.put("sku", sku);
    fact.put("category", "shoes");
    fact.put("categoryPath", "apparel/shoes");
    fact.put("currency", "EUR");
    fact.put("quantity", quantity);
    fact.put("unitPrice", unitPrice);
    fact.put("amount", quantity * unitPrice);
    fact.put("lines", 1);
    fact.put("orderCount", orderCount);
    fact.put("vendorOrderCount", vendorOrderCount);
    fact.put("categoryOrderCount", orderCount);
    fact.put("campaignId", null);
    return fact;
  }

  private static void send(Map<String, Object> fact) throws Exception {
    producer.send(new ProducerRecord<>(ORDER_LINES, (String) fact.get("orderId"), JSON.writeValueAsString(fact))).get();
  }

  private static Map<String, Long> rssMiB(Map<String, Long> pids) throws Exception {
    Map<String, Long> rss = new LinkedHashMap<>();
    long sum = 0;
    for (Map.Entry<String, Long> pid : pids.entrySet()) {
      long kib = Files.readAllLines(Path.of("/proc", pid.getValue().toString(), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong)
          .findFirst().orElse(0);
      rss.put(pid.getKey(), kib / 1024);
      sum += kib / 1024;
    }
    rss.put("total", sum);
    return rss;
  }
}
