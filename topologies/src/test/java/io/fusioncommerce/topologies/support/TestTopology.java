package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * One topology in a {@link TopologyTestDriver}, configured as in production (the platform's
 * {@link StreamsSettings}), with its test topics made from {@link TopicContract}s: one line each, the
 * serdes looked up here, as {@link Wiring} does for the topology itself.
 */
public final class TestTopology {

  private final TopologyTestDriver driver;
  private final AvroSerdes serdes;
  /** One test topic per topic: an input topic keeps its own clock, so asking twice must give the same one. */
  private final Map<String, Object> topics = new HashMap<>();

  private TestTopology(TopologyTestDriver driver, AvroSerdes serdes) {
    this.driver = driver;
    this.serdes = serdes;
  }

  /** {@code definition} built with its own in-memory schema registry, its state under {@code stateDir}. */
  public static TestTopology start(TopologyDefinition definition, Path stateDir, Instant wallClock) {
    return start(definition, new AvroSerdes(new InMemorySchemaRegistryClient()), stateDir, wallClock);
  }

  /** @param wallClock the driver's initial wall-clock time; null for the system clock */
  public static TestTopology start(TopologyDefinition definition, AvroSerdes serdes, Path stateDir, Instant wallClock) {
    Properties props = settings(definition.context(), stateDir);
    TopologyTestDriver driver = wallClock == null
        ? new TopologyTestDriver(definition.build(serdes), props)
        : new TopologyTestDriver(definition.build(serdes), props, wallClock);
    return new TestTopology(driver, serdes);
  }

  /** The Streams configuration of {@code context} as the platform runs it; no broker is ever reached. */
  public static Properties settings(String context, Path stateDir) {
    return new StreamsSettings("unused:9092", stateDir, "127.0.0.1:1", 1, 100, 1, null)
        .forContext(context, Topics.DEAD_LETTER);
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  public AvroSerdes serdes() {
    return serdes;
  }

  /** The input topic of {@code topic}, the same one each time it is asked for. */
  @SuppressWarnings("unchecked")
  public <K extends SpecificRecord, V extends SpecificRecord> TestInputTopic<K, V> input(TopicContract<K, V> topic) {
    return (TestInputTopic<K, V>) topics.computeIfAbsent("in:" + topic.name(), t -> driver.createInputTopic(
        topic.name(), serdes.key(topic.keyType()).serializer(), serdes.value(topic.valueType()).serializer()));
  }

  /** The output topic of {@code topic}, the same one each time it is asked for. */
  @SuppressWarnings("unchecked")
  public <K extends SpecificRecord, V extends SpecificRecord> TestOutputTopic<K, V> output(TopicContract<K, V> topic) {
    return (TestOutputTopic<K, V>) topics.computeIfAbsent("out:" + topic.name(), t -> driver.createOutputTopic(
        topic.name(), serdes.key(topic.keyType()).deserializer(), serdes.value(topic.valueType()).deserializer()));
  }

  /** A topic outside the Avro contracts, written as raw bytes (Debezium's JSON, a poison record). */
  public TestInputTopic<byte[], byte[]> rawInput(String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Where records no processor could handle are parked. */
  public TestOutputTopic<byte[], byte[]> deadLetters() {
    return driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
