package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.connectors.deploy.ConnectorConfig;
import io.fusioncommerce.connectors.deploy.ConnectorDeployer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Connect worker runs Debezium's Postgres connector against the embedded Postgres
 * (logical decoding with pgoutput), with its settings filled from ${env:...} placeholders, exactly
 * as the bundled connector configurations will be.
 */
class EmbeddedConnectIT {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static EmbeddedKafka kafka;
  static EmbeddedConnect connect;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0, List.of("shop"));
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 1);
    connect = EmbeddedConnect.start(kafka.bootstrapServers(), 0, Map.of(
        "config.providers", "env",
        "config.providers.env.class", SettingsConfigProvider.class.getName(),
        "config.providers.env.param.IT_DB_PORT", Integer.toString(postgres.port())));
  }

  @AfterAll
  static void stop() {
    connect.close();
    kafka.close();
    postgres.close();
  }

  /**
   * The REST API (unauthenticated, able to create connectors that read secrets) answers on loopback
   * and on no other interface of this machine.
   */
  @Test
  void theRestApiIsReachableOnlyOnLoopback() throws Exception {
    assertThat(connect.restUrl().getHost()).isEqualTo("127.0.0.1");
    int port = connect.restUrl().getPort();
    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
    }
    List<java.net.InetAddress> others = java.net.NetworkInterface.networkInterfaces()
        .filter(nic -> { try { return nic.isUp() && !nic.isLoopback(); } catch (java.net.SocketException e) { return false; } })
        .flatMap(java.net.NetworkInterface::inetAddresses).filter(a -> a instanceof java.net.Inet4Address).toList();
    for (java.net.InetAddress address : others) {
      try (var socket = new java.net.Socket()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(address, port), 2_000))
            .as("REST API reachable on " + address).isInstanceOf(java.io.IOException.class);
      }
    }
  }

  @Test
  void debeziumStreamsRowChangesFromPostgres() throws Exception {
    try (Connection db = postgres.connect("shop"); var sql = db.createStatement()) {
      sql.execute("create table widgets (id text primary key, name text not null)");
      sql.execute("insert into widgets values ('w1', 'first')");
    }
    ConnectorDeployer deployer = new ConnectorDeployer(connect.restUrl());
    deployer.deploy(List.of(new ConnectorConfig("it-widgets", Map.ofEntries(
        Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
        Map.entry("plugin.name", "pgoutput"),
        Map.entry("database.hostname", "127.0.0.1"),
        Map.entry("database.port", "${env:IT_DB_PORT}"),
        Map.entry("database.user", EmbeddedPostgres.USER),
        Map.entry("database.password", ""),
        Map.entry("database.dbname", "shop"),
        Map.entry("topic.prefix", "it"),
        Map.entry("table.include.list", "public.widgets"),
        Map.entry("slot.name", "it_widgets"),
        Map.entry("publication.name", "it_widgets"),
        Map.entry("publication.autocreate.mode", "filtered"),
        Map.entry("topic.creation.default.replication.factor", "1"),
        Map.entry("topic.creation.default.partitions", "1"),
        Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
        Map.entry("value.converter.schemas.enable", "false"),
        Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"),
        Map.entry("key.converter.schemas.enable", "false")))));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> "RUNNING".equals(deployer.states(List.of("it-widgets")).get("it-widgets")));

    try (Connection db = postgres.connect("shop"); var sql = db.createStatement()) {
      sql.execute("update widgets set name = 'renamed' where id = 'w1'");
    }

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> changes = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("it.public.widgets"));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          changes.add(json.readTree(record.value()));
        }
        return changes.stream().anyMatch(c -> "u".equals(c.path("op").asText()));
      });
    }
    assertThat(changes.get(0).path("op").asText()).isEqualTo("r"); // the initial snapshot
    JsonNode update = changes.stream().filter(c -> "u".equals(c.path("op").asText())).findFirst().orElseThrow();
    assertThat(update.path("after").path("name").asText()).isEqualTo("renamed");
  }
}
