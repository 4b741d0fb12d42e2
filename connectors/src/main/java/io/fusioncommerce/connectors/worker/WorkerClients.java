package io.fusioncommerce.connectors.worker;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings every integration worker runs with: it reads requests of committed
 * transactions only and commits its offsets itself, together with its answers in one transaction.
 */
public final class WorkerClients {

  private WorkerClients() {}

  /** The request consumer of worker group {@code groupId}, plus {@code extra} settings of its own. */
  public static Map<String, Object> consumer(String bootstrapServers, String groupId, Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // only requests of committed transactions: an aborted one never asked for anything
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50));
    settings.putAll(extra);
    return Map.copyOf(KafkaClientSecurity.applyTo(settings));
  }

  /**
   * The answer producer: transactional, its transactional.id derived from the instance's stable id, so a
   * restarted instance fences its predecessor's open transaction.
   */
  public static Map<String, Object> transactionalProducer(String bootstrapServers, String groupId, String instanceId) {
    return Map.copyOf(KafkaClientSecurity.applyTo(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, groupId,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-" + instanceId,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0)));
  }
}
