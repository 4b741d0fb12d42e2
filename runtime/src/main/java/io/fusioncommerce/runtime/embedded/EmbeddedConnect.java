package io.fusioncommerce.runtime.embedded;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
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
  public static final String LOOPBACK = "127.0.0.1";

  private final Connect<DistributedHerder> connect;
  private final URI restUrl;

  private EmbeddedConnect(Connect<DistributedHerder> connect, URI restUrl) {
    this.connect = connect;
    this.restUrl = restUrl;
  }

  /** A worker whose REST API listens on loopback only (the embedded platform's). */
  public static EmbeddedConnect start(String bootstrapServers, int requestedRestPort, Map<String, String> workerOverrides) {
    return start(bootstrapServers, LOOPBACK, requestedRestPort, workerOverrides);
  }

  /**
   * @param restHost the interface the REST API binds to. The API has no authentication and can create
   *     connectors that read {@code ${env:...}} secrets and send them anywhere, so it is loopback unless
   *     an operator deliberately binds it to a private interface (several workers forwarding to their leader)
   * @param workerOverrides extra worker settings (e.g. the config provider that fills {@code ${env:...}}
   *     placeholders of connector configurations); they cannot move the REST listener
   */
  public static EmbeddedConnect start(String bootstrapServers, String restHost, int requestedRestPort,
      Map<String, String> workerOverrides) {
    int restPort = Ports.orFree(requestedRestPort);
    Connect<DistributedHerder> connect =
        new ConnectDistributed().startConnect(workerConfig(bootstrapServers, restHost, restPort, workerOverrides));
    URI restUrl = connect.rest().advertisedUrl();
    LOG.atInfo().addKeyValue("rest", restUrl).log("kafka connect worker started");
    return new EmbeddedConnect(connect, restUrl);
  }

  /** The worker's settings; the REST listener is set last, so no override can widen it. */
  static Map<String, String> workerConfig(String bootstrapServers, String restHost, int restPort,
      Map<String, String> workerOverrides) {
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
    config.put("rest.advertised.host.name", restHost);
    config.put("offset.flush.interval.ms", "1000");
    config.put("scheduled.rebalance.max.delay.ms", "0");
    config.put("plugin.discovery", "service_load");
    config.put("topic.creation.enable", "true");
    // the worker's own clients and those it makes for the connectors' tasks
    KafkaClientSecurity.current().properties().forEach((name, value) -> {
      for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
        config.put(prefix + name, value);
      }
    });
    config.putAll(workerOverrides);
    config.remove("rest.host.name");
    config.remove("rest.port");
    config.remove("admin.listeners"); // the admin endpoints then share the (loopback) listener
    config.put("listeners", "http://" + restHost + ":" + restPort);
    config.put("rest.advertised.listener", "http");
    config.put("rest.advertised.port", Integer.toString(restPort));
    return config;
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
