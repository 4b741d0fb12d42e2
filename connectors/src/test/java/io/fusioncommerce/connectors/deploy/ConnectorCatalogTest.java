package io.fusioncommerce.connectors.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled connector configurations agree with the topic contracts and run unchanged on any cluster. */
class ConnectorCatalogTest {

  private static ConnectorConfig catalogSource() {
    return ConnectorCatalog.bundled().stream().filter(c -> c.name().equals("catalog-source")).findFirst().orElseThrow();
  }

  @Test
  void theCatalogSourceIsBundled() {
    assertThat(ConnectorCatalog.bundled()).extracting(ConnectorConfig::name).contains("catalog-source");
  }

  @Test
  void itWritesTheRawTopicsTheCatalogTopologyReads() {
    Map<String, String> config = catalogSource().config();
    assertThat(config.get("topic.prefix")).isEqualTo(Topics.CDC_TOPIC_PREFIX);
    List<String> topics = Arrays.stream(config.get("table.include.list").split(","))
        .map(table -> config.get("topic.prefix") + "." + table.trim()).toList();
    assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.CDC_TOPICS);
  }

  @Test
  void itTakesConnectionSettingsFromTheEnvironmentAndWritesSchemalessJson() {
    Map<String, String> config = catalogSource().config();
    assertThat(config).containsEntry("database.hostname", "${env:FUSION_DB_HOST}")
        .containsEntry("database.port", "${env:FUSION_DB_PORT}")
        .containsEntry("database.dbname", "${env:FUSION_DB_NAME}")
        .containsEntry("database.user", "${env:FUSION_DB_CDC_USER}")
        .containsEntry("database.password", "${env:FUSION_DB_CDC_PASSWORD}")
        .containsEntry("plugin.name", "pgoutput")
        .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry("key.converter.schemas.enable", "false")
        .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry("value.converter.schemas.enable", "false");
    // the publication comes from the V3 migration; the connector's user need not own the tables
    assertThat(config).containsEntry("publication.autocreate.mode", "disabled")
        .containsEntry("publication.name", "fusion_catalog");
  }

  @Test
  void itIsTunedForLatency() {
    Map<String, String> config = catalogSource().config();
    // Debezium's queue hands a batch to Connect only when full or when the poll interval ends (default 500 ms)
    assertThat(Long.parseLong(config.get("poll.interval.ms"))).isLessThanOrEqualTo(20);
    assertThat(config).containsEntry("producer.override.linger.ms", "0");
  }

  @Test
  void itKeepsTheReplicationSlotMovingWhenOnlyOtherTablesChange() {
    Map<String, String> config = catalogSource().config();
    assertThat(config.get("heartbeat.action.query")).contains("pg_logical_emit_message(false, 'fusion-heartbeat'");
    assertThat(config).containsEntry("message.prefix.exclude.list", "fusion-heartbeat");
  }

  /** The sinks and the CDC source log in as their own unprivileged roles (V10), never as the tables' owner. */
  @Test
  void everyConnectorLogsInAsItsOwnLeastPrivilegedRole() {
    for (ConnectorConfig connector : ConnectorCatalog.bundled()) {
      Map<String, String> config = connector.config();
      String user = config.getOrDefault("connection.username", config.get("database.user"));
      assertThat(user).as(connector.name())
          .isEqualTo(connector.name().endsWith("-sink") ? "${env:FUSION_DB_SINK_USER}" : "${env:FUSION_DB_CDC_USER}");
    }
  }
}
