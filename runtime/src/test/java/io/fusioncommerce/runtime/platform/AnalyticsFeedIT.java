package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.analytics.feed.AnalyticsTopics;
import io.fusioncommerce.analytics.feed.AnalyticsTopology;
import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveMinute;
import io.fusioncommerce.analytics.live.StoreLiveFiguresSource;
import io.fusioncommerce.runtime.embedded.EmbeddedKafka;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.registry.ContractRegistration;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics topology on a real broker, provisioned and run as the platform runs it (exactly-once,
 * the platform's streams settings): an order placed before the analytics application ever started is
 * back-filled into facts, an order placed while it runs follows, and both show in the live minute read
 * by interactive query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsFeedIT {

  @TempDir static Path dir;
  EmbeddedKafka kafka;
  TopologyRunner runner;
  KafkaProducer<SpecificRecord, SpecificRecord> producer;
  AvroSerdes serdes;

  @BeforeAll
  void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 2);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicProvisioner.ensureTopics(admin, 2, (short) 1);
    }
    serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
    ContractRegistration.registerAll(serdes.registry());
    @SuppressWarnings({"unchecked", "rawtypes"})
    KafkaProducer<SpecificRecord, SpecificRecord> avro = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        (org.apache.kafka.common.serialization.Serializer) serdes.key(OrderKey.class).serializer(),
        (org.apache.kafka.common.serialization.Serializer) new AnyValueSerializer(serdes));
    producer = avro;
  }

  @AfterAll
  void stop() throws Exception {
    // the client first, the broker last
    for (AutoCloseable started : java.util.Arrays.asList(producer, runner, kafka)) {
      if (started != null) {
        started.close();
      }
    }
  }

  @Test
  void ordersBeforeAndAfterTheFirstStartBecomeFactsAndLiveFigures() throws Exception {
    Instant now = Instant.now();
    placeAndConfirm("before-start", now.minusSeconds(5));

    StreamsSettings settings = new StreamsSettings(kafka.bootstrapServers(), dir.resolve("streams"), "127.0.0.1:1", 1,
        50, 1, "analytics-it");
    runner = new TopologyRunner(List.of(new AnalyticsTopology()), settings, serdes, new SimpleMeterRegistry(),
        StoreChangeListener.NONE);
    runner.start();
    await().atMost(Duration.ofSeconds(90))
        .until(() -> runner.streams(AnalyticsTopology.CONTEXT).orElseThrow().state() == KafkaStreams.State.RUNNING);
    placeAndConfirm("while-running", Instant.now());

    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(AnalyticsTopics.ORDER_LINES));
      List<String> facts = new ArrayList<>();
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> facts.add(record.key()));
        assertThat(facts).contains("ev-created-before-start:sku-1", "ev-confirmed-before-start:sku-1",
            "ev-created-while-running:sku-1", "ev-confirmed-while-running:sku-1");
      });
    }

    StoreLiveFiguresSource live = StoreLiveFiguresSource.of(() -> runner.streams(AnalyticsTopology.CONTEXT),
        Clock.systemUTC());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      LiveFigures figures = live.figures("it-tenant").orElseThrow();
      long confirmed = figures.minutes().stream().mapToLong(LiveMinute::ordersConfirmed).sum();
      long revenue = figures.minutes().stream()
          .mapToLong(minute -> minute.revenueByCurrency().getOrDefault("EUR", 0L)).sum();
      assertThat(confirmed).isEqualTo(2);
      assertThat(revenue).isEqualTo(2 * 3 * 1_250);
    });
    assertThat(live.figures("another-tenant").orElseThrow().minutes()).allMatch(minute -> minute.ordersPlaced() == 0);
  }

  private void placeAndConfirm(String orderId, Instant at) throws Exception {
    OrderKey key = new OrderKey("it-tenant", orderId);
    OrderCreated created = OrderCreated.newBuilder().setEventId("ev-created-" + orderId).setTenantId("it-tenant")
        .setOccurredAt(at).setCorrelationId("c").setOrderId(orderId).setCustomerId("cust")
        .setItems(List.of(OrderLine.newBuilder().setSku("sku-1").setQuantity(3L).setUnitPrice(new Money(1_250L, "EUR"))
            .setVendorId("v1").build()))
        .setTotal(new Money(3_750L, "EUR")).build();
    OrderStatusChanged confirmed = OrderStatusChanged.newBuilder().setEventId("ev-confirmed-" + orderId)
        .setTenantId("it-tenant").setOccurredAt(at.plusMillis(120)).setCorrelationId("c").setOrderId(orderId)
        .setCustomerId("cust").setToStatus("CONFIRMED").build();
    producer.send(new ProducerRecord<>(Topics.ORDER_CREATED.name(), null, at.toEpochMilli(), key, created)).get();
    producer.send(new ProducerRecord<>(Topics.ORDER_STATUS_CHANGED.name(), null, at.toEpochMilli() + 120, key, confirmed))
        .get();
  }

  /** Writes each event with its own contract's value serde. */
  private record AnyValueSerializer(AvroSerdes serdes) implements org.apache.kafka.common.serialization.Serializer<SpecificRecord> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord value) {
      return serdes.value((Class) value.getClass()).serializer().serialize(topic, value);
    }
  }
}
