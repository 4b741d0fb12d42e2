package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.analytics.feed.AnalyticsTopics;
import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the platform's topics (the broker does not auto-create). Events are the system of record
 * and are kept forever; commands for a week; the dead-letter topic for a month. The raw change topics
 * of the catalog source connector are created here too, compacted (the latest change of every row
 * stays, so the catalog can be rebuilt from them), because the catalog topology subscribes to them
 * before Connect has written anything; Connect would create them only on its first record.
 *
 * <p>The analytics fact topics are kept forever like the events they are made of: Druid, switched on
 * later, reads them from the beginning, so its history starts with the platform's.
 */
public final class TopicProvisioner {

  private static final String FOREVER = "-1";
  private static final String ONE_WEEK_MS = Long.toString(7L * 24 * 3600 * 1000);
  private static final String THIRTY_DAYS_MS = Long.toString(30L * 24 * 3600 * 1000);

  private TopicProvisioner() {}

  public static void ensureTopics(Admin admin, int partitions, short replicationFactor) {
    List<NewTopic> wanted = new ArrayList<>();
    for (TopicContract<?, ?> topic : Topics.ALL) {
      wanted.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(configFor(topic)));
    }
    for (String cdc : Topics.CDC_TOPICS) {
      wanted.add(new NewTopic(cdc, partitions, replicationFactor)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }
    for (String facts : AnalyticsTopics.ALL) {
      wanted.add(new NewTopic(facts, partitions, replicationFactor)
          .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, FOREVER)));
    }
    wanted.add(new NewTopic(Topics.DEAD_LETTER, 1, replicationFactor)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)));
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the platform topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private static Map<String, String> configFor(TopicContract<?, ?> topic) {
    return switch (topic.kind()) {
      case COMMAND -> Map.of(TopicConfig.RETENTION_MS_CONFIG, ONE_WEEK_MS);
      case EVENT -> Map.of(TopicConfig.RETENTION_MS_CONFIG, FOREVER);
      case TABLE -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    };
  }
}
