package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires one topology from {@link TopicContract}s: a contract knows its topic's key and value types, so
 * a source, a sink, a global table and a store of a known value type are each one line, with the serdes
 * looked up here instead of at every call.
 *
 * <p>Two styles, one rule (ADR 0015): a stateless relay from one topic to another is a DSL line
 * ({@link #relay}); a processor that keeps state or sets timers is a Processor API node
 * ({@link #processor}), fed by the sources of the topics it {@link Node#reads reads}, writing to one
 * sink per topic it {@link Node#writes writes}. Relays come first: the DSL part is built into the
 * topology when the first processor is declared.
 *
 * <p>Node names are derived from the topics ({@code from-<topic>}, {@code to-<topic>}): a processor
 * forwards to the child {@link #sinkName(TopicContract)} of the topic it writes. Store and topic names
 * are what a running platform's state depends on; node names are not (see TopologyNamesTest).
 */
public final class Wiring {

  private final AvroSerdes serdes;
  private final StreamsBuilder relays = new StreamsBuilder();
  /** Source node per topic: a second processor reading a topic shares its source (and so its task). */
  private final Map<String, String> sources = new HashMap<>();
  private Topology topology;

  public Wiring(AvroSerdes serdes) {
    this.serdes = serdes;
  }

  /** The child a processor forwards to for {@code topic}: the sink {@link Node#writes} adds. */
  public static String sinkName(TopicContract<?, ?> topic) {
    return "to-" + topic.name();
  }

  private static String sourceName(String topic) {
    return "from-" + topic;
  }

  public <K extends SpecificRecord> Serde<K> key(Class<K> type) {
    return serdes.key(type);
  }

  public <V extends SpecificRecord> Serde<V> value(Class<V> type) {
    return serdes.value(type);
  }

  /**
   * A stateless relay: every record of {@code from} becomes none, one or more records of {@code to}
   * (typically re-keyed so they reach the partition that owns the new key). Timestamp and headers
   * travel with each record.
   */
  public <K extends SpecificRecord, V extends SpecificRecord, KR extends SpecificRecord, VR extends SpecificRecord> void relay(
      String name, TopicContract<K, V> from, TopicContract<KR, VR> to,
      KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>> relay) {
    if (topology != null) {
      throw new IllegalStateException("declare relays before processors: " + name);
    }
    relays.stream(from.name(), Consumed.with(key(from.keyType()), value(from.valueType())).withName(sourceName(from.name())))
        .flatMap(relay, Named.as(name))
        .to(to.name(), Produced.with(key(to.keyType()), value(to.valueType())).withName(name + "-" + sinkName(to)));
    sources.put(from.name(), sourceName(from.name()));
  }

  /** A Processor API node named {@code name}; say what it reads, keeps and writes on the returned node. */
  public <KIn, VIn, KOut, VOut> Node processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
    return new Node(name, supplier);
  }

  /**
   * A global store that mirrors the compacted {@code topic} (puts values, deletes on tombstones), read
   * by every partition's processors. Not logged: the topic is its changelog.
   */
  public <K extends SpecificRecord, V extends SpecificRecord> void globalTable(TopicContract<K, V> topic, String store) {
    Serde<K> keySerde = key(topic.keyType());
    Serde<V> valueSerde = value(topic.valueType());
    topology().addGlobalStore(store(store, keySerde, valueSerde).withLoggingDisabled(), sourceName(topic.name()),
        keySerde.deserializer(), valueSerde.deserializer(), topic.name(), "update-" + store,
        () -> new GlobalTableUpdater<K, V>(store));
  }

  /** A persistent key-value store of Avro keys and values (chain {@code withCachingEnabled()} where writes are hot). */
  public <K extends SpecificRecord, V extends SpecificRecord> StoreBuilder<KeyValueStore<K, V>> store(String name,
      Class<K> key, Class<V> value) {
    return store(name, key(key), value(value));
  }

  /** A persistent key-value store of any serdes (plain strings where keys must sort as written). */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> key, Serde<V> value) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), key, value);
  }

  /** The topology as wired so far. */
  public Topology topology() {
    if (topology == null) {
      topology = relays.build();
    }
    return topology;
  }

  /** One Processor API node and what it reads, keeps and writes. */
  public final class Node {

    private final String name;
    private final List<String> parents = new ArrayList<>();
    private ProcessorSupplier<?, ?, ?, ?> supplier;

    private Node(String name, ProcessorSupplier<?, ?, ?, ?> supplier) {
      this.name = name;
      this.supplier = supplier;
    }

    public String name() {
      return name;
    }

    /** Feeds the node from these topics (all read with their contracts' serdes); once per node. */
    public Node reads(TopicContract<?, ?>... topics) {
      for (TopicContract<?, ?> topic : topics) {
        parents.add(sources.computeIfAbsent(topic.name(), t -> {
          topology().addSource(sourceName(t), key(topic.keyType()).deserializer(),
              value(topic.valueType()).deserializer(), t);
          return sourceName(t);
        }));
      }
      return added();
    }

    /** Feeds the node from a topic outside the Avro contracts (raw bytes, e.g. Debezium's JSON). */
    public Node readsBytes(String topic) {
      parents.add(sources.computeIfAbsent(topic, t -> {
        topology().addSource(sourceName(t), new ByteArrayDeserializer(), new ByteArrayDeserializer(), t);
        return sourceName(t);
      }));
      return added();
    }

    private Node added() {
      if (supplier == null) {
        throw new IllegalStateException(name + " already has its sources: name them all in one reads(...)");
      }
      topology().addProcessor(name, supplier, parents.toArray(String[]::new));
      supplier = null;
      return this;
    }

    /** Stores only this node (and its retention sweeps) uses. */
    public Node keeps(StoreBuilder<?>... stores) {
      for (StoreBuilder<?> store : stores) {
        topology().addStateStore(store, name);
      }
      return this;
    }

    /** One sink per topic, named {@link #sinkName(TopicContract)}, written with the contract's serdes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Node writes(TopicContract<?, ?>... topics) {
      for (TopicContract topic : topics) {
        topology().addSink(sinkName(topic), topic.name(), key(topic.keyType()).serializer(),
            value(topic.valueType()).serializer(), name);
      }
      return this;
    }

    /**
     * Bounds {@code store}: every sweep interval of stream time, entries whose {@code expiry} has passed
     * are deleted (a budget's worth per sweep). The sweep is a node of its own beside this one, fed by
     * the same sources so it runs in the same task, so the node's rules stay untouched.
     */
    public <K, V> Node expires(String store, StoreRetention.Expiry<V> expiry, RetentionSettings settings) {
      return sweeps(settings, context -> new StoreRetention<K, V>(context.getStateStore(store), expiry,
          settings.sweepBudget()), store);
    }

    /** As {@link #expires}, for a sweep that also deletes from {@code stores} beyond its own. */
    public Node sweeps(RetentionSettings settings, Function<ProcessorContext<Void, Void>, StoreRetention<?, ?>> sweep,
        String... stores) {
      String retention = name + "-retention";
      topology().addProcessor(retention, () -> new RetentionProcessor<Object, Object>(settings.sweepInterval(),
          context -> List.of(sweep.apply(context))), parents.toArray(String[]::new));
      topology().connectProcessorAndStateStores(retention, stores);
      return this;
    }
  }
}
