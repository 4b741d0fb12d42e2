package io.fusioncommerce.e2e.distributed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One node (broker and controller) of a three-node KRaft quorum on loopback, as its own process, so the
 * distributed test can kill -9 it. Formats its log dir on first start (the same cluster id on every node),
 * then keeps its data across restarts, like {@code EmbeddedKafka} does for the single-node broker.
 *
 * <p>Arguments: {@code nodeId clusterId logDir brokerPorts controllerPorts}, the ports comma-separated in
 * node order (node 1 first).
 */
public final class KafkaNode {

  private KafkaNode() {}

  public static void main(String[] args) throws Exception {
    int nodeId = Integer.parseInt(args[0]);
    String clusterId = args[1];
    Path logDir = Path.of(args[2]).toAbsolutePath();
    String[] brokerPorts = args[3].split(",");
    String[] controllerPorts = args[4].split(",");
    StringBuilder voters = new StringBuilder();
    for (int i = 0; i < controllerPorts.length; i++) {
      voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
    }
    String port = brokerPorts[nodeId - 1];
    String controllerPort = controllerPorts[nodeId - 1];
    Map<String, String> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(nodeId));
    config.put("controller.quorum.voters", voters.toString());
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", logDir.toString());
    config.put("auto.create.topics.enable", "false");
    // what the issue asks of the distributed stack: three copies, two in sync before a write is acknowledged
    config.put("default.replication.factor", "3");
    config.put("min.insync.replicas", "2");
    config.put("offsets.topic.replication.factor", "3");
    config.put("offsets.topic.num.partitions", "6");
    config.put("transaction.state.log.replication.factor", "3");
    config.put("transaction.state.log.min.isr", "2");
    config.put("transaction.state.log.num.partitions", "6");
    config.put("share.coordinator.state.topic.replication.factor", "3");
    config.put("share.coordinator.state.topic.min.isr", "2");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("group.streams.initial.rebalance.delay.ms", "0");
    config.put("num.io.threads", "2");
    config.put("num.network.threads", "1");
    config.put("background.threads", "2");
    config.put("num.replica.fetchers", "1");
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    Files.createDirectories(logDir);
    KafkaConfig kafkaConfig = new KafkaConfig(config, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      new Formatter()
          .setPrintStream(System.out)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setControllerListenerName("CONTROLLER")
          // as EmbeddedKafka: transactions protocol v1 (docs/adr/0003-kafka-4-2.md)
          .setFeatureLevel("transaction.version", (short) 1)
          .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
          .addDirectory(logDir.toString())
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      server.awaitShutdown();
    }));
    server.startup();
    System.out.println("kafka node " + nodeId + " started on 127.0.0.1:" + port);
    server.awaitShutdown();
  }
}
