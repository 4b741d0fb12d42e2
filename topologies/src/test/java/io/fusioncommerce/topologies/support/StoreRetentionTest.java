package io.fusioncommerce.topologies.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention sweeps on stream time through a real topology: entries "closed" at their record's time
 * expire an hour later, a sweep deletes no more than its budget, later sweeps finish the job, open
 * entries stay, and every delete is a tombstone on the changelog.
 */
class StoreRetentionTest {

  private static final String STORE = "things";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration KEEP = Duration.ofHours(1);
  private static final int BUDGET = 2;

  @TempDir Path dir;
  TopologyTestDriver driver;
  TestInputTopic<String, String> in;
  TestOutputTopic<String, String> changelog;
  KeyValueStore<String, String> store;

  /** Stores "open" or "closed@<millis>" under the record's key. */
  private static final class Writer implements Processor<String, String, Void, Void> {
    private KeyValueStore<String, String> things;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      things = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      if (record.value() != null) {
        things.put(record.key(), "closed".equals(record.value()) ? "closed@" + record.timestamp() : record.value());
      }
    }
  }

  private static Optional<Instant> expiry(String value) {
    return value.startsWith("closed@")
        ? Optional.of(Instant.ofEpochMilli(Long.parseLong(value.substring("closed@".length()))).plus(KEEP))
        : Optional.empty();
  }

  @BeforeEach
  void start() {
    Topology topology = new Topology();
    topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "things.in");
    topology.addProcessor("writer", Writer::new, "in");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
        Serdes.String()), "writer");
    topology.addProcessor("retention", () -> new RetentionProcessor<String, String>(Duration.ofMinutes(1),
        context -> List.of(new StoreRetention<String, String>(context.getStateStore(STORE),
            StoreRetentionTest::expiry, BUDGET))), "in");
    topology.connectProcessorAndStateStores("retention", STORE);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "retention-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    driver = new TopologyTestDriver(topology, props, T0);
    in = driver.createInputTopic("things.in", new StringSerializer(), new StringSerializer());
    changelog = driver.createOutputTopic("retention-test-" + STORE + "-changelog", new StringDeserializer(),
        new StringDeserializer());
    store = driver.getKeyValueStore(STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void closedEntriesGoAfterTheirRetentionABudgetAtATimeAndOpenOnesStay() {
    for (int i = 0; i < 5; i++) {
      in.pipeInput("closed-" + i, "closed", T0);
    }
    in.pipeInput("open-1", "open", T0);
    changelog.readRecordsToList(); // the writes so far

    in.pipeInput("tick", "open", T0.plus(KEEP).minusSeconds(60)); // not yet an hour
    assertThat(keys()).hasSize(7);

    in.pipeInput("tick", "open", T0.plus(KEEP).plusSeconds(60));
    assertThat(keys()).as("one sweep deletes at most its budget").hasSizeGreaterThanOrEqualTo(7 - BUDGET);

    for (int minute = 2; minute < 10; minute++) {
      in.pipeInput("tick", "open", T0.plus(KEEP).plus(Duration.ofMinutes(minute)));
    }
    assertThat(keys()).containsExactlyInAnyOrder("open-1", "tick");
    List<KeyValue<String, String>> tombstones = changelog.readKeyValuesToList().stream()
        .filter(kv -> kv.value == null).toList();
    assertThat(tombstones).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("closed-0", "closed-1", "closed-2", "closed-3", "closed-4");
  }

  @Test
  void noSweepRunsWhileStreamTimeStandsStill() {
    in.pipeInput("closed-1", "closed", T0);
    driver.advanceWallClockTime(Duration.ofDays(2)); // wall-clock time does not count

    assertThat(keys()).containsExactly("closed-1");
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
