package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/** Builds serdes that share one registry client, so they share its caches. */
public final class AvroSerdes {

  private final SchemaRegistryClient registry;

  public AvroSerdes(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public <T extends SpecificRecord> SpecificAvroSerde<T> key(Class<T> type) {
    return new SpecificAvroSerde<>(registry, type, true);
  }

  public <T extends SpecificRecord> SpecificAvroSerde<T> value(Class<T> type) {
    return new SpecificAvroSerde<>(registry, type, false);
  }

  public SchemaRegistryClient registry() {
    return registry;
  }
}
