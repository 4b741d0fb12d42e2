package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the record's schema under
 * the topic's subject on first use (unless auto-registration is off, in which case the schema must
 * already be the subject's latest version).
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister = true;
  private int maxBytes = Integer.MAX_VALUE;
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

  /** For Kafka to instantiate from configuration; {@link #configure} supplies the registry. */
  public SpecificAvroSerializer() {}

  public SpecificAvroSerializer(SchemaRegistryClient registry, boolean isKey) {
    this.registry = registry;
    this.isKey = isKey;
  }

  /** @param maxBytes serialized records larger than this are refused with {@link RecordTooLargeToWriteException} */
  public SpecificAvroSerializer(SchemaRegistryClient registry, boolean isKey, int maxBytes) {
    this(registry, isKey);
    this.maxBytes = maxBytes;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = AvroSerdeConfig.autoRegister(configs);
    if (registry == null) {
      registry = AvroSerdeConfig.clientFrom(configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    int id = schemaId(SubjectNaming.subject(topic, isKey), schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    ConfluentWireFormat.writeHeader(out, id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
          .write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic, e);
    }
    if (out.size() > maxBytes) {
      throw new RecordTooLargeToWriteException(topic, out.size(), maxBytes);
    }
    return out.toByteArray();
  }

  private int schemaId(String subject, Schema schema) {
    if (autoRegister) {
      return registry.register(subject, schema);
    }
    Optional<SchemaRegistryClient.RegisteredSchema> latest = registry.latest(subject);
    if (latest.isEmpty() || !latest.get().schema().equals(schema)) {
      throw new SerializationException(
          "schema " + schema.getFullName() + " is not registered under " + subject
              + " and auto-registration is off");
    }
    return latest.get().id();
  }
}
