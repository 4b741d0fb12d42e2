package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.runtime.embedded.EmbeddedKafka;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.RecordTooLargeToWriteException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StreamsSettings;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produce errors on the real broker, with the platform's Kafka Streams settings (exactly-once) and
 * its topology runner: a record that can never be written goes to the dead-letter topic with its
 * error and the thread goes on; a thread that fails for a reason that may pass (the schema registry
 * unreachable) is replaced and the records behind it are processed without waiting for the dead
 * thread's session to time out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamFailuresIT {

  private static final String IN = "it.in";
  private static final String OUT = "it.out";
  private static final String DEAD_LETTER = "it.dead-letter";
  private static final int OUT_MAX_MESSAGE_BYTES = 1024;
  /** Longer than the test waits: a stall on the dead member would fail the test rather than pass late. */
  private static final int SESSION_TIMEOUT_MS = 180_000;

  @TempDir static Path dir;
  EmbeddedKafka kafka;
  TopologyRunner runner;
  KafkaProducer<String, String> producer;
  AvroSerdes serdes;
  final AtomicBoolean registryDownOnce = new AtomicBoolean(true);

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 1);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(DEAD_LETTER, 1, (short) 1),
          new NewTopic(OUT, 1, (short) 1)
              .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(OUT_MAX_MESSAGE_BYTES)))))
          .all().get();
    }
    serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
    StreamsSettings settings = new StreamsSettings(kafka.bootstrapServers(), dir.resolve("streams"), "127.0.0.1:1", 1,
        20, 1, "it-node");
    runner = new TopologyRunner(List.of(new EchoTopology(registryDownOnce)), settings,
        serdes, new SimpleMeterRegistry(), StoreChangeListener.NONE, DEAD_LETTER, OUT_MAX_MESSAGE_BYTES - 100, Map.of(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS));
    runner.start();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> runner.streams(EchoTopology.CONTEXT).orElseThrow().state() == KafkaStreams.State.RUNNING);
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  void stop() {
    if (producer != null) {
      producer.close();
    }
    if (runner != null) {
      runner.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aValueThatCannotBeSerializedIsParkedAndTheNextRecordsFlow() throws Exception {
    ConsumerRecord<String, String> dead = parkedBetweenTwoThatFlow(1, "unserializable");
    assertParkedAndStillRunning(dead, "k2", SerializationException.class);
    assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo(IN);
  }

  @Test
  void aRecordTooLargeForItsTopicIsParkedAndTheNextRecordsFlow() throws Exception {
    ConsumerRecord<String, String> dead = parkedBetweenTwoThatFlow(4, "large");
    assertParkedAndStillRunning(dead, "k5", RecordTooLargeToWriteException.class);
    assertThat(outValues()).doesNotContain(EchoTopology.LARGE_VALUE);
  }

  @Test
  void aThreadThatFailsIsReplacedWithoutWaitingForItsSessionToTimeOut() throws Exception {
    send("k7", "registry-down");
    send("k8", "after-registry-down");

    // The session timeout is 3 minutes: without removing the dead thread's member these would wait for it.
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(outValues()).contains("registry-down", "after-registry-down"));
    assertThat(registryDownOnce).isFalse(); // the thread did fail once
    assertThat(readAll(DEAD_LETTER)).noneMatch(r -> "registry-down".equals(r.value()));
  }

  /**
   * Sends "before-{@code value}", {@code value} and "after-{@code value}" under keys k{@code firstKey} and
   * the two after it; once the outer two reached it.out, returns the dead letter of the middle one.
   */
  private ConsumerRecord<String, String> parkedBetweenTwoThatFlow(int firstKey, String value) throws Exception {
    send("k" + firstKey, "before-" + value);
    send("k" + (firstKey + 1), value);
    send("k" + (firstKey + 2), "after-" + value);
    awaitValues(OUT, "before-" + value, "after-" + value);
    return awaitDeadLetter(value);
  }

  /** The dead letter is the record of {@code key}, parked for {@code failure}, and the topology runs on. */
  private void assertParkedAndStillRunning(ConsumerRecord<String, String> dead, String key,
      Class<? extends Exception> failure) {
    assertThat(dead.key()).isEqualTo(key);
    assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME)).isEqualTo(failure.getName());
    assertThat(runner.streams(EchoTopology.CONTEXT).orElseThrow().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private void send(String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(IN, key, value)).get();
  }

  private void awaitValues(String topic, String... values) {
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(outValues()).contains(values));
  }

  /** What reached it.out: the echoed strings, carried as the currency of an Avro Money. */
  private List<String> outValues() {
    var money = serdes.value(Money.class).deserializer();
    return readAll(OUT).stream().map(r -> money.deserialize(OUT, r.value().getBytes(StandardCharsets.ISO_8859_1)))
        .map(m -> m.getCurrency().toString()).toList();
  }

  private ConsumerRecord<String, String> awaitDeadLetter(String value) {
    await().atMost(Duration.ofSeconds(90)).until(() -> readAll(DEAD_LETTER).stream().anyMatch(r -> value.equals(r.value())));
    return readAll(DEAD_LETTER).stream().filter(r -> value.equals(r.value())).findFirst().orElseThrow();
  }

  private List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), latin1())) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Bytes as a string one char per byte, so Avro values survive the trip through a String. */
  private static StringDeserializer latin1() {
    StringDeserializer deserializer = new StringDeserializer();
    deserializer.configure(Map.of("deserializer.encoding", "ISO-8859-1"), false);
    return deserializer;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** it.in → it.out, echoing values; "large" becomes a value too large for it.out. */
  private record EchoTopology(String context, List<String> queryableStores, AtomicBoolean registryDownOnce)
      implements TopologyDefinition {
    static final String CONTEXT = "it-failures";
    static final String LARGE_VALUE = "x".repeat(4 * OUT_MAX_MESSAGE_BYTES);

    EchoTopology(AtomicBoolean registryDownOnce) {
      this(CONTEXT, List.of(), registryDownOnce);
    }

    @Override
    public Topology build(AvroSerdes serdes) {
      Serde<Money> faulty = Serdes.serdeFrom(new FaultySerializer(serdes.value(Money.class).serializer(), registryDownOnce),
          serdes.value(Money.class).deserializer());
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
          .mapValues(value -> new Money(1L, "large".equals(value) ? LARGE_VALUE : value))
          .to(OUT, Produced.with(Serdes.String(), faulty));
      return builder.build();
    }
  }

  /**
   * The platform's Avro serializer (with the runner's size limit), except that it cannot write
   * "unserializable" and finds the registry down once for "registry-down".
   */
  private record FaultySerializer(Serializer<Money> avro, AtomicBoolean registryDownOnce) implements Serializer<Money> {
    @Override
    public byte[] serialize(String topic, Money value) {
      String text = value.getCurrency().toString();
      if ("unserializable".equals(text)) {
        throw new SerializationException("cannot write " + text);
      }
      if ("registry-down".equals(text) && registryDownOnce.compareAndSet(true, false)) {
        throw new SchemaRegistryException("registry unreachable", new java.io.IOException("connection refused"));
      }
      return avro.serialize(topic, value);
    }
  }
}
