package io.fusioncommerce.ingress.query;

import org.apache.avro.specific.SpecificRecord;

/**
 * A topology's key-value store as the routes read it: the topology (which application owns its
 * partitions), the store's name, and the key type whose serialized form finds the owning partition.
 */
public record KeyedStore<K extends SpecificRecord, V>(String context, String name, Class<K> keyType) {

  public static <K extends SpecificRecord, V> KeyedStore<K, V> of(String context, String name, Class<K> keyType) {
    return new KeyedStore<>(context, name, keyType);
  }
}
