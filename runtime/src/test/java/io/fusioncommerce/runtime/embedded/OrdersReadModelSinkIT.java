package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.connectors.convert.WireRecords;
import io.fusioncommerce.connectors.deploy.ConnectorCatalog;
import io.fusioncommerce.connectors.deploy.ConnectorConfig;
import io.fusioncommerce.connectors.deploy.ConnectorDeployer;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.runtime.launcher.RegistryLocator;
import io.fusioncommerce.runtime.platform.TopicProvisioner;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled orders read-model sink (Debezium's JDBC sink with the Avro converter) on the embedded
 * Connect worker, from orders.view into the table V2 creates, exactly as the launcher deploys it. The
 * worker runs in a JVM whose default time zone is not UTC, as a Connect cluster's may.
 */
class OrdersReadModelSinkIT {

  private static final String SINK = "orders-read-model-sink";
  private static final Instant CREATED = Instant.parse("2026-11-24T12:00:00.123Z");

  @TempDir static Path dir;
  static TimeZone originalZone;
  static EmbeddedPostgres postgres;
  static EmbeddedKafka kafka;
  static EmbeddedSchemaRegistry registry;
  static EmbeddedConnect connect;
  static ConnectorDeployer deployer;
  static KafkaProducer<byte[], byte[]> producer;
  static KafkaProducer<byte[], byte[]> transactional;
  static AvroSerdes serdes;

  @BeforeAll
  static void start() {
    originalZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0, List.of("fusion", "registry"));
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 1);
    registry = EmbeddedSchemaRegistry.start(RegistryLocator.locate(), postgres.jdbcUrl("registry"),
        EmbeddedPostgres.USER, 0, dir.resolve("registry.log"));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicProvisioner.ensureTopics(admin, 3, (short) 1);
    }
    Database.connect(Database.Settings.of(postgres.jdbcUrl("fusion"), EmbeddedPostgres.USER, "")).close(); // migrates
    registry.awaitReady(Duration.ofSeconds(90));
    serdes = new AvroSerdes(new HttpSchemaRegistryClient(registry.url()));

    String prefix = "config.providers.env.param.";
    connect = EmbeddedConnect.start(kafka.bootstrapServers(), 0, Map.of(
        "config.providers", "env",
        "config.providers.env.class", SettingsConfigProvider.class.getName(),
        prefix + "FUSION_DB_HOST", "127.0.0.1",
        prefix + "FUSION_DB_PORT", Integer.toString(postgres.port()),
        prefix + "FUSION_DB_NAME", "fusion",
        prefix + "FUSION_DB_SINK_USER", "fusion_sink", // the sink's own login, no superuser
        prefix + "FUSION_DB_SINK_PASSWORD", "",
        prefix + "SCHEMA_REGISTRY_URL", registry.url()));
    deployer = new ConnectorDeployer(connect.restUrl());
    List<ConnectorConfig> sink = ConnectorCatalog.bundled().stream().filter(c -> c.name().equals(SINK)).toList();
    assertThat(sink).hasSize(1);
    deployer.deploy(sink);
    await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(deployer.states(List.of(SINK)).get(SINK)));

    Map<String, Object> settings = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"));
    producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-sink-it");
    transactional = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    transactional.initTransactions();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable part : new AutoCloseable[] {producer, transactional, connect, registry, kafka, postgres}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception ignored) {
        // keep stopping the rest
      }
    }
    TimeZone.setDefault(originalZone);
  }

  private static OrderView view(String tenant, String orderId, String status, long version) {
    return OrderView.newBuilder()
        .setTenantId(tenant).setOrderId(orderId).setCustomerId("alice").setStatus(status)
        .setTotalAmount(6498).setCurrency("USD").setItemCount(2).setVendorIds("v-shoes,v-socks")
        .setPurchaseOrderNumber("PO-7")
        .setCreatedAt(CREATED).setUpdatedAt(CREATED.plusSeconds(version)).setVersion(version)
        .setVendors(List.of("v-shoes", "v-socks")).setVendorSubtotals(List.of(5999L, 499L))
        .setVendorItemCounts(List.of(1L, 1L))
        .build();
  }

  private static byte[] key(String tenant, String orderId) {
    return serdes.key(OrderKey.class).serializer().serialize(Topics.ORDERS_VIEW.name(), new OrderKey(tenant, orderId));
  }

  private static void send(OrderView view) throws Exception {
    producer.send(new ProducerRecord<>(Topics.ORDERS_VIEW.name(), key(view.getTenantId(), view.getOrderId()),
        serdes.value(OrderView.class).serializer().serialize(Topics.ORDERS_VIEW.name(), view))).get();
  }

  private static Map<String, Object> row(String tenant, String orderId) throws Exception {
    try (Connection db = postgres.connect("fusion");
        var query = db.prepareStatement("select *, created_at::text as created_text from orders.order_list"
            + " where tenant_id = ? and order_id = ?")) {
      query.setString(1, tenant);
      query.setString(2, orderId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          Object value = rows.getObject(i);
          row.put(rows.getMetaData().getColumnName(i), value instanceof Array array ? List.of((Object[]) array.getArray()) : value);
        }
        return row;
      }
    }
  }

  private static Map<String, Object> awaitRow(String tenant, String orderId, long version) {
    @SuppressWarnings("unchecked")
    Map<String, Object>[] found = new Map[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      found[0] = row(tenant, orderId);
      return found[0] != null && ((Number) found[0].get("version")).longValue() == version;
    });
    return found[0];
  }

  @Test
  void everyFieldOfTheViewLandsInItsColumnWithTimesExactInUtc() throws Exception {
    send(view("acme", "o-1", "CONFIRMED", 2));

    Map<String, Object> row = awaitRow("acme", "o-1", 2);
    assertThat(row).containsEntry("customer_id", "alice").containsEntry("status", "CONFIRMED")
        .containsEntry("total_amount", 6498L).containsEntry("currency", "USD").containsEntry("item_count", 2)
        .containsEntry("purchase_order_number", "PO-7").containsEntry("organization_id", null)
        .containsEntry("rejection_reason", null);
    assertThat(row.get("vendors")).isEqualTo(List.of("v-shoes", "v-socks"));
    assertThat(row.get("vendor_subtotals")).isEqualTo(List.of(5999L, 499L));
    assertThat(row.get("vendor_item_counts")).isEqualTo(List.of(1L, 1L));
    // the text of the stored value, free of any JVM's zone: the instant's UTC wall time
    assertThat(row.get("created_text")).isEqualTo("2026-11-24 12:00:00.123");
    assertThat(((java.sql.Timestamp) row.get("updated_at")).toLocalDateTime().toInstant(ZoneOffset.UTC))
        .isEqualTo(CREATED.plusSeconds(2));
    assertThat(row.get("synced_at")).isNotNull();
  }

  @Test
  void anOlderVersionNeverOverwritesANewerOne() throws Exception {
    send(view("acme", "o-2", "CONFIRMED", 3));
    awaitRow("acme", "o-2", 3);

    send(view("acme", "o-2", "CREATED", 1)); // a replay of an older row
    send(view("acme", "o-2", "CANCELLED", 4));

    Map<String, Object> row = awaitRow("acme", "o-2", 4);
    assertThat(row.get("status")).isEqualTo("CANCELLED");
    try (Connection db = postgres.connect("fusion"); var sql = db.createStatement()) {
      // and once more, the older row straight against the table, as any writer would
      sql.executeUpdate("insert into orders.order_list (tenant_id, order_id, customer_id, status, total_amount,"
          + " currency, item_count, created_at, updated_at, version) values ('acme', 'o-2', 'alice', 'CREATED', 0,"
          + " 'USD', 1, now(), now(), 1) on conflict (tenant_id, order_id) do update set status = excluded.status,"
          + " version = excluded.version");
    }
    assertThat(row("acme", "o-2")).containsEntry("status", "CANCELLED").containsEntry("version", 4L);
  }

  @Test
  void aRecordWrittenWithTheFirstOrderViewSchemaStillLands() throws Exception {
    GenericRecord old = WireRecords.orderViewV1("o-old", "CONFIRMED", 2L, CREATED);
    // registered as a (compatible) version of the subject, as the first release did
    int id = new HttpSchemaRegistryClient(registry.url()).register(Topics.ORDERS_VIEW.name() + "-value",
        old.getSchema());
    producer.send(new ProducerRecord<>(Topics.ORDERS_VIEW.name(), key("acme", "o-old"),
        WireRecords.encode(id, old.getSchema(), old))).get();

    Map<String, Object> row = awaitRow("acme", "o-old", 2);
    assertThat(row).containsEntry("customer_id", "bob").containsEntry("status", "CONFIRMED");
    assertThat(row.get("vendors")).isEqualTo(List.of()); // the column's default: the old row had no list
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheSinkKeepsGoing() throws Exception {
    producer.send(new ProducerRecord<>(Topics.ORDERS_VIEW.name(), key("acme", "o-bad"),
        "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
    send(view("acme", "o-after", "CONFIRMED", 2));

    awaitRow("acme", "o-after", 2);
    assertThat(row("acme", "o-bad")).isNull();
    List<String> errors = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTER));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          var header = record.headers().lastHeader("__connect.errors.exception.message");
          errors.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        });
        return !errors.isEmpty();
      });
    }
    assertThat(errors).anySatisfy(message -> assertThat(message).contains("magic byte"));
    assertThat(deployer.states(List.of(SINK))).containsEntry(SINK, "RUNNING");
  }

  @Test
  void recordsOfAnAbortedTransactionNeverLand() throws Exception {
    transactional.beginTransaction();
    transactional.send(new ProducerRecord<>(Topics.ORDERS_VIEW.name(), key("acme", "o-aborted"),
        serdes.value(OrderView.class).serializer().serialize(Topics.ORDERS_VIEW.name(), view("acme", "o-aborted", "CREATED", 1))));
    transactional.flush();
    transactional.abortTransaction();
    transactional.beginTransaction();
    transactional.send(new ProducerRecord<>(Topics.ORDERS_VIEW.name(), key("acme", "o-committed"),
        serdes.value(OrderView.class).serializer().serialize(Topics.ORDERS_VIEW.name(), view("acme", "o-committed", "CREATED", 1))));
    transactional.commitTransaction();

    awaitRow("acme", "o-committed", 1);
    assertThat(row("acme", "o-aborted")).isNull();
  }

  @Test
  void theSinkRoleWritesEveryTenantAndTheApplicationRoleOnlyReadsItsOwn() throws Exception {
    send(view("globex", "g-1", "CONFIRMED", 2));
    awaitRow("globex", "g-1", 2);
    try (Connection db = postgres.connect("fusion"); var sql = db.createStatement()) {
      long all;
      try (ResultSet count = sql.executeQuery("select count(*) from orders.order_list")) {
        count.next();
        all = count.getLong(1);
      }
      sql.execute("create role sink_login login in role fusion_sink");
      db.setAutoCommit(false);
      sql.execute("set local role sink_login");
      assertThat(sql.executeUpdate("update orders.order_list set version = version")).isEqualTo(all);
      db.commit();

      sql.execute("set local role fusion_app");
      sql.execute("select set_config('fusion.tenant', 'globex', true)");
      List<String> tenants = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery("select tenant_id from orders.order_list")) {
        while (rows.next()) {
          tenants.add(rows.getString(1));
        }
      }
      assertThat(tenants).containsOnly("globex").isNotEmpty();
      assertThat(org.assertj.core.api.Assertions.catchThrowable(
          () -> sql.executeUpdate("update orders.order_list set status = 'PAID'"))).hasMessageContaining("permission denied");
      db.rollback();
    }
  }
}
