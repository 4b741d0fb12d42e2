package io.fusioncommerce.connectors.convert;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import io.fusioncommerce.schemas.serde.ConfluentWireFormat;
import io.fusioncommerce.schemas.serde.SubjectNaming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter for Avro in the Confluent wire format (magic byte 0, 4-byte schema id,
 * Avro binary), built on the platform's own registry client (ADR 0001), so sink connectors read the
 * platform's topics and source connectors write them as every other producer does.
 *
 * <p>Reading: the schema id names the writer's schema, fetched from the registry once (the client
 * caches ids forever, they are immutable) and translated to a Connect schema once per id (a bounded
 * cache). Every record therefore arrives with the schema it was written with: a record written with
 * an older version of a type has that version's fields. See {@link AvroToConnect} for the mapping.
 *
 * <p>Writing: the Connect schema is translated to Avro ({@link ConnectToAvro}) and written under the
 * topic's subject ({@code <topic>-key} / {@code <topic>-value}): under the subject's latest version
 * when that encodes the same bytes, otherwise registered (unless {@code auto.register.schemas} is
 * false, which then refuses the record).
 *
 * <p>A corrupt record, or an id the registry does not know, is a {@link DataException} (the record is
 * bad: Connect's error handling may send it to a dead-letter topic); a registry that cannot be
 * reached is a {@link RetriableException}, so the record is retried, never dropped for it.
 */
public final class AvroConverter implements Converter, Versioned {

  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister = true;
  private FieldNames fieldNames = FieldNames.AS_WRITTEN;
  private Cache<Integer, Reader> readers;
  private Cache<Schema, Writer> writers;

  /** The reading side for one writer schema id. */
  private record Reader(AvroToConnect.Mapping mapping, GenericDatumReader<Object> datumReader) {}

  /** The writing side for one Connect schema, with the id it is written under per subject. */
  private record Writer(ConnectToAvro.Mapping mapping, GenericDatumWriter<Object> datumWriter,
      Map<String, Integer> idsBySubject) {}

  /** For Connect, which configures it with {@code schema.registry.url}. */
  public AvroConverter() {}

  /** With a given registry client (tests; code that shares one client's caches). */
  public AvroConverter(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroConverterConfig config = new AvroConverterConfig(configs);
    this.isKey = isKey;
    this.autoRegister = config.autoRegister();
    this.fieldNames = config.snakeCaseFields() ? FieldNames.SNAKE_CASE : FieldNames.AS_WRITTEN;
    if (registry == null) {
      registry = new HttpSchemaRegistryClient(config.registryUrl());
    }
    readers = Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
    writers = Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
  }

  @Override
  public ConfigDef config() {
    return AvroConverterConfig.DEFINITION;
  }

  @Override
  public String version() {
    String version = AvroConverter.class.getPackage().getImplementationVersion();
    return version != null ? version : "unknown";
  }

  // ------------------------------------------------------------------ Kafka -> Connect

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    requireConfigured();
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    int schemaId;
    try {
      schemaId = ConfluentWireFormat.readSchemaId(buffer);
    } catch (SerializationException e) {
      throw new DataException("topic " + topic + ": " + e.getMessage(), e);
    }
    Reader reader = readers.get(schemaId, this::reader);
    Object datum;
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, buffer.position(), buffer.remaining(), null);
      datum = reader.datumReader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new DataException("topic " + topic + ": bytes left over after the Avro datum of schema " + schemaId);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException data) {
        throw data;
      }
      throw new DataException("topic " + topic + ": cannot decode Avro with schema " + schemaId, e);
    }
    try {
      return new SchemaAndValue(reader.mapping().schema(), reader.mapping().convert(datum));
    } catch (RuntimeException e) {
      throw e instanceof DataException data ? data
          : new DataException("topic " + topic + ": cannot convert the Avro datum of schema " + schemaId, e);
    }
  }

  private Reader reader(int schemaId) {
    org.apache.avro.Schema writerSchema;
    try {
      writerSchema = registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      throw refusalOrOutage("cannot fetch schema " + schemaId, e);
    }
    // the generic reader without conversions: logical types arrive as their underlying type
    return new Reader(AvroToConnect.of(writerSchema, fieldNames), new GenericDatumReader<>(writerSchema, writerSchema, new GenericData()));
  }

  // ------------------------------------------------------------------ Connect -> Kafka

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    requireConfigured();
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException("topic " + topic + ": the Avro converter needs a schema with every value");
    }
    Writer writer = writers.get(schema, s -> {
      ConnectToAvro.Mapping mapping = ConnectToAvro.of(s);
      return new Writer(mapping, new GenericDatumWriter<>(mapping.schema(), new GenericData()), new ConcurrentHashMap<>());
    });
    String subject = SubjectNaming.subject(topic, isKey);
    Integer known = writer.idsBySubject().get(subject);
    int schemaId = known != null ? known : writer.idsBySubject().computeIfAbsent(subject,
        s -> schemaId(s, writer.mapping().schema()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    ConfluentWireFormat.writeHeader(out, schemaId);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.datumWriter().write(writer.mapping().convert(value), encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw e instanceof DataException data ? data
          : new DataException("topic " + topic + ": cannot write the value as Avro " + writer.mapping().schema(), e);
    }
    return out.toByteArray();
  }

  /**
   * The id to write under: the subject's latest version when it encodes exactly the same bytes (the
   * same Parsing Canonical Form), otherwise the schema as translated, registered. Preferring the
   * latest version keeps what a connector writes byte for byte what the platform's own serializers
   * write (a key's bytes decide its partition), however the Connect schema lost Avro's properties
   * and docs on the way.
   */
  private int schemaId(String subject, org.apache.avro.Schema schema) {
    try {
      Optional<SchemaRegistryClient.RegisteredSchema> latest = registry.latest(subject);
      if (latest.isPresent() && canonical(latest.get().schema()).equals(canonical(schema))) {
        return latest.get().id();
      }
      if (autoRegister) {
        return registry.register(subject, schema);
      }
      throw new DataException("schema " + schema.getFullName() + " does not match the latest version of " + subject
          + " and auto.register.schemas is false");
    } catch (SchemaRegistryException e) {
      throw refusalOrOutage("cannot register the schema under " + subject, e);
    }
  }

  /** A registry that answered no (4xx) makes the record bad; one that could not answer makes it wait. */
  private static RuntimeException refusalOrOutage(String what, SchemaRegistryException e) {
    int status = e.httpStatus();
    if (status == -1 || status == 429 || status >= 500) {
      return new RetriableException(what + ": the schema registry is unavailable (" + e.getMessage() + ")", e);
    }
    return new DataException(what + ": " + e.getMessage(), e);
  }

  private static String canonical(org.apache.avro.Schema schema) {
    return SchemaNormalization.toParsingForm(schema);
  }

  private void requireConfigured() {
    if (readers == null) {
      throw new IllegalStateException("the converter is used before configure()");
    }
  }
}
