package io.fusioncommerce.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * A topic with the Avro types of its keys and values.
 *
 * @param name the Kafka topic name
 * @param keyType the key record class (frozen: see common.avdl)
 * @param valueType the value record class
 * @param kind whether the topic carries commands, events, or a compacted table
 */
public record TopicContract<K extends SpecificRecord, V extends SpecificRecord>(
    String name, Class<K> keyType, Class<V> valueType, Kind kind) {

  public enum Kind {
    /** Requests to a topology; deleted by time. */
    COMMAND,
    /** Facts that happened; deleted by time (long retention). */
    EVENT,
    /** Latest value per key; compacted. */
    TABLE
  }

  public boolean compacted() {
    return kind == Kind.TABLE;
  }
}
