package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/** Builds serdes that share one registry client, so they share its caches. */
public final class AvroSerdes {

  private final SchemaRegistryClient registry;
  private final int maxRecordBytes;

  public AvroSerdes(SchemaRegistryClient registry) {
    this(registry, Integer.MAX_VALUE);
  }

  private AvroSerdes(SchemaRegistryClient registry, int maxRecordBytes) {
    this.registry = registry;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * The same serdes, whose serializers refuse a key or value larger than {@code maxRecordBytes}
   * (see {@link RecordTooLargeToWriteException} for why a topology wants that).
   */
  public AvroSerdes withMaxRecordBytes(int maxRecordBytes) {
    return new AvroSerdes(registry, maxRecordBytes);
  }

  public <T extends SpecificRecord> SpecificAvroSerde<T> key(Class<T> type) {
    return new SpecificAvroSerde<>(registry, type, true, maxRecordBytes);
  }

  public <T extends SpecificRecord> SpecificAvroSerde<T> value(Class<T> type) {
    return new SpecificAvroSerde<>(registry, type, false, maxRecordBytes);
  }

  public SchemaRegistryClient registry() {
    return registry;
  }
}
