package io.fusioncommerce.connectors.payments;

import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.fusioncommerce.connectors.worker.PartitionPausingWorkerLoop;
import io.fusioncommerce.connectors.worker.RequestOutcome;
import io.fusioncommerce.connectors.worker.WorkerClients;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment integration worker: consumes payment.provider-requests (only committed records: the
 * payment topology writes them in transactions), calls the provider through
 * {@link PaymentRequestHandler}, and writes the answers to payment.commands in a Kafka transaction that
 * also commits the requests' offsets ({@link PartitionPausingWorkerLoop}): an answer the broker did not
 * take leaves its request uncommitted, and the request is made again with the same idempotency key, so
 * the provider acts once and a read_committed reader sees the answer once. A provider that is down
 * pauses its partition with a backoff (never blocking the poll); payments are never given up on,
 * because a call whose answer is unknown may have charged the customer.
 */
public final class PaymentWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentWorker.class);
  public static final String GROUP_ID = "fusion-payments-worker";

  /** Waits between attempts while a provider is unavailable: 200 ms doubling to 30 s, without end. */
  static final RetryPolicy<Object> PROVIDER_RETRIES = RetryPolicy.builder()
      .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(30))
      .withMaxRetries(-1)
      .build();

  private final PartitionPausingWorkerLoop<PaymentKey, PaymentProviderRequest, PaymentKey, PaymentCommand> loop;

  /**
   * @param instanceId stable identity of this instance: the producer's transactional.id is derived from it,
   *                   so a restarted instance fences its predecessor's open transaction
   */
  public PaymentWorker(String bootstrapServers, SchemaRegistryClient registry, PaymentRequestHandler handler,
      String instanceId) {
    this(bootstrapServers, registry, handler, instanceId, new SpecificAvroSerializer<>(registry, false));
  }

  /** With the serializer of the answers given (a test makes one the broker refuses). */
  public PaymentWorker(String bootstrapServers, SchemaRegistryClient registry, PaymentRequestHandler handler,
      String instanceId, Serializer<PaymentCommand> answerSerializer) {
    KafkaConsumer<PaymentKey, PaymentProviderRequest> consumer = new KafkaConsumer<>(
        WorkerClients.consumer(bootstrapServers, GROUP_ID, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)),
        new SpecificAvroDeserializer<>(registry, PaymentKey.class),
        new SpecificAvroDeserializer<>(registry, PaymentProviderRequest.class));
    Map<String, Object> producerSettings = WorkerClients.transactionalProducer(bootstrapServers, GROUP_ID, instanceId);
    this.loop = new PartitionPausingWorkerLoop<>("payment-worker", Topics.PAYMENT_PROVIDER_REQUESTS.name(), consumer,
        () -> new KafkaProducer<>(producerSettings, new SpecificAvroSerializer<PaymentKey>(registry, true),
            answerSerializer),
        new Requests(handler, Counter.builder("fusion.payments.provider.failures")
            .description("Payment provider requests refused for good (misconfiguration, invalid parameters)")
            .register(Metrics.globalRegistry)), PROVIDER_RETRIES, Clock.systemUTC());
  }

  public PaymentWorker start() {
    loop.start();
    return this;
  }

  /** One provider request: its answer, or held back while the provider is unavailable. */
  private record Requests(PaymentRequestHandler handler, Counter failures)
      implements PartitionPausingWorkerLoop.RequestHandler<PaymentKey, PaymentProviderRequest, PaymentKey, PaymentCommand> {

    @Override
    public RequestOutcome<PaymentKey, PaymentCommand> handle(ConsumerRecord<PaymentKey, PaymentProviderRequest> record) {
      PaymentProviderRequest request = record.value();
      try {
        Optional<PaymentCommand> answer = handler.handle(request);
        return RequestOutcome.answered(answer
            // the request's headers (its trace context) travel on with the answer
            .map(command -> List.of(new ProducerRecord<>(Topics.PAYMENT_COMMANDS.name(), null, record.key(), command,
                record.headers())))
            .orElse(List.of()));
      } catch (ProviderUnavailableException e) {
        return RequestOutcome.retryLater(e);
      } catch (RuntimeException e) {
        // a request the provider refuses outright (misconfiguration, invalid parameters): retrying cannot help
        LOG.atError().addKeyValue("payment", request.getPaymentId()).addKeyValue("request", request.getRequestId())
            .setCause(e).log("payment provider request failed for good");
        failures.increment();
        return RequestOutcome.answered(List.of());
      }
    }

    @Override
    public List<ProducerRecord<PaymentKey, PaymentCommand>> givenUp(
        ConsumerRecord<PaymentKey, PaymentProviderRequest> record, Throwable lastFailure) {
      // unreachable with PROVIDER_RETRIES (no limit), and never silent if the policy changes
      LOG.atError().addKeyValue("payment", record.value().getPaymentId()).setCause(lastFailure)
          .log("payment provider request given up");
      return List.of();
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
