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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment integration worker: consumes payment.provider-requests (only committed records: the
 * payment topology writes them in transactions), calls the provider through
 * {@link PaymentRequestHandler}, writes the answers to payment.commands, and commits its offsets only
 * after the broker has the answers. At-least-once: after a crash a request is handled again, with
 * the same idempotency key, so the provider acts once and the topology ignores the repeated answer.
 * A provider that is down holds the partition back (retried with backoff) rather than losing a call.
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
    try {
      while (running.get()) {
        ConsumerRecords<PaymentKey, PaymentProviderRequest> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<PaymentKey, PaymentProviderRequest> record : records) {
          handle(record);
        }
        if (!records.isEmpty()) {
          producer.flush(); // the answers are on the broker before the requests count as done
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("the payment worker stopped", e);
    }
  }

  private void handle(ConsumerRecord<PaymentKey, PaymentProviderRequest> record) {
    PaymentProviderRequest request = record.value();
    if (request == null) {
      return;
    }
    try {
      Optional<PaymentCommand> answer = Failsafe.with(retry).get(() -> handler.handle(request));
      answer.ifPresent(command -> producer.send(new ProducerRecord<>(Topics.PAYMENT_COMMANDS.name(), record.key(), command)));
    } catch (ProviderUnavailableException e) {
      throw e; // only when stopping: the request is not committed and is handled after the restart
    } catch (RuntimeException e) {
      // a request the provider refuses outright (misconfiguration, invalid parameters): retrying cannot help
      LOG.atError().addKeyValue("payment", request.getPaymentId()).addKeyValue("request", request.getRequestId())
          .setCause(e).log("payment provider request failed for good");
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
