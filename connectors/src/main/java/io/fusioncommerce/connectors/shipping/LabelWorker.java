package io.fusioncommerce.connectors.shipping;

import dev.failsafe.RetryPolicy;
import io.fusioncommerce.connectors.objectstore.ObjectStoreException;
import io.fusioncommerce.connectors.worker.PartitionPausingWorkerLoop;
import io.fusioncommerce.connectors.worker.RequestOutcome;
import io.fusioncommerce.connectors.worker.WorkerClients;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipping integration worker: consumes shipping.label-requests, lets {@link LabelService} buy and
 * store each label, and sends the answer back to the shipping topology on shipping.commands, in a Kafka
 * transaction with the requests' offsets ({@link PartitionPausingWorkerLoop}). A carrier (or the object
 * store) that fails pauses the request's partition and tries again with a backoff, without blocking the
 * poll, for up to {@link #CARRIER_RETRY_BUDGET}; only then is the label recorded as failed, and an
 * operator or the vendor can ask for it again ({@code POST /v1/shipments/{id}/label/retry}). A request
 * handled twice is answered from the stored purchase (and the topology ignores a second answer anyway).
 */
public final class LabelWorker implements AutoCloseable {

  public static final String GROUP_ID = "fusion-shipping-label-worker";
  /** How long a label request is tried again while its carrier is down before it is recorded as failed. */
  public static final Duration CARRIER_RETRY_BUDGET = Duration.ofMinutes(10);
  /** 500 ms doubling to 30 s between attempts, for up to {@link #CARRIER_RETRY_BUDGET}. */
  public static final RetryPolicy<Object> CARRIER_RETRIES = RetryPolicy.builder()
      .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
      .withMaxRetries(-1)
      .withMaxDuration(CARRIER_RETRY_BUDGET)
      .build();
  private static final Logger LOG = LoggerFactory.getLogger(LabelWorker.class);
  private static final Actor WORKER = Actor.newBuilder().setSubject("shipping-label-worker").setRoles(List.of()).build();

  private final PartitionPausingWorkerLoop<ShipmentKey, LabelRequested, SpecificRecord, SpecificRecord> loop;

  /**
   * @param instanceId stable identity of this instance: the producer's transactional.id is derived from it
   */
  public LabelWorker(String bootstrapServers, AvroSerdes serdes, LabelService labels, Clock clock, String instanceId) {
    this(bootstrapServers, serdes, labels, clock, instanceId, CARRIER_RETRIES);
  }

  /** With the retry schedule given (a test gives up sooner). */
  public LabelWorker(String bootstrapServers, AvroSerdes serdes, LabelService labels, Clock clock, String instanceId,
      RetryPolicy<Object> carrierRetries) {
    KafkaConsumer<ShipmentKey, LabelRequested> consumer = new KafkaConsumer<>(
        WorkerClients.consumer(bootstrapServers, GROUP_ID, Map.of()),
        new SpecificAvroDeserializer<>(serdes.registry(), ShipmentKey.class),
        new SpecificAvroDeserializer<>(serdes.registry(), LabelRequested.class));
    Map<String, Object> producerSettings = WorkerClients.transactionalProducer(bootstrapServers, GROUP_ID, instanceId);
    this.loop = new PartitionPausingWorkerLoop<>("shipping-label-worker", Topics.SHIPPING_LABEL_REQUESTS.name(),
        consumer, () -> new KafkaProducer<>(producerSettings, new SpecificAvroSerializer<SpecificRecord>(serdes.registry(), true),
            new SpecificAvroSerializer<SpecificRecord>(serdes.registry(), false)),
        new Requests(labels, clock), carrierRetries, clock);
  }

  public LabelWorker start() {
    loop.start();
    return this;
  }

  /** One label request: the label, or held back while a carrier is down, or the failure once given up. */
  private record Requests(LabelService labels, Clock clock)
      implements PartitionPausingWorkerLoop.RequestHandler<ShipmentKey, LabelRequested, SpecificRecord, SpecificRecord> {

    @Override
    public RequestOutcome<SpecificRecord, SpecificRecord> handle(ConsumerRecord<ShipmentKey, LabelRequested> record) {
      if (record.key() == null) {
        return RequestOutcome.answered(List.of());
      }
      try {
        return RequestOutcome.answered(List.of(answer(record, labels.handle(record.value()))));
      } catch (CarrierException | ObjectStoreException e) {
        return RequestOutcome.retryLater(e); // expected while a carrier or the store is away
      }
      // anything else (a bug that may be transient) the loop logs with its stack and tries again too
    }

    @Override
    public List<ProducerRecord<SpecificRecord, SpecificRecord>> givenUp(
        ConsumerRecord<ShipmentKey, LabelRequested> record, Throwable lastFailure) {
      LabelRequested request = record.value();
      LOG.warn("no label for shipment {} of tenant {}", request.getShipmentId(), request.getTenantId(), lastFailure);
      return List.of(answer(record, LabelService.failure(request, "the label could not be bought: " + lastFailure.getMessage())));
    }

    private ProducerRecord<SpecificRecord, SpecificRecord> answer(ConsumerRecord<ShipmentKey, LabelRequested> record,
        SpecificRecord outcome) {
      Cause cause = Cause.of(record.value(), record.headers(), clock.instant());
      ShipmentCommand command = cause.command(new ShipmentCommand(), cause.derive("label-answer"), WORKER, outcome);
      return new ProducerRecord<>(Topics.SHIPPING_COMMANDS.name(), null, record.key(), command, cause.headers());
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
