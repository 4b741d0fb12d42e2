package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.runtime.launcher.RegistryLocator;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serde and the registry client against the real registry the platform runs (Apicurio, ccompat API). */
class SchemaRegistryIT {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static EmbeddedSchemaRegistry registry;
  static HttpSchemaRegistryClient client;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0, List.of("registry"));
    registry = EmbeddedSchemaRegistry.start(RegistryLocator.locate(), postgres.jdbcUrl("registry"),
        EmbeddedPostgres.USER, 0, dir.resolve("registry.log"));
    registry.awaitReady(Duration.ofSeconds(90));
    client = new HttpSchemaRegistryClient(registry.url());
  }

  @AfterAll
  static void stop() {
    registry.close();
    postgres.close();
  }

  private static Schema record(String name, String... extraLongFieldsWithDefault) {
    var fields = SchemaBuilder.record(name).namespace("it").fields().requiredString("a");
    for (String field : extraLongFieldsWithDefault) {
      fields = fields.name(field).type().longType().longDefault(0);
    }
    return fields.endRecord();
  }

  @Test
  void theRegistryEnforcesBackwardCompatibility() {
    assertThat(client.globalCompatibility()).isEqualTo("BACKWARD");
    int v1 = client.register("evolving-value", record("Evolving"));
    int v2 = client.register("evolving-value", record("Evolving", "b"));
    assertThat(v2).isNotEqualTo(v1);

    Schema breaking = SchemaBuilder.record("Evolving").namespace("it").fields()
        .requiredString("a").requiredLong("b").requiredLong("c").endRecord();
    assertThat(client.isCompatible("evolving-value", breaking)).isFalse();
    assertThatThrownBy(() -> client.register("evolving-value", breaking))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
  }

  @Test
  void oneSchemaHasOneIdAcrossSubjectsAndRegistersIdempotently() {
    Schema schema = record("Shared");
    int first = client.register("one-value", schema);
    assertThat(client.register("one-value", schema)).isEqualTo(first);
    assertThat(client.register("two-key", schema)).isEqualTo(first);
    assertThat(new HttpSchemaRegistryClient(registry.url()).schemaById(first)).isEqualTo(schema);
  }

  @Test
  void theSerdeRoundTripsThroughTheRealRegistry() {
    InventoryCommand command = InventoryCommand.newBuilder()
        .setCommandId("c-1").setTenantId("acme").setIssuedAt(Instant.parse("2026-11-24T10:00:00Z"))
        .setCorrelationId("corr").setIssuedBy(Actor.newBuilder().setSubject("u").build())
        .setCommand(SetStockLevel.newBuilder().setSku("SKU-1").setWarehouse("main").setAvailable(3).build())
        .build();
    byte[] bytes = new AvroSerdes(client).value(InventoryCommand.class).serializer()
        .serialize(Topics.INVENTORY_COMMANDS.name(), command);

    // a fresh client (empty caches) resolves the id from the registry
    var reader = new AvroSerdes(new HttpSchemaRegistryClient(registry.url())).value(InventoryCommand.class).deserializer();
    assertThat(reader.deserialize(Topics.INVENTORY_COMMANDS.name(), bytes)).isEqualTo(command);
  }

  @Test
  void everyContractRegistersUnderItsTopicSubjects() {
    for (var topic : Topics.ALL) {
      Schema key = org.apache.avro.specific.SpecificData.get().getSchema(topic.keyType());
      Schema value = org.apache.avro.specific.SpecificData.get().getSchema(topic.valueType());
      assertThat(client.register(topic.name() + "-key", key)).isPositive();
      assertThat(client.register(topic.name() + "-value", value)).isPositive();
    }
  }
}
