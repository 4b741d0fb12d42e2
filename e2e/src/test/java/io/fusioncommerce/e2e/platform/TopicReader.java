package io.fusioncommerce.e2e.platform;

import static org.awaitility.Awaitility.await;

import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a platform's topics from their start, as an outside consumer does (committed records only, a
 * fresh group each time), decoding Avro through the platform's schema registry.
 */
public final class TopicReader {

  /** A record's key and value, decoded; the value is null for a tombstone. */
  public record Decoded<K, V>(K key, V value) {}

  private final String bootstrapServers;
  private final AvroSerdes serdes;

  public TopicReader(EmbeddedPlatform platform) {
    this.bootstrapServers = platform.bootstrapServers();
    this.serdes = new AvroSerdes(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
  }

  /** The value of the first record that matches (null when that is a tombstone), waiting for it at most {@code within}. */
  public <K extends SpecificRecord, V extends SpecificRecord> V firstMatching(String topic, Class<K> keyType,
      Class<V> valueType, BiPredicate<K, V> matches, Duration within) {
    List<Optional<V>> found = new ArrayList<>();
    Deserializer<K> keys = serdes.key(keyType).deserializer();
    Deserializer<V> values = serdes.value(valueType).deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      await().atMost(within).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          K key = keys.deserialize(topic, record.key());
          V value = record.value() == null ? null : values.deserialize(topic, record.value());
          if (found.isEmpty() && matches.test(key, value)) {
            found.add(Optional.ofNullable(value));
          }
        }
        return !found.isEmpty();
      });
    }
    return found.get(0).orElse(null);
  }

  /** Every record of the topic now, decoded. */
  public <K extends SpecificRecord, V extends SpecificRecord> List<Decoded<K, V>> readAll(String topic, Class<K> keyType,
      Class<V> valueType) {
    Deserializer<K> keys = serdes.key(keyType).deserializer();
    Deserializer<V> values = serdes.value(valueType).deserializer();
    return readAll(topic).stream().map(record -> new Decoded<>(keys.deserialize(topic, record.key()),
        record.value() == null ? null : values.deserialize(topic, record.value()))).toList();
  }

  /** Every record of the topic now, as bytes. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The topic's records from its start once there are at least {@code atLeast}, waiting at most {@code within}. */
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int atLeast, Duration within) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      await().atMost(within).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= atLeast;
      });
    }
    return records;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
