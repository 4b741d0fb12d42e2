package io.fusioncommerce.connectors.shipping;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipping integration worker: consumes shipping.label-requests, lets {@link LabelService} buy and
 * store each label, and sends the answer back to the shipping topology on shipping.commands. At least
 * once: offsets are committed only after the answers are acknowledged, and a request handled twice is
 * answered from the stored purchase (the topology ignores a second answer anyway).
 */
public final class LabelWorker implements AutoCloseable {

  public static final String GROUP_ID = "fusion-shipping-label-worker";
  private static final Logger LOG = LoggerFactory.getLogger(LabelWorker.class);
  private static final Actor WORKER = Actor.newBuilder().setSubject("shipping-label-worker").setRoles(List.of()).build();

  private final KafkaConsumer<ShipmentKey, LabelRequested> consumer;
  private final KafkaProducer<SpecificRecord, SpecificRecord> producer;
  private final LabelService labels;
  private final Clock clock;
  private final Thread thread;
  private final RetryPolicy<SpecificRecord> retries = RetryPolicy.<SpecificRecord>builder()
      .handle(RuntimeException.class).withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5)).withMaxRetries(4).build();
  private volatile boolean running = true;

  public LabelWorker(String bootstrapServers, AvroSerdes serdes, LabelService labels, Clock clock) {
    this.labels = labels;
    this.clock = clock;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // only requests of committed shipping transactions: an aborted one never asked for a label
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50),
        new SpecificAvroDeserializer<>(serdes.registry(), ShipmentKey.class),
        new SpecificAvroDeserializer<>(serdes.registry(), LabelRequested.class));
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "fusion-shipping-label-worker",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new SpecificAvroSerializer<>(serdes.registry(), true), new SpecificAvroSerializer<>(serdes.registry(), false));
    this.thread = new Thread(this::run, "shipping-label-worker");
  }

  public LabelWorker start() {
    thread.start();
    return this;
  }

  /**
   * Polls until closed. An iteration that fails (the broker away, an answer that could not be sent) does
   * not end the worker, as it used to: the partitions are rewound to their committed offsets and the
   * requests are answered again, which is safe because answers are idempotent (see the class comment).
   */
  private void run() {
    try {
      consumer.subscribe(List.of(Topics.SHIPPING_LABEL_REQUESTS.name()));
      while (running) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          if (running) {
            LOG.warn("label worker woken up while running; going on");
          }
        } catch (RecordDeserializationException e) {
          // not a request this worker can read (written by something else): skip it, the rest must go on
          LOG.atError().addKeyValue("partition", e.topicPartition()).addKeyValue("offset", e.offset()).setCause(e)
              .log("unreadable label request skipped");
          consumer.seek(e.topicPartition(), e.offset() + 1);
        } catch (RuntimeException e) {
          LOG.error("label worker iteration failed; answering its requests again", e);
          rewindToCommitted();
          sleep(Duration.ofSeconds(1));
        }
      }
    } finally {
      consumer.close();
    }
  }

  private void pollOnce() {
    ConsumerRecords<ShipmentKey, LabelRequested> batch = consumer.poll(Duration.ofMillis(200));
    for (ConsumerRecord<ShipmentKey, LabelRequested> record : batch) {
      if (record.key() != null && record.value() != null) {
        answer(record.key(), record.value());
      }
    }
    if (!batch.isEmpty()) {
      consumer.commitSync();
    }
  }

  private void rewindToCommitted() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
      for (TopicPartition partition : consumer.assignment()) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("label worker could not rewind yet: {}", e.getMessage());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(ShipmentKey key, LabelRequested request) {
    SpecificRecord outcome;
    try {
      outcome = Failsafe.with(retries).get(() -> labels.handle(request));
    } catch (RuntimeException e) {
      LOG.warn("no label for shipment {} of tenant {}", request.getShipmentId(), request.getTenantId(), e);
      outcome = LabelService.failure(request, "the label could not be bought: " + e.getMessage());
    }
    ShipmentCommand command = ShipmentCommand.newBuilder()
        .setCommandId(UUID.nameUUIDFromBytes((request.getEventId() + "|label-answer").getBytes(StandardCharsets.UTF_8))
            .toString())
        .setTenantId(request.getTenantId()).setIssuedAt(clock.instant()).setCorrelationId(request.getCorrelationId())
        .setCausationId(request.getEventId()).setIssuedBy(WORKER).setCommand(outcome).build();
    try {
      producer.send(new ProducerRecord<>(Topics.SHIPPING_COMMANDS.name(), key, command)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while answering a label request", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot send the label answer of " + request.getShipmentId(), e.getCause());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(30));
    producer.close(Duration.ofSeconds(5));
  }
}
