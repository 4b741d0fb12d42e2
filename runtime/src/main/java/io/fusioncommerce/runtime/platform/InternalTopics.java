package io.fusioncommerce.runtime.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Creates a topology's changelog topics before its Kafka Streams application starts, and waits until
 * every partition has a leader.
 *
 * <p>Why: left to itself, Kafka Streams creates the changelogs during its first rebalance and at once
 * lists their offsets; the broker has not yet propagated the new topics' metadata, and the admin
 * client logs {@code ERROR ... Received unknown topic error} for each try. Every clean start logged
 * such ERROR lines, which teaches operators to ignore ERROR. Created here first (with the settings
 * Kafka Streams gives them: compacted, create-time timestamps, as many partitions as the
 * sub-topology's input topics), Kafka Streams finds them ready and validates them instead.
 *
 * <p>Only the stores of sub-topologies are covered: global stores here are read from their source
 * topic and have no changelog; the topologies use the Processor API with explicit topics, so there
 * are no repartition topics.
 */
final class InternalTopics {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private InternalTopics() {}

  /** The changelog topics of {@code description}'s stores, with their partition count. */
  static Map<String, Integer> changelogs(String applicationId, TopologyDescription description,
      Map<String, Integer> partitionsByTopic) {
    Map<String, Integer> changelogs = new HashMap<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      Set<String> stores = new HashSet<>();
      int partitions = 0;
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        } else if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          for (String topic : source.topicSet()) {
            partitions = Math.max(partitions, partitionsByTopic.getOrDefault(topic, 0));
          }
        }
      }
      if (partitions == 0) {
        continue; // inputs unknown (a pattern source or a missing topic): leave it to Kafka Streams
      }
      for (String store : stores) {
        changelogs.put(applicationId + "-" + store + "-changelog", partitions);
      }
    }
    return changelogs;
  }

  /** Source topics named in {@code description}, for looking up their partition counts. */
  static Set<String> sourceTopics(TopologyDescription description) {
    Set<String> topics = new HashSet<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          topics.addAll(source.topicSet());
        }
      }
    }
    return topics;
  }

  /** Creates whatever changelogs are missing and returns once all of them have a leader everywhere. */
  static void prepare(Admin admin, String applicationId, TopologyDescription description, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      Set<String> sources = new HashSet<>(sourceTopics(description));
      sources.retainAll(existing);
      Map<String, Integer> partitionsByTopic = new HashMap<>();
      admin.describeTopics(sources).allTopicNames().get()
          .forEach((name, topic) -> partitionsByTopic.put(name, topic.partitions().size()));
      Map<String, Integer> changelogs = changelogs(applicationId, description, partitionsByTopic);
      List<NewTopic> missing = new ArrayList<>();
      changelogs.forEach((name, partitions) -> {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, partitions, replicationFactor).configs(Map.of(
              TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
              TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime")));
        }
      });
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // another instance creating them at the same moment is fine
          }
        }
      }
      awaitLeaders(admin, changelogs.keySet());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot prepare the changelog topics of " + applicationId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the changelog topics of " + applicationId, e);
    }
  }

  private static void awaitLeaders(Admin admin, Set<String> topics) throws InterruptedException {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        boolean led = described.values().stream().flatMap(d -> d.partitions().stream())
            .map(TopicPartitionInfo::leader).allMatch(leader -> leader != null && !leader.isEmpty());
        if (led) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
        // metadata not propagated yet: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("changelog topics " + topics + " have no leader after " + READY_TIMEOUT);
      }
      Thread.sleep(50);
    }
  }
}
