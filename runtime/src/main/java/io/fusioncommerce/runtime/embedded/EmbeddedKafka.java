package io.fusioncommerce.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), in this JVM, with its log
 * under the data dir. The storage is formatted once, on first start; later starts continue from it.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private String sslBootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * A second, SSL listener besides the PLAINTEXT one (which the broker itself and {@link #awaitReady} use):
   * the server's key store, PKCS12. For tests of clients over TLS.
   */
  public record SslListener(Path keyStore, String password) {}

  public static EmbeddedKafka start(Path logDir, int requestedPort, int defaultPartitions) {
    return start(logDir, requestedPort, defaultPartitions, java.util.Optional.empty());
  }

  public static EmbeddedKafka start(Path logDir, int requestedPort, int defaultPartitions,
      java.util.Optional<SslListener> ssl) {
    int port = Ports.orFree(requestedPort);
    int controllerPort = Ports.free();
    int sslPort = ssl.isPresent() ? Ports.free() : -1;
    Map<String, String> config = new java.util.HashMap<>(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", Integer.toString(NODE_ID)),
        // Static voters: the controller's address lives in configuration, not in the log, so the
        // (free) controller port may differ from one start to the next.
        Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
        Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
        Map.entry("num.partitions", Integer.toString(defaultPartitions)),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "10"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "10"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
        Map.entry("min.insync.replicas", "1"),
        // After a crash the log is recovered before the broker serves; use both cores for it.
        Map.entry("num.recovery.threads.per.data.dir", "4"),
        // One JVM shares a few cores among everything: a broker sized for a dedicated host (8 I/O and
        // 3 network threads) mostly wakes threads up and switches between them.
        Map.entry("num.io.threads", "2"),
        Map.entry("num.network.threads", "1"),
        Map.entry("background.threads", "2"),
        // The log cleaner's dedupe buffer lives on the heap (128 MB by default); compacted topics here are small.
        Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024)),
        Map.entry("default.replication.factor", "1")));
    ssl.ifPresent(listener -> {
      config.put("listeners", config.get("listeners") + ",SSL://127.0.0.1:" + sslPort);
      config.put("advertised.listeners", config.get("advertised.listeners") + ",SSL://127.0.0.1:" + sslPort);
      config.put("listener.security.protocol.map", config.get("listener.security.protocol.map") + ",SSL:SSL");
      config.put("ssl.keystore.location", listener.keyStore().toAbsolutePath().toString());
      config.put("ssl.keystore.password", listener.password());
      config.put("ssl.key.password", listener.password());
      config.put("ssl.keystore.type", "PKCS12");
    });
    try {
      Files.createDirectories(logDir);
      KafkaConfig kafkaConfig = new KafkaConfig(config, false);
      formatOnFirstStart(kafkaConfig, logDir);
      KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(server, "127.0.0.1:" + port);
      kafka.sslBootstrapServers = ssl.isPresent() ? "127.0.0.1:" + sslPort : null;
      kafka.awaitReady(Duration.ofSeconds(60));
      LOG.atInfo().addKeyValue("bootstrapServers", kafka.bootstrapServers).log("kafka broker started");
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker in " + logDir, e);
    }
  }

  private static void formatOnFirstStart(KafkaConfig config, Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(System.out)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          // Transactions protocol v1: under exactly-once with short commit intervals, v2 (KIP-890)
          // produced CONCURRENT_TRANSACTIONS retries and out-of-sequence errors on this broker
          // (see docs/adr/0003-kafka-4-2.md).
          .setFeatureLevel("transaction.version", (short) 1)
          .setMetadataLogDirectory(config.metadataLogDir())
          .addDirectory(logDir.toAbsolutePath().toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  private void awaitReady(Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Kafka broker did not come up within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /** The SSL listener's address, when started with one. */
  public java.util.Optional<String> sslBootstrapServers() {
    return java.util.Optional.ofNullable(sslBootstrapServers);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
