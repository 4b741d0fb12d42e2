package io.fusioncommerce.e2e.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded platform exactly as `./fusion start` runs it: real broker, Postgres, schema registry,
 * Connect worker, topologies and HTTP ingress, driven over HTTP like a client.
 */
@PlatformTest
@OwnPlatform // restarted, and its dead-letter topic gets a poison record
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPlatformIT {

  private final RunningPlatform running;
  private final TestTenant acme;
  private EmbeddedPlatform platform;
  private ApiClient api;
  private final String admin;
  private final String customer;

  EmbeddedPlatformIT(RunningPlatform running, TestTenant acme) {
    this.running = running;
    this.acme = acme;
    platform = running.platform();
    api = acme.api();
    admin = acme.admin();
    customer = acme.customer("shopper-1");
  }

  @Test
  @Order(1)
  void readinessReportsEveryPartUp() {
    ApiClient.Response ready = api.get("/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("checks").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("kafka", "postgres", "schemaRegistry", "objectStore", "connect", "topologies");
    assertThat(ready.json().path("checks").path("objectStore").path("status").asText()).isEqualTo("UP");
  }

  @Test
  @Order(2)
  void theObjectStoreKeepsObjectsInTheDataDir() throws Exception {
    byte[] bytes = "an image, say".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    platform.objectStore().put(acme.id() + "/products/SKU-1/kept.png", new java.io.ByteArrayInputStream(bytes), bytes.length,
        "image/png");
    assertThat(platform.objectStoreEndpoint().getHost()).isEqualTo("127.0.0.1");
    try (var stream = java.nio.file.Files.walk(running.dataDir().resolve("objects"))) {
      assertThat(stream.filter(java.nio.file.Files::isRegularFile).map(p -> p.getFileName().toString()))
          .contains("kept.png");
    }
  }

  @Test
  @Order(3)
  void stockSetOverHttpTravelsThroughKafkaAndIsReadFromTheStore() {
    ApiClient.Response accepted = api.put("/v1/inventory/SKU-1", admin,
        "{\"available\":100,\"warehouse\":\"main\",\"lowStockThreshold\":5}");
    assertThat(accepted.status()).isEqualTo(202);

    ApiClient.Response stock = api.get("/v1/inventory/SKU-1?waitMs=10000&version=0", customer);
    assertThat(stock.status()).isEqualTo(200);
    assertThat(stock.json().path("available").asLong()).isEqualTo(100);
    assertThat(stock.json().path("warehouses").path("main").path("available").asLong()).isEqualTo(100);
    assertThat(stock.json().path("version").asLong()).isEqualTo(1);

    api.put("/v1/inventory/SKU-1", admin, "{\"available\":30,\"warehouse\":\"east\"}");
    JsonNode both = api.get("/v1/inventory/SKU-1?waitMs=10000&version=1", customer).json();
    assertThat(both.path("available").asLong()).isEqualTo(130);
    assertThat(both.path("lowStockThreshold").asLong()).isEqualTo(5);
  }

  @Test
  @Order(4)
  void anotherTenantNeverSeesTheStock() {
    String otherTenant = acme.otherTenantToken("admin-9", "admin");
    assertThat(api.get("/v1/inventory/SKU-1", otherTenant).status()).isEqualTo(404);
    // and writing the same SKU in its own tenant leaves acme's stock alone
    api.put("/v1/inventory/SKU-1", otherTenant, "{\"available\":1}");
    assertThat(api.get("/v1/inventory/SKU-1?waitMs=10000&version=0", otherTenant).json().path("available").asLong())
        .isEqualTo(1);
    assertThat(api.get("/v1/inventory/SKU-1", customer).json().path("available").asLong()).isEqualTo(130);
  }

  @Test
  @Order(5)
  void requestsWithoutAValidTokenAreRefused() {
    assertThat(api.get("/v1/inventory/SKU-1", null).status()).isEqualTo(401);
    String[] parts = admin.split("\\.");
    String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    assertThat(api.get("/v1/inventory/SKU-1", badSignature).status()).isEqualTo(401);
    String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
        + "." + parts[1] + ".";
    assertThat(api.get("/v1/inventory/SKU-1", unsigned).status()).isEqualTo(401);
    assertThat(api.put("/v1/inventory/SKU-1", customer, "{\"available\":0}").status()).isEqualTo(403);
  }

  @Test
  @Order(6)
  void aPoisonRecordIsDeadLetteredAndTheTopologyKeepsRunning() throws Exception {
    try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        platform.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.INVENTORY_COMMANDS.name(), "junk".getBytes(), "not avro".getBytes())).get();
    }
    List<ConsumerRecord<byte[], byte[]>> dead = acme.topics().awaitRecords(Topics.DEAD_LETTER, 1, Duration.ofSeconds(30));
    assertThat(new String(dead.get(0).value())).isEqualTo("not avro");
    assertThat(dead.get(0).headers().lastHeader("__streams.errors.topic")).isNotNull();

    api.put("/v1/inventory/SKU-2", admin, "{\"available\":7}");
    assertThat(api.get("/v1/inventory/SKU-2?waitMs=10000&version=0", customer).json().path("available").asLong()).isEqualTo(7);
  }

  @Test
  @Order(7)
  void contractsAreRegisteredInTheRegistryUnderTheirTopicSubjects() {
    var registry = new HttpSchemaRegistryClient(platform.schemaRegistryUrl());
    assertThat(registry.globalCompatibility()).isEqualTo("BACKWARD");
    assertThat(registry.latest("inventory.commands-value")).get()
        .extracting(r -> r.schema()).isEqualTo(InventoryCommand.getClassSchema());
    assertThat(registry.latest("inventory.commands-key")).get()
        .extracting(r -> r.schema()).isEqualTo(SkuKey.getClassSchema());
  }

  @Test
  @Order(8)
  void metricsCoverHttpJvmAndKafkaStreams() {
    String metrics = api.get("/metrics", null).text();
    assertThat(metrics).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes",
        "kafka_stream_thread_process_total");
  }

  @Test
  @Order(9)
  void afterARestartOnTheSameDataDirEverythingIsStillThere() throws Exception {
    platform = running.restart();
    api = acme.api();

    // tokens issued before the restart still verify: the issuer key lives in the data dir
    assertThat(api.get("/v1/inventory/SKU-1", customer).json().path("available").asLong()).isEqualTo(130);

    // objects stored before the restart are still there
    try (var object = platform.objectStore().get(acme.id() + "/products/SKU-1/kept.png").orElseThrow()) {
      assertThat(new String(object.content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("an image, say");
      assertThat(object.contentType()).isEqualTo("image/png");
    }

    // schema ids written into the topic before the restart still resolve in the registry
    var serdes = new AvroSerdes(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
    var deserializer = serdes.value(InventoryCommand.class).deserializer();
    List<InventoryCommand> commands = new ArrayList<>();
    for (var record : acme.topics().awaitRecords(Topics.INVENTORY_COMMANDS.name(), 4, Duration.ofSeconds(30))) {
      if (record.value()[0] == 0) {
        commands.add(deserializer.deserialize(Topics.INVENTORY_COMMANDS.name(), record.value()));
      }
    }
    assertThat(commands).extracting(InventoryCommand::getTenantId).contains(acme.id(), acme.otherTenant());
  }
}
