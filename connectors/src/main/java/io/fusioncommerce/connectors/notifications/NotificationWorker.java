package io.fusioncommerce.connectors.notifications;

import dev.failsafe.RetryPolicy;
import io.fusioncommerce.connectors.worker.PartitionPausingWorkerLoop;
import io.fusioncommerce.connectors.worker.RequestOutcome;
import io.fusioncommerce.connectors.worker.WorkerClients;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail worker: reads the events of {@link MailTriggers} (committed ones only) and sends each one's
 * mail through {@link NotificationDispatcher}, at least once and, by the Postgres ledger, once. It runs
 * on {@link PartitionPausingWorkerLoop}: the events' offsets are committed (in a Kafka transaction, with
 * no records) only after their mails were sent and recorded; an SMTP server that is down pauses the
 * event's partition with a growing backoff, without end, so no mail is given up on.
 */
public final class NotificationWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);
  public static final String GROUP_ID = "fusion-notifications-worker";

  /** Waits while SMTP (or the ledger) is down: 500 ms doubling to 5 minutes, without end. */
  static final RetryPolicy<Object> SMTP_RETRIES = RetryPolicy.builder()
      .withBackoff(Duration.ofMillis(500), Duration.ofMinutes(5))
      .withMaxRetries(-1)
      .build();

  private final PartitionPausingWorkerLoop<byte[], Object, byte[], byte[]> loop;

  /**
   * @param instanceId stable identity of this instance (its transactional.id is derived from it)
   */
  public NotificationWorker(String bootstrapServers, SchemaRegistryClient registry, NotificationDispatcher dispatcher,
      String instanceId) {
    KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(
        WorkerClients.consumer(bootstrapServers, GROUP_ID, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)),
        new ByteArrayDeserializer(), new EventDeserializer(registry));
    Map<String, Object> producerSettings = WorkerClients.transactionalProducer(bootstrapServers, GROUP_ID, instanceId);
    this.loop = new PartitionPausingWorkerLoop<>("notification-worker", MailTriggers.topics(), consumer,
        () -> new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer()),
        new Events(dispatcher), SMTP_RETRIES, Clock.systemUTC());
  }

  public NotificationWorker start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
  }

  /** One event: its mail sent (or none due), or held back while the SMTP server is down. */
  record Events(NotificationDispatcher dispatcher)
      implements PartitionPausingWorkerLoop.RequestHandler<byte[], Object, byte[], byte[]> {

    @Override
    public RequestOutcome<byte[], byte[]> handle(ConsumerRecord<byte[], Object> record) {
      try {
        dispatcher.dispatch(record.topic(), record.value());
        return RequestOutcome.answered(List.of());
      } catch (MailUnavailableException e) {
        return RequestOutcome.retryLater(e);
      } catch (IllegalArgumentException e) {
        LOG.atError().addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset()).setCause(e)
            .log("an event's mail cannot be composed; no mail");
        return RequestOutcome.answered(List.of());
      }
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> givenUp(ConsumerRecord<byte[], Object> record, Throwable lastFailure) {
      // unreachable with SMTP_RETRIES (no limit), and never silent if the policy changes
      LOG.atError().addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset()).setCause(lastFailure)
          .log("mail given up");
      return List.of();
    }
  }

  /** Reads each topic's events as its contract's value class. */
  private static final class EventDeserializer implements Deserializer<Object> {
    private final Map<String, Deserializer<?>> byTopic;

    EventDeserializer(SchemaRegistryClient registry) {
      this.byTopic = MailTriggers.ALL.stream().collect(Collectors.toUnmodifiableMap(entry -> entry.topic().name(),
          entry -> new SpecificAvroDeserializer<>(registry, entry.topic().valueType())));
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
      Deserializer<?> deserializer = byTopic.get(topic);
      if (deserializer == null) {
        throw new IllegalStateException("not a topic of the mail triggers: " + topic);
      }
      return deserializer.deserialize(topic, data);
    }
  }
}
