package io.fusioncommerce.connectors.webhooks;

import io.fusioncommerce.connectors.worker.CommittedOffsets;
import io.fusioncommerce.connectors.worker.WorkerClients;
import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event topics of {@link WebhookEventTypes} (committed transactions only) and queues each
 * event for the subscriptions of its tenant to its type ({@link WebhookStore#scheduleForSubscribers}),
 * then commits the offsets: an offset is committed only after its deliveries are in Postgres, so a
 * restart loses no event (an event read twice is queued once: the queue is unique per event). When
 * Postgres does not answer, the consumer rewinds to its committed offsets and tries again.
 */
public final class WebhookIntake implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  public static final String GROUP_ID = "fusion-webhooks-worker";
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

  private final Consumer<byte[], byte[]> consumer;
  private final WebhookStore store;
  private final Clock clock;
  private final Map<String, SpecificAvroDeserializer<?>> keys = new HashMap<>();
  private final Map<String, SpecificAvroDeserializer<?>> values = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public WebhookIntake(String bootstrapServers, SchemaRegistryClient registry, WebhookStore store, Clock clock) {
    this(new KafkaConsumer<>(
        WorkerClients.consumer(bootstrapServers, GROUP_ID, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)),
        new ByteArrayDeserializer(), new ByteArrayDeserializer()), registry, store, clock);
  }

  /** With the consumer given (read_committed, no auto commit; a test passes a mock); owned by the intake. */
  public WebhookIntake(Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry, WebhookStore store,
      Clock clock) {
    this.consumer = consumer;
    this.store = store;
    this.clock = clock;
    for (TopicContract<?, ?> topic : WebhookEventTypes.topics()) {
      keys.put(topic.name(), new SpecificAvroDeserializer<>(registry, topic.keyType()));
      values.put(topic.name(), new SpecificAvroDeserializer<>(registry, topic.valueType()));
    }
    this.thread = Thread.ofPlatform().name("webhook-intake").daemon().unstarted(this::run);
  }

  public WebhookIntake start() {
    thread.start();
    return this;
  }

  /** The topics the intake reads (every topic of {@link WebhookEventTypes}). */
  public List<String> topics() {
    return List.copyOf(keys.keySet());
  }

  private void run() {
    try {
      consumer.subscribe(topics());
      while (running.get()) {
        if (!pollOnce()) {
          sleep(PAUSE_AFTER_FAILURE);
        }
      }
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("webhook intake close failed: {}", e.toString());
      }
    }
  }

  /**
   * One poll: its events queued in Postgres, then its offsets committed. False when that failed: the
   * consumer is back at its committed offsets and reads the same events again.
   */
  public boolean pollOnce() {
    try {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
      if (!records.isEmpty()) {
        queue(records);
        consumer.commitSync();
      }
      return true;
    } catch (WakeupException e) {
      return true; // closing
    } catch (RuntimeException e) {
      if (running.get()) {
        LOG.warn("webhook intake failed; reading the uncommitted events again: {}", e.toString());
        rewindToCommitted();
      }
      return false;
    }
  }

  private void queue(ConsumerRecords<byte[], byte[]> records) {
    Map<String, List<WebhookEvent>> byTenant = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      for (WebhookEvent event : events(record)) {
        byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event);
      }
    }
    // one resource's events arrive on several topics (order.created, order.status-changed): queued in the
    // order they happened, so the dispatcher's per-resource order is theirs
    byTenant.forEach((tenant, events) -> {
      List<WebhookEvent> ordered = new ArrayList<>(events);
      ordered.sort(Comparator.comparing(WebhookEvent::occurredAt));
      store.scheduleForSubscribers(tenant, ordered, clock.instant());
    });
  }

  /** The webhook events a record is (none for a tombstone or a record this worker cannot read). */
  private List<WebhookEvent> events(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null || record.key() == null) {
      return List.of();
    }
    try {
      SpecificRecord key = (SpecificRecord) keys.get(record.topic()).deserialize(record.topic(), record.key());
      SpecificRecord value = (SpecificRecord) values.get(record.topic()).deserialize(record.topic(), record.value());
      return WebhookEventTypes.of(record.topic(), value).stream()
          .map(type -> WebhookEvent.of(type.name(), key, value)).toList();
    } catch (RuntimeException e) {
      // a poison record must not stop every tenant's webhooks
      LOG.atError().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset()).setCause(e).log("event skipped by the webhook intake");
      return List.of();
    }
  }

  private void rewindToCommitted() {
    CommittedOffsets.rewind(consumer, "webhook intake");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
