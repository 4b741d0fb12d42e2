package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka Streams serde for one specific Avro record class in the Confluent wire format. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
    this(registry, type, isKey, Integer.MAX_VALUE);
  }

  /** @param maxBytes the largest serialized record the serializer writes */
  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey, int maxBytes) {
    this.serializer = new SpecificAvroSerializer<>(registry, isKey, maxBytes);
    this.deserializer = new SpecificAvroDeserializer<>(registry, type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
