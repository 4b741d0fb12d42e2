package io.fusioncommerce.runtime.embedded;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode, in this JVM: its configurations, offsets and statuses
 * live in Kafka topics, so connectors resume where they stopped after a restart. Connectors are on
 * the classpath (Debezium); their configurations are submitted through the worker's REST API exactly
 * as to a Connect cluster.
 */
public final class EmbeddedConnect implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);
  public static final String GROUP_ID = "fusion-connect";

  private final Connect<DistributedHerder> connect;
  private final URI restUrl;

  private EmbeddedConnect(Connect<DistributedHerder> connect, URI restUrl) {
    this.connect = connect;
    this.restUrl = restUrl;
  }

  /**
   * @param workerOverrides extra worker settings (e.g. the config provider that fills {@code ${env:...}}
   *     placeholders of connector configurations)
   */
  public static EmbeddedConnect start(String bootstrapServers, int requestedRestPort, Map<String, String> workerOverrides) {
    int restPort = Ports.orFree(requestedRestPort);
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("group.id", GROUP_ID);
    config.put("config.storage.topic", "fusion-connect-configs");
    config.put("offset.storage.topic", "fusion-connect-offsets");
    config.put("status.storage.topic", "fusion-connect-status");
    config.put("config.storage.replication.factor", "1");
    config.put("offset.storage.replication.factor", "1");
    config.put("status.storage.replication.factor", "1");
    config.put("offset.storage.partitions", "5");
    config.put("status.storage.partitions", "1");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("listeners", "http://127.0.0.1:" + restPort);
    config.put("rest.advertised.host.name", "127.0.0.1");
    config.put("rest.advertised.port", Integer.toString(restPort));
    config.put("offset.flush.interval.ms", "1000");
    config.put("scheduled.rebalance.max.delay.ms", "0");
    config.put("plugin.discovery", "service_load");
    config.put("topic.creation.enable", "true");
    config.putAll(workerOverrides);
    Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(config);
    URI restUrl = connect.rest().advertisedUrl();
    LOG.atInfo().addKeyValue("rest", restUrl).log("kafka connect worker started");
    return new EmbeddedConnect(connect, restUrl);
  }

  /** The worker's REST API, e.g. http://127.0.0.1:8083/ */
  public URI restUrl() {
    return restUrl;
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
