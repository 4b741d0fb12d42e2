package io.fusioncommerce.ingress.commands;

import io.fusioncommerce.schemas.TopicContract;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.nio.charset.StandardCharsets;

/**
 * Writes commands to their topics. A command is acknowledged to the client (202) only after the
 * broker has it (acks=all, idempotent producer), so an accepted command is never lost.
 */
public final class CommandPublisher implements AutoCloseable {

  public static final String TRACEPARENT_HEADER = "traceparent";
  public static final String CORRELATION_HEADER = "correlation-id";

  private final Producer<SpecificRecord, SpecificRecord> producer;

  public CommandPublisher(Producer<SpecificRecord, SpecificRecord> producer) {
    this.producer = producer;
  }

  public <K extends SpecificRecord, V extends SpecificRecord> CompletableFuture<RecordMetadata> send(
      TopicContract<K, V> topic, K key, V command, String correlationId, String traceparent) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CORRELATION_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    if (traceparent != null) {
      headers.add(TRACEPARENT_HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic.name(), null, key, command, headers),
        (metadata, error) -> {
          if (error != null) {
            acknowledged.completeExceptionally(error);
          } else {
            acknowledged.complete(metadata);
          }
        });
    return acknowledged;
  }

  @Override
  public void close() {
    producer.close();
  }
}
