package io.fusioncommerce.ingress.commands;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import io.fusioncommerce.ingress.http.ApiException;
import org.apache.kafka.common.KafkaException;

/**
 * Writes commands to their topics. A command is acknowledged to the client (202) only after the
 * broker has it (acks=all, idempotent producer), so an accepted command is never lost.
 */
public final class CommandPublisher implements AutoCloseable {

  public static final String TRACEPARENT_HEADER = Cause.TRACEPARENT_HEADER;
  public static final String CORRELATION_HEADER = Cause.CORRELATION_HEADER;

  private final Producer<SpecificRecord, SpecificRecord> producer;
  // Acknowledgements arrive on the producer's network thread; the HTTP answer is written elsewhere,
  // so that thread only ever hands results over and gets back to sending.
  private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();
  /**
   * Commands sent but not yet acknowledged. Past the limit the ingress answers 503 at once instead of
   * queueing without bound (a backlog would only turn into timeouts and memory pressure).
   */
  private final Semaphore inFlight;

  public static final int DEFAULT_MAX_IN_FLIGHT = 4096;

  public CommandPublisher(Producer<SpecificRecord, SpecificRecord> producer) {
    this(producer, DEFAULT_MAX_IN_FLIGHT);
  }

  public CommandPublisher(Producer<SpecificRecord, SpecificRecord> producer, int maxInFlight) {
    this.producer = producer;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Sends {@code command} with the record headers of its cause (correlation id, trace context). */
  public <K extends SpecificRecord, V extends SpecificRecord> CompletableFuture<RecordMetadata> send(
      TopicContract<K, V> topic, K key, V command, Cause cause) {
    // a producer marks a record's headers read-only: each record gets its own copy
    return send(topic, key, command, new RecordHeaders(cause.headers().toArray()));
  }

  /** Sends {@code command} with the record headers of the HTTP request that asks for it. */
  public <K extends SpecificRecord, V extends SpecificRecord> CompletableFuture<RecordMetadata> send(
      TopicContract<K, V> topic, K key, V command, Context request) {
    return send(topic, key, command, RequestContext.requestHeaders(request));
  }

  private <K extends SpecificRecord, V extends SpecificRecord> CompletableFuture<RecordMetadata> send(
      TopicContract<K, V> topic, K key, V command, Headers headers) {
    if (!inFlight.tryAcquire()) {
      throw ApiException.unavailable("too many commands in flight; retry shortly");
    }
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    acknowledged.whenComplete((ok, error) -> inFlight.release());
    try {
      producer.send(
          new ProducerRecord<>(topic.name(), null, key, command, headers),
          (metadata, error) -> answers.execute(() -> {
            if (error != null) {
              acknowledged.completeExceptionally(error);
            } else {
              acknowledged.complete(metadata);
            }
          }));
    } catch (KafkaException e) {
      acknowledged.completeExceptionally(e); // e.g. the registry or the broker cannot be reached in time
    }
    return acknowledged;
  }

  @Override
  public void close() {
    producer.close();
    answers.shutdown();
  }
}
