package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Kafka Streams configuration every topology runs with: exactly-once v2, state under the data
 * dir, this instance's query endpoint advertised for interactive-query routing, and poison records
 * parked on the dead-letter topic while processing continues.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param stateDir where the RocksDB stores live (survives restarts)
 * @param applicationServer host:port other instances use to reach this one's interactive queries
 * @param threads stream threads per topology
 * @param commitIntervalMs how often transactions commit; the floor of end-to-end latency per hop
 * @param replicationFactor of internal topics (changelogs, repartitions)
 * @param instanceId stable identity of this instance (kept in its data dir): with static group
 *     membership a restarted instance takes its partitions back at once instead of waiting for the
 *     broker to time its previous incarnation out
 */
public record StreamsSettings(
    String bootstrapServers,
    Path stateDir,
    String applicationServer,
    int threads,
    long commitIntervalMs,
    int replicationFactor,
    String instanceId) {

  public static final String APPLICATION_ID_PREFIX = "fusion-";

  public static String applicationId(String context) {
    return APPLICATION_ID_PREFIX + context;
  }

  public Properties forContext(String context, String deadLetterTopic) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(context));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.applyTo(props);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    // A processor's own error parks the record; a failed write reaching the processor fails the thread (see class).
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingExceptionHandler.class);
    // A record that cannot be written for good goes to the dead-letter topic instead of failing the thread forever.
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionExceptionHandler.class);
    // Low latency per hop: don't hold records back waiting for batches.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0);
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    if (instanceId != null) {
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId + "-" + context);
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
    }
    return props;
  }
}
