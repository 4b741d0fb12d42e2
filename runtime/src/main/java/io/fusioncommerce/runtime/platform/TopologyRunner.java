package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.query.StreamsDirectory;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StreamsSettings;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import java.util.stream.Collectors;
import org.apache.kafka.streams.CloseOptions;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each bounded context's topology as its own Kafka Streams application, so one context's
 * trouble never stalls another's, and exposes them for interactive queries and readiness.
 */
public final class TopologyRunner implements StreamsDirectory, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopologyRunner.class);
  /**
   * The largest key or value a topology writes (the topics take 1 MiB per record, key and headers
   * included): a larger one is refused while serializing and parked on the dead-letter topic, because
   * under exactly-once a broker's refusal would abort the transaction again after every retry.
   */
  static final int MAX_RECORD_BYTES = 1_000_000;

  private final Map<String, KafkaStreams> streamsByContext = new LinkedHashMap<>();
  private final Map<String, TopologyDescription> descriptions = new LinkedHashMap<>();
  private final List<KafkaStreamsMetrics> metrics = new ArrayList<>();
  private final short replicationFactor;
  private final Admin admin;
  private final FailedThreadEviction eviction;

  public TopologyRunner(List<TopologyDefinition> definitions, StreamsSettings settings, AvroSerdes serdes,
      MeterRegistry registry, StoreChangeListener changes) {
    this(definitions, settings, serdes, registry, changes, Topics.DEAD_LETTER, MAX_RECORD_BYTES, Map.of());
  }

  /**
   * @param maxRecordBytes the largest key or value the topologies' serializers write
   * @param overrides Kafka Streams properties replacing the settings' (tests: a long session timeout
   *     that would show a stall)
   */
  TopologyRunner(List<TopologyDefinition> definitions, StreamsSettings settings, AvroSerdes serdes,
      MeterRegistry registry, StoreChangeListener changes, String deadLetterTopic, int maxRecordBytes,
      Map<String, Object> overrides) {
    AvroSerdes bounded = serdes.withMaxRecordBytes(maxRecordBytes);
    this.replicationFactor = (short) settings.replicationFactor();
    this.admin = Admin.create(KafkaClientSecurity.applyTo(
        Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers())));
    this.eviction = new FailedThreadEviction(admin);
    for (TopologyDefinition definition : definitions) {
      Topology topology = definition.build(bounded, changes);
      descriptions.put(definition.context(), topology.describe());
      Properties properties = settings.forContext(definition.context(), deadLetterTopic);
      properties.putAll(overrides);
      KafkaStreams streams = new KafkaStreams(topology, properties);
      String groupId = StreamsSettings.applicationId(definition.context());
      String instanceId = properties.getProperty(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
      // A failed thread is replaced: the failed task's records are reprocessed from the last commit (EOS).
      // Its static member is removed once it is dead, so its partitions do not wait for the session timeout.
      streams.setUncaughtExceptionHandler(error -> {
        LOG.error("stream thread of {} failed; replacing it", definition.context(), error);
        eviction.evictWhenDead(groupId, instanceId, Thread.currentThread());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      });
      KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
      binder.bindTo(registry);
      metrics.add(binder);
      streamsByContext.put(definition.context(), streams);
    }
  }

  /** Starts every topology once its changelog topics exist (see {@link InternalTopics} for why). */
  public void start() {
    descriptions.forEach((context, description) ->
        InternalTopics.prepare(admin, StreamsSettings.applicationId(context), description, replicationFactor));
    streamsByContext.values().forEach(KafkaStreams::start);
  }

  @Override
  public Optional<KafkaStreams> streams(String context) {
    return Optional.ofNullable(streamsByContext.get(context));
  }

  @Override
  public Set<String> sourceTopics(String context, String store) {
    TopologyDescription description = descriptions.get(context);
    if (description == null) {
      return Set.of();
    }
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      boolean owns = subtopology.nodes().stream()
          .anyMatch(node -> node instanceof TopologyDescription.Processor p && p.stores().contains(store));
      if (owns) {
        Set<String> topics = new HashSet<>();
        subtopology.nodes().stream().filter(node -> node instanceof TopologyDescription.Source)
            .forEach(node -> topics.addAll(((TopologyDescription.Source) node).topicSet()));
        return topics;
      }
    }
    return Set.of();
  }

  /** Ready when every topology's streams run; the detail lists each one's state. */
  public HealthCheck healthCheck() {
    return new NamedHealthCheck("topologies", () -> {
      Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
      streamsByContext.forEach((context, streams) -> states.put(context, streams.state()));
      boolean running = states.values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING);
      String detail = states.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", "));
      return new HealthCheck.Status(running, detail);
    });
  }

  @Override
  public void close() {
    metrics.forEach(KafkaStreamsMetrics::close);
    // Leaving the group on a clean stop lets the next start (or another instance) take over at once.
    CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30));
    streamsByContext.values().forEach(streams -> streams.close(leave));
    eviction.close();
    admin.close(Duration.ofSeconds(5));
  }
}
