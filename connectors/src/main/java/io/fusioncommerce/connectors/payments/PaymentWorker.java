package io.fusioncommerce.connectors.payments;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment integration worker: consumes payment.provider-requests (only committed records: the
 * payment topology writes them in transactions), calls the provider through
 * {@link PaymentRequestHandler}, writes the answers to payment.commands, and commits its offsets only
 * after the broker has the answers. At-least-once: after a crash a request is handled again, with
 * the same idempotency key, so the provider acts once and the topology ignores the repeated answer.
 * A provider that is down holds its partition back (retried with backoff, the partition rewound and
 * polled again) rather than losing a call; the worker itself never stops on an error while running.
 */
public final class PaymentWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentWorker.class);
  public static final String GROUP_ID = "fusion-payments-worker";

  private final KafkaConsumer<PaymentKey, PaymentProviderRequest> consumer;
  private final KafkaProducer<PaymentKey, PaymentCommand> producer;
  private final PaymentRequestHandler handler;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final RetryPolicy<Optional<PaymentCommand>> retry;
  private final Thread thread;

  public PaymentWorker(String bootstrapServers, SchemaRegistryClient registry, PaymentRequestHandler handler) {
    this.handler = handler;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
        new SpecificAvroDeserializer<>(registry, PaymentKey.class),
        new SpecificAvroDeserializer<>(registry, PaymentProviderRequest.class));
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, GROUP_ID,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new SpecificAvroSerializer<>(registry, true), new SpecificAvroSerializer<>(registry, false));
    this.retry = RetryPolicy.<Optional<PaymentCommand>>builder()
        .handle(ProviderUnavailableException.class)
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .withMaxRetries(-1)
        // within one poll's budget (max.poll.interval.ms is 5 minutes); past it the request waits for the next poll
        .withMaxDuration(Duration.ofSeconds(60))
        .abortIf((result, failure) -> !running.get())
        .onRetry(e -> LOG.atWarn().addKeyValue("attempt", e.getAttemptCount())
            .log("payment provider unavailable, retrying: {}", e.getLastException().getMessage()))
        .build();
    this.thread = Thread.ofPlatform().name("payment-worker").daemon().unstarted(this::run);
  }

  public PaymentWorker start() {
    consumer.subscribe(List.of(Topics.PAYMENT_PROVIDER_REQUESTS.name()));
    thread.start();
    return this;
  }

  private void run() {
    while (running.get()) {
      try {
        pollOnce();
      } catch (WakeupException e) {
        if (running.get()) {
          LOG.warn("payment worker woken up while running; going on");
        }
      } catch (RecordDeserializationException e) {
        // not a request we can read (written by something else): skip it, the rest must go on
        LOG.atError().addKeyValue("partition", e.topicPartition()).addKeyValue("offset", e.offset()).setCause(e)
            .log("unreadable payment provider request skipped");
        consumer.seek(e.topicPartition(), e.offset() + 1);
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // the partitions moved while we worked: their new owner handles the requests again, idempotently
        LOG.warn("payment worker lost its partitions before committing: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("payment worker iteration failed; retrying", e);
        pause(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * One poll: each partition's requests in order, until one cannot be made (the provider is down past
   * the retry window); that partition is rewound to it and tried again on the next poll, so the
   * consumer keeps polling (and keeps its partitions) while the provider is away.
   */
  private void pollOnce() {
    ConsumerRecords<PaymentKey, PaymentProviderRequest> records = consumer.poll(Duration.ofMillis(200));
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    boolean stalled = false;
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<PaymentKey, PaymentProviderRequest> record : records.records(partition)) {
        if (!running.get() || !handle(record)) {
          consumer.seek(partition, record.offset());
          stalled = true;
          break;
        }
        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    if (!done.isEmpty()) {
      producer.flush(); // the answers are on the broker before the requests count as done
      consumer.commitSync(done);
    }
    if (stalled && running.get()) {
      pause(Duration.ofSeconds(1));
    }
  }

  /** False when the provider stayed unavailable: the request is to be made again later. */
  private boolean handle(ConsumerRecord<PaymentKey, PaymentProviderRequest> record) {
    PaymentProviderRequest request = record.value();
    if (request == null) {
      return true;
    }
    try {
      Optional<PaymentCommand> answer = Failsafe.with(retry).get(() -> handler.handle(request));
      answer.ifPresent(command -> producer.send(new ProducerRecord<>(Topics.PAYMENT_COMMANDS.name(), record.key(), command)));
      return true;
    } catch (ProviderUnavailableException e) {
      LOG.atWarn().addKeyValue("payment", request.getPaymentId()).log("payment provider still unavailable; later");
      return false;
    } catch (RuntimeException e) {
      // a request the provider refuses outright (misconfiguration, invalid parameters): retrying cannot help
      LOG.atError().addKeyValue("payment", request.getPaymentId()).addKeyValue("request", request.getRequestId())
          .setCause(e).log("payment provider request failed for good");
      return true;
    }
  }

  private static void pause(Duration duration) {
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
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(5));
    producer.close(Duration.ofSeconds(5));
  }
}
