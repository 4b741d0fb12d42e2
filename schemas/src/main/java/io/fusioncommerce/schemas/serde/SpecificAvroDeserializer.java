package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format bytes into a specific Avro record class. The writer's schema is
 * fetched by id (once) and resolved against the class's schema, so records written with an older
 * or newer compatible schema are read correctly.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private SchemaRegistryClient registry;
  private Schema readerSchema;
  private SpecificData model;
  private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

  /** For Kafka to instantiate from configuration (needs {@code specific.avro.value.type}). */
  public SpecificAvroDeserializer() {}

  public SpecificAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = registry;
    useType(type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (registry == null) {
      registry = AvroSerdeConfig.clientFrom(configs);
    }
    if (readerSchema == null) {
      String typeKey = isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
      Object type = configs.get(typeKey);
      if (type == null) {
        throw new org.apache.kafka.common.config.ConfigException(typeKey + " is required");
      }
      try {
        useType(type instanceof Class<?> c ? c : Class.forName(type.toString()));
      } catch (ClassNotFoundException e) {
        throw new org.apache.kafka.common.config.ConfigException(typeKey, type, "class not found");
      }
    }
  }

  /** The generated class's own model carries its logical-type conversions (timestamps as Instant). */
  private void useType(Class<?> type) {
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    int writerId = ConfluentWireFormat.readSchemaId(buffer);
    SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(writerId, this::readerFor);
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
      T record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "trailing bytes after " + readerSchema.getFullName() + " (schema id " + writerId + ")");
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException(
          "cannot read " + readerSchema.getFullName() + " from topic " + topic + " (schema id " + writerId + ")", e);
    }
  }

  private SpecificDatumReader<T> readerFor(int writerId) {
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(writerId);
    } catch (RuntimeException e) {
      throw new SerializationException("cannot fetch writer schema " + writerId, e);
    }
    return new SpecificDatumReader<>(writerSchema, readerSchema, model);
  }
}
