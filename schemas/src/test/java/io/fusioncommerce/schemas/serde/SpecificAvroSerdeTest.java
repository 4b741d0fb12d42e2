package io.fusioncommerce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroSerdes serdes = new AvroSerdes(registry);

  private static SkuKey key() {
    return SkuKey.newBuilder().setTenantId("acme").setSku("SKU-1").build();
  }

  private static InventoryCommand command() {
    return InventoryCommand.newBuilder()
        .setCommandId("c-1")
        .setTenantId("acme")
        .setIssuedAt(Instant.parse("2026-11-24T10:15:30.123Z"))
        .setCorrelationId("corr-1")
        .setIssuedBy(Actor.newBuilder().setSubject("u1").setRoles(List.of("admin")).build())
        .setCommand(
            SetStockLevel.newBuilder().setSku("SKU-1").setWarehouse("main").setAvailable(100).setLowStockThreshold(5L).build())
        .build();
  }

  @Test
  void writesMagicByteThenBigEndianSchemaIdThenAvroBinary() throws Exception {
    // occupy ids 1..257 so the id under test needs more than one byte
    for (int i = 0; i < 257; i++) {
      registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().requiredInt("f").endRecord());
    }
    byte[] bytes = serdes.key(SkuKey.class).serializer().serialize("inventory.commands", key());

    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0, 0, 1, 2); // id 258
    assertThat(registry.schemaById(258)).isEqualTo(SkuKey.getClassSchema());

    ByteArrayOutputStream avro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
    new SpecificDatumWriter<SkuKey>(SkuKey.getClassSchema()).write(key(), encoder);
    encoder.flush();
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avro.toByteArray());
  }

  @Test
  void aSerdeWithARecordSizeLimitRefusesALargerRecordAndWritesASmallerOne() {
    AvroSerdes bounded = serdes.withMaxRecordBytes(64);
    var serializer = bounded.key(SkuKey.class).serializer();

    assertThat(serializer.serialize("inventory.commands", key())).hasSizeLessThanOrEqualTo(64);
    assertThatThrownBy(() -> serializer.serialize("inventory.commands", new SkuKey("acme", "x".repeat(100))))
        .isInstanceOf(RecordTooLargeToWriteException.class)
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("limit of 64 bytes");
  }

  @Test
  void registersUnderTopicKeyAndValueSubjects() {
    serdes.key(SkuKey.class).serializer().serialize("inventory.commands", key());
    serdes.value(InventoryCommand.class).serializer().serialize("inventory.commands", command());

    assertThat(registry.latest("inventory.commands-key")).get().extracting(r -> r.schema()).isEqualTo(SkuKey.getClassSchema());
    assertThat(registry.latest("inventory.commands-value")).get().extracting(r -> r.schema())
        .isEqualTo(InventoryCommand.getClassSchema());
  }

  @Test
  void sameSchemaUnderTwoSubjectsGivesIdenticalBytes() {
    // Co-partitioning relies on this: the same key must serialize identically on every topic.
    var serializer = serdes.key(SkuKey.class).serializer();
    assertThat(serializer.serialize("inventory.commands", key()))
        .isEqualTo(serializer.serialize("inventory.stock-changed", key()));
  }

  @Test
  void roundTripsRecordsWithLogicalTypesAndUnions() {
    var serde = serdes.value(InventoryCommand.class);
    byte[] bytes = serde.serializer().serialize("inventory.commands", command());
    InventoryCommand read = serde.deserializer().deserialize("inventory.commands", bytes);

    assertThat(read).isEqualTo(command());
    assertThat(read.getIssuedAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
    assertThat(read.getCommand()).isInstanceOf(SetStockLevel.class);
  }

  @Test
  void readsDataWrittenWithAnOlderSchemaFillingDefaults() throws Exception {
    // SetStockLevel as first published, before lowStockThreshold existed.
    Schema v1 =
        SchemaBuilder.record("SetStockLevel").namespace("io.fusioncommerce.schemas.inventory").fields()
            .requiredString("sku").requiredString("warehouse").requiredLong("available").endRecord();
    int id = registry.register("stock-value", v1);
    GenericRecord old = new GenericData.Record(v1);
    old.put("sku", "SKU-9");
    old.put("warehouse", "east");
    old.put("available", 7L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    SetStockLevel read = serdes.value(SetStockLevel.class).deserializer().deserialize("stock", out.toByteArray());

    assertThat(read.getSku()).isEqualTo("SKU-9");
    assertThat(read.getAvailable()).isEqualTo(7L);
    assertThat(read.getLowStockThreshold()).isNull();
  }

  @Test
  void nullStaysNull() {
    var serde = serdes.value(InventoryCommand.class);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void refusesBytesThatAreNotWireFormat() {
    var deserializer = serdes.value(InventoryCommand.class).deserializer();
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte header");
    assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
  }

  @Test
  void refusesUnknownSchemaIds() {
    var deserializer = serdes.value(InventoryCommand.class).deserializer();
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0x7f, 0x7f, 2}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot fetch writer schema");
  }

  @Test
  void refusesTruncatedAndTrailingPayloads() {
    var serde = serdes.value(InventoryCommand.class);
    byte[] bytes = serde.serializer().serialize("inventory.commands", command());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 2);
    assertThatThrownBy(() -> serde.deserializer().deserialize("inventory.commands", truncated))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("inventory.commands", trailing))
        .isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
  }

  @Test
  void withoutAutoRegistrationOnlyTheSubjectsLatestSchemaIsWritten() {
    var serializer = new SpecificAvroSerializer<SkuKey>(registry, true);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), true);
    assertThatThrownBy(() -> serializer.serialize("unregistered", key()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("auto-registration is off");

    registry.register("registered-key", SkuKey.getClassSchema());
    assertThat(serializer.serialize("registered", key())).startsWith(0);
  }

  @Test
  void configuredFromPropertiesLikeConfluentsSerde() {
    var deserializer = new SpecificAvroDeserializer<SkuKey>();
    deserializer.configure(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1", AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, SkuKey.class.getName()),
        true);
    // No request is made until bytes arrive; a null passes straight through.
    assertThat(deserializer.deserialize("t", null)).isNull();
  }
}
