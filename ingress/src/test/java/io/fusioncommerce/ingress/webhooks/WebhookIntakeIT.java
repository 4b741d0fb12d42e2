package io.fusioncommerce.ingress.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.connectors.webhooks.WebhookIntake;
import io.fusioncommerce.connectors.webhooks.WebhookSignature;
import io.fusioncommerce.connectors.webhooks.WebhookStore;
import io.fusioncommerce.ingress.database.PostgresFixture;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The intake's promise to the broker: an event's offset is committed only once its deliveries are in
 * Postgres, so a database outage or a restart loses no event and queues none twice; and a tenant's
 * subscription is only ever given its own tenant's events.
 */
class WebhookIntakeIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.databaseOnly();

  private static final TopicPartition STATUS = new TopicPartition(Topics.ORDER_STATUS_CHANGED.name(), 0);
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SpecificAvroSerializer<OrderKey> keys = new SpecificAvroSerializer<>(registry, true);
  private final SpecificAvroSerializer<OrderStatusChanged> values = new SpecificAvroSerializer<>(registry, false);
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void offsetsAreCommittedOnlyAfterTheDeliveriesAreStoredAndAReadAgainQueuesNothingTwice() {
    WebhookStore store = new WebhookStore(postgres.database().jdbi());
    WebhookStore.Subscription mine = store.subscribe("acme", "https://93.184.216.34/hook",
        List.of("order.confirmed"), WebhookSignature.newSecret(), clock.instant(), 25);
    WebhookStore.Subscription theirs = store.subscribe("globex", "https://93.184.216.34/hook",
        List.of("order.confirmed"), WebhookSignature.newSecret(), clock.instant(), 25);
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    WebhookStore unreachable = new WebhookStore(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1"));
    WebhookIntake down = new WebhookIntake(consumer, registry, unreachable, clock);
    consumer.subscribe(down.topics());
    consumer.rebalance(List.of(STATUS));
    consumer.updateBeginningOffsets(Map.of(STATUS, 0L));

    addEvents(consumer);
    assertThat(down.pollOnce()).as("Postgres is down").isFalse();
    assertThat(consumer.committed(Set.of(STATUS)).get(STATUS)).as("nothing committed").isNull();
    assertThat(consumer.position(STATUS)).as("rewound to read the events again").isZero();

    WebhookIntake up = new WebhookIntake(consumer, registry, store, clock);
    addEvents(consumer);
    assertThat(up.pollOnce()).isTrue();
    assertThat(consumer.committed(Set.of(STATUS)).get(STATUS).offset()).isEqualTo(4);
    List<WebhookStore.Delivery> acme = store.deliveries("acme", mine.subscriptionId(), null, 50).orElseThrow().items();
    assertThat(acme).extracting(WebhookStore.Delivery::eventId).containsExactlyInAnyOrder("a-confirmed", "a2-confirmed");
    assertThat(store.deliveries("globex", theirs.subscriptionId(), null, 50).orElseThrow().items())
        .extracting(WebhookStore.Delivery::eventId).containsExactly("g-confirmed");

    // a restart before the commit reached the broker: the same events are read again
    consumer.seek(STATUS, 0);
    addEvents(consumer);
    assertThat(up.pollOnce()).isTrue();
    assertThat(store.deliveries("acme", mine.subscriptionId(), null, 50).orElseThrow().items()).hasSize(2);
  }

  private void addEvents(MockConsumer<byte[], byte[]> consumer) {
    long offset = 0;
    for (OrderStatusChanged event : List.of(event("acme", "ORD-A", "a-held", "HELD"),
        event("acme", "ORD-A", "a-confirmed", "CONFIRMED"), event("globex", "ORD-G", "g-confirmed", "CONFIRMED"),
        event("acme", "ORD-A2", "a2-confirmed", "CONFIRMED"))) {
      String topic = STATUS.topic();
      consumer.addRecord(new ConsumerRecord<>(topic, 0, offset++,
          keys.serialize(topic, new OrderKey(event.getTenantId(), event.getOrderId())), values.serialize(topic, event)));
    }
  }

  private OrderStatusChanged event(String tenant, String orderId, String eventId, String to) {
    return OrderStatusChanged.newBuilder().setEventId(eventId).setTenantId(tenant).setOccurredAt(clock.instant())
        .setCorrelationId("c").setOrderId(orderId).setCustomerId("cust").setToStatus(to)
        .setTotal(new Money(100L, "USD")).build();
  }
}
