package io.fusioncommerce.connectors.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

  private static final String TOPIC = Topics.ORDERS_VIEW.name();
  private static final Instant CREATED = Instant.parse("2026-11-24T12:00:00.123Z");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroSerdes serdes = new AvroSerdes(registry);

  private AvroConverter converter(SchemaRegistryClient client, boolean isKey) {
    AvroConverter converter = new AvroConverter(client);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid"), isKey);
    return converter;
  }

  private AvroConverter valueConverter() {
    return converter(registry, false);
  }

  private static OrderView view() {
    return OrderView.newBuilder()
        .setTenantId("acme").setOrderId("o-1").setCustomerId("alice").setStatus("CONFIRMED")
        .setTotalAmount(6498).setCurrency("USD").setItemCount(2).setVendorIds("v-shoes,v-socks")
        .setOrganizationId(null).setPurchaseOrderNumber("PO-7").setRejectionReason(null)
        .setCreatedAt(CREATED).setUpdatedAt(CREATED.plusSeconds(1)).setVersion(3)
        .setVendors(List.of("v-shoes", "v-socks")).setVendorSubtotals(List.of(5999L, 499L))
        .setVendorItemCounts(List.of(1L, 1L))
        .build();
  }

  /** Writes a generic record the way any Confluent-format producer does. */
  private byte[] wire(org.apache.avro.Schema schema, Object datum, String subject) {
    return WireRecords.encode(registry.register(subject, schema), schema, datum);
  }

  // ------------------------------------------------------------------ the platform's own records

  @Test
  void anOrderViewBecomesAStructWithConnectTypesForEveryField() {
    byte[] bytes = serdes.value(OrderView.class).serializer().serialize(TOPIC, view());

    SchemaAndValue converted = valueConverter().toConnectData(TOPIC, bytes);

    Schema schema = converted.schema();
    assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(schema.name()).isEqualTo("io.fusioncommerce.schemas.orders.OrderView");
    assertThat(schema.doc()).startsWith("Value of the compacted table orders.view");
    assertThat(schema.field("tenantId").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("totalAmount").schema()).isEqualTo(Schema.INT64_SCHEMA);
    assertThat(schema.field("itemCount").schema()).isEqualTo(Schema.INT32_SCHEMA);
    assertThat(schema.field("organizationId").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(schema.field("createdAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(schema.field("createdAt").schema().isOptional()).isFalse();
    assertThat(schema.field("vendors").schema().type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(schema.field("vendors").schema().valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("vendors").schema().defaultValue()).isEqualTo(List.of());
    assertThat(schema.field("vendorSubtotals").schema().valueSchema()).isEqualTo(Schema.INT64_SCHEMA);

    Struct row = (Struct) converted.value();
    row.validate();
    assertThat(row.getString("orderId")).isEqualTo("o-1");
    assertThat(row.getInt64("totalAmount")).isEqualTo(6498L);
    assertThat(row.getInt32("itemCount")).isEqualTo(2);
    assertThat(row.getString("organizationId")).isNull();
    assertThat(row.getString("purchaseOrderNumber")).isEqualTo("PO-7");
    assertThat((Date) row.get("createdAt")).isEqualTo(Date.from(CREATED));
    assertThat((Date) row.get("updatedAt")).isEqualTo(Date.from(CREATED.plusSeconds(1)));
    assertThat(row.getArray("vendors")).containsExactly("v-shoes", "v-socks");
    assertThat(row.getArray("vendorSubtotals")).containsExactly(5999L, 499L);
    assertThat(row.getInt64("version")).isEqualTo(3L);
  }

  @Test
  void withSnakeCaseFieldNamesTheFieldsAreNamedAsTheReadModelsColumns() {
    AvroConverter converter = new AvroConverter(registry);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid", "field.name.style", "snake_case"), false);
    byte[] bytes = serdes.value(OrderView.class).serializer().serialize(TOPIC, view());

    SchemaAndValue converted = converter.toConnectData(TOPIC, bytes);

    assertThat(converted.schema().fields()).extracting(org.apache.kafka.connect.data.Field::name).containsExactly(
        "tenant_id", "order_id", "customer_id", "status", "total_amount", "currency", "item_count", "vendor_ids",
        "organization_id", "purchase_order_number", "rejection_reason", "created_at", "updated_at", "version",
        "vendors", "vendor_subtotals", "vendor_item_counts");
    Struct row = (Struct) converted.value();
    row.validate();
    assertThat(row.getString("order_id")).isEqualTo("o-1");
    assertThat(row.getString("purchase_order_number")).isEqualTo("PO-7");
    assertThat(row.getArray("vendor_subtotals")).containsExactly(5999L, 499L);
  }

  @Test
  void snakeCaseSplitsWordsNotAcronymsOrDigits() {
    assertThat(FieldNames.SNAKE_CASE.apply("orderId")).isEqualTo("order_id");
    assertThat(FieldNames.SNAKE_CASE.apply("groupPriceAmount")).isEqualTo("group_price_amount");
    assertThat(FieldNames.SNAKE_CASE.apply("labelURL")).isEqualTo("label_url");
    assertThat(FieldNames.SNAKE_CASE.apply("httpURLPath")).isEqualTo("http_url_path");
    assertThat(FieldNames.SNAKE_CASE.apply("line2")).isEqualTo("line2");
    assertThat(FieldNames.SNAKE_CASE.apply("already_snake")).isEqualTo("already_snake");
  }

  @Test
  void anUnknownFieldNameStyleIsAConfigurationError() {
    assertThatThrownBy(() -> new AvroConverter(registry).configure(
        Map.of("schema.registry.url", "http://unused.invalid", "field.name.style", "kebab"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("field.name.style");
  }

  @Test
  void aRecordWrittenWithAnOlderSchemaArrivesWithTheFieldsItWasWrittenWith() throws IOException {
    GenericRecord old = WireRecords.orderViewV1("o-0", "CANCELLED", 4L, CREATED);
    org.apache.avro.Schema first = old.getSchema();
    AvroConverter converter = valueConverter();
    byte[] written = wire(first, old, TOPIC + "-value");
    // the same subject then moves on to the current version
    byte[] current = serdes.value(OrderView.class).serializer().serialize(TOPIC, view());
    assertThat(registry.latest(TOPIC + "-value").orElseThrow().schema()).isEqualTo(OrderView.getClassSchema());

    Struct oldRow = (Struct) converter.toConnectData(TOPIC, written).value();
    Struct newRow = (Struct) converter.toConnectData(TOPIC, current).value();

    assertThat(oldRow.schema().field("vendors")).isNull();
    assertThat(oldRow.getString("vendorIds")).isEqualTo("v-socks");
    assertThat(oldRow.getString("status")).isEqualTo("CANCELLED");
    assertThat((Date) oldRow.get("createdAt")).isEqualTo(Date.from(CREATED));
    assertThat(newRow.getArray("vendors")).containsExactly("v-shoes", "v-socks");
    assertThat(newRow.schema().fields()).hasSize(oldRow.schema().fields().size() + 3);
  }

  @Test
  void aUnionOfRecordsBecomesAStructWithOneFieldPerBranch() {
    OrderCommand command = OrderCommand.newBuilder()
        .setCommandId("c-1").setTenantId("acme").setIssuedAt(CREATED).setCorrelationId("corr")
        .setIssuedBy(Actor.newBuilder().setSubject("alice").setRoles(List.of("customer")).build())
        .setCommand(PlaceOrder.newBuilder().setOrderId("o-1").setCustomerId("alice").setCurrency("USD")
            .setLines(List.of(new RequestedLine("SHOE", 2L))).setRequestHash("h").build())
        .build();
    byte[] bytes = serdes.value(OrderCommand.class).serializer().serialize("order.commands", command);

    Struct struct = (Struct) valueConverter().toConnectData("order.commands", bytes).value();

    Schema union = struct.schema().field("command").schema();
    assertThat(union.name()).isEqualTo(AvroParameters.UNION);
    assertThat(union.fields()).extracting(org.apache.kafka.connect.data.Field::name)
        .containsExactly("PlaceOrder", "CancelOrder", "MarkOrderPaid", "RecordShipmentProgress", "UpdateOrderPayment",
            "ReviewOrderRisk");
    Struct branches = struct.getStruct("command");
    assertThat(branches.get("CancelOrder")).isNull();
    Struct place = branches.getStruct("PlaceOrder");
    assertThat(place.getString("orderId")).isEqualTo("o-1");
    assertThat(place.getArray("lines")).hasSize(1);
    assertThat(((Struct) place.getArray("lines").get(0)).getInt64("quantity")).isEqualTo(2L);
    assertThat(place.get("shippingAddress")).isNull();
    assertThat(struct.getStruct("issuedBy").getArray("roles")).containsExactly("customer");
  }

  @Test
  void keysUseTheKeySubjectAndReadBackByTheTopologiesDeserializer() {
    AvroConverter keys = converter(registry, true);
    OrderKey key = new OrderKey("acme", "o-1");
    byte[] fromTopology = serdes.key(OrderKey.class).serializer().serialize(TOPIC, key);

    SchemaAndValue connect = keys.toConnectData(TOPIC, fromTopology);
    byte[] fromConnect = keys.fromConnectData(TOPIC, connect.schema(), connect.value());

    assertThat(registry.latest(TOPIC + "-key")).isPresent();
    assertThat(new SpecificAvroDeserializer<>(registry, OrderKey.class).deserialize(TOPIC, fromConnect)).isEqualTo(key);
    // the same schema, the same id: the key's bytes (and so its partition) are the same
    assertThat(fromConnect).isEqualTo(fromTopology);
  }

  // ------------------------------------------------------------------ every Avro type

  private static final String EVERY_TYPE = """
      {"type": "record", "name": "Everything", "namespace": "test.types", "doc": "one of each",
       "fields": [
        {"name": "flag", "type": "boolean"},
        {"name": "small", "type": "int", "default": 7},
        {"name": "big", "type": "long"},
        {"name": "ratio", "type": "float"},
        {"name": "precise", "type": "double"},
        {"name": "text", "type": "string", "default": "none"},
        {"name": "raw", "type": "bytes"},
        {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN", "BLUE"]}, "default": "GREEN"},
        {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 4}},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
        {"name": "counts", "type": {"type": "map", "values": "long"}},
        {"name": "maybe", "type": ["null", "string"], "default": null},
        {"name": "maybeLast", "type": ["long", "null"], "default": 5},
        {"name": "nested", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}},
        {"name": "optionalNested", "type": ["null", "Inner"], "default": null},
        {"name": "choice", "type": ["null", "string", "long", "Inner"], "default": null},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "atMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "timeOfDay", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "fixedAmount", "type": {"type": "fixed", "name": "Amount", "size": 8, "logicalType": "decimal", "precision": 18, "scale": 3}},
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "optionalAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null}
       ]}""";

  private static GenericRecord everything(org.apache.avro.Schema schema) {
    GenericRecord inner = new GenericData.Record(schema.getField("nested").schema());
    inner.put("x", 42);
    GenericRecord record = new GenericData.Record(schema);
    record.put("flag", true);
    record.put("small", 3);
    record.put("big", 1L << 40);
    record.put("ratio", 0.5f);
    record.put("precise", 2.25d);
    record.put("text", "hello");
    record.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    record.put("colour", new GenericData.EnumSymbol(schema.getField("colour").schema(), "BLUE"));
    record.put("digest", new GenericData.Fixed(schema.getField("digest").schema(), new byte[] {9, 8, 7, 6}));
    record.put("tags", List.of("a", "b"));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("x", 1L);
    counts.put("y", 2L);
    record.put("counts", counts);
    record.put("maybe", null);
    record.put("maybeLast", 9L);
    record.put("nested", inner);
    record.put("optionalNested", inner);
    record.put("choice", 77L);
    record.put("at", CREATED.toEpochMilli());
    record.put("atMicros", CREATED.toEpochMilli() * 1000 + 456);
    record.put("day", 20_000);
    record.put("timeOfDay", 3_600_000);
    record.put("amount", ByteBuffer.wrap(new BigDecimal("-123.45").unscaledValue().toByteArray()));
    byte[] fixedAmount = new byte[8];
    byte[] unscaled = new BigDecimal("-9.875").unscaledValue().toByteArray();
    Arrays.fill(fixedAmount, (byte) -1);
    System.arraycopy(unscaled, 0, fixedAmount, 8 - unscaled.length, unscaled.length);
    record.put("fixedAmount", new GenericData.Fixed(schema.getField("fixedAmount").schema(), fixedAmount));
    record.put("id", "0b8e2a1c-1111-4c5d-9e1f-222233334444");
    record.put("optionalAt", null);
    return record;
  }

  @Test
  void everyAvroTypeHasAConnectForm() throws IOException {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(EVERY_TYPE);

    SchemaAndValue converted = valueConverter().toConnectData("things", wire(avro, everything(avro), "things-value"));

    Schema s = converted.schema();
    Struct v = (Struct) converted.value();
    v.validate();
    assertThat(s.name()).isEqualTo("test.types.Everything");
    assertThat(s.doc()).isEqualTo("one of each");
    assertThat(v.getBoolean("flag")).isTrue();
    assertThat(s.field("small").schema().defaultValue()).isEqualTo(7);
    assertThat(v.getInt32("small")).isEqualTo(3);
    assertThat(v.getInt64("big")).isEqualTo(1L << 40);
    assertThat(v.getFloat32("ratio")).isEqualTo(0.5f);
    assertThat(v.getFloat64("precise")).isEqualTo(2.25d);
    assertThat(s.field("text").schema().defaultValue()).isEqualTo("none");
    assertThat(v.getString("text")).isEqualTo("hello");
    assertThat(v.getBytes("raw")).containsExactly(1, 2, 3);

    Schema colour = s.field("colour").schema();
    assertThat(colour.type()).isEqualTo(Schema.Type.STRING);
    assertThat(colour.parameters()).containsEntry(AvroParameters.ENUM, "test.types.Colour")
        .containsEntry(AvroParameters.ENUM_SYMBOLS, "RED,GREEN,BLUE");
    assertThat(colour.defaultValue()).isEqualTo("GREEN");
    assertThat(v.getString("colour")).isEqualTo("BLUE");

    assertThat(s.field("digest").schema().parameters()).containsEntry(AvroParameters.FIXED_SIZE, "4");
    assertThat(v.getBytes("digest")).containsExactly(9, 8, 7, 6);
    assertThat(v.getArray("tags")).containsExactly("a", "b");
    assertThat(v.<String, Long>getMap("counts")).containsExactly(Map.entry("x", 1L), Map.entry("y", 2L));
    assertThat(s.field("counts").schema().keySchema()).isEqualTo(Schema.STRING_SCHEMA);

    assertThat(s.field("maybe").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(v.getString("maybe")).isNull();
    assertThat(s.field("maybeLast").schema().isOptional()).isTrue();
    assertThat(s.field("maybeLast").schema().defaultValue()).isEqualTo(5L);
    assertThat(v.getInt64("maybeLast")).isEqualTo(9L);

    assertThat(v.getStruct("nested").getInt32("x")).isEqualTo(42);
    assertThat(s.field("optionalNested").schema().isOptional()).isTrue();
    assertThat(v.getStruct("optionalNested").getInt32("x")).isEqualTo(42);

    Schema choice = s.field("choice").schema();
    assertThat(choice.name()).isEqualTo(AvroParameters.UNION);
    assertThat(choice.isOptional()).isTrue();
    assertThat(choice.fields()).extracting(org.apache.kafka.connect.data.Field::name).containsExactly("string", "long", "Inner");
    assertThat(v.getStruct("choice").getInt64("long")).isEqualTo(77L);
    assertThat(v.getStruct("choice").get("string")).isNull();

    assertThat(s.field("at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat((Date) v.get("at")).isEqualTo(Date.from(CREATED));
    assertThat(s.field("atMicros").schema().type()).isEqualTo(Schema.Type.INT64);
    assertThat(s.field("atMicros").schema().parameters()).containsEntry(AvroParameters.LOGICAL_TYPE, "timestamp-micros");
    assertThat(v.getInt64("atMicros")).isEqualTo(CREATED.toEpochMilli() * 1000 + 456);
    assertThat(s.field("day").schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
    assertThat(((Date) v.get("day")).toInstant()).isEqualTo(Instant.parse("2024-10-04T00:00:00Z"));
    assertThat(s.field("timeOfDay").schema().name()).isEqualTo(org.apache.kafka.connect.data.Time.LOGICAL_NAME);
    assertThat(((Date) v.get("timeOfDay")).getTime()).isEqualTo(3_600_000L);
    assertThat(s.field("amount").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(s.field("amount").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
        .containsEntry(AvroParameters.DECIMAL_PRECISION, "10");
    assertThat(v.get("amount")).isEqualTo(new BigDecimal("-123.45"));
    assertThat(v.get("fixedAmount")).isEqualTo(new BigDecimal("-9.875"));
    assertThat(s.field("id").schema().parameters()).containsEntry(AvroParameters.LOGICAL_TYPE, "uuid");
    assertThat(v.getString("id")).isEqualTo("0b8e2a1c-1111-4c5d-9e1f-222233334444");
    assertThat(s.field("optionalAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(s.field("optionalAt").schema().isOptional()).isTrue();
    assertThat(v.get("optionalAt")).isNull();
  }

  @Test
  void whatCameFromAvroGoesBackToTheSameSchemaAndValue() throws IOException {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(EVERY_TYPE);
    AvroConverter converter = valueConverter();
    SchemaAndValue connect = converter.toConnectData("things", wire(avro, everything(avro), "things-value"));

    byte[] written = converter.fromConnectData("copies", connect.schema(), connect.value());

    org.apache.avro.Schema registered = registry.latest("copies-value").orElseThrow().schema();
    assertThat(registered).isEqualTo(avro);
    assertThat(registered.getField("colour").defaultVal()).isEqualTo("GREEN");
    SchemaAndValue again = converter.toConnectData("copies", written);
    assertThat(again.schema()).isEqualTo(connect.schema());
    assertThat(again.value()).isEqualTo(connect.value());
  }

  // ------------------------------------------------------------------ Connect -> Avro

  @Test
  void connectTypesAvroLacksSurviveTheRoundTrip() {
    Schema schema = SchemaBuilder.struct().name("test.Widget")
        .field("tiny", Schema.INT8_SCHEMA)
        .field("short", SchemaBuilder.int16().defaultValue((short) 4).build())
        .field("byNumber", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
        .field("when", Timestamp.builder().optional().build())
        .field("labels", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
        .build();
    Map<Integer, String> byNumber = new LinkedHashMap<>();
    byNumber.put(1, "one");
    byNumber.put(2, "two");
    Struct widget = new Struct(schema).put("tiny", (byte) -3).put("short", (short) 300).put("byNumber", byNumber)
        .put("when", Date.from(CREATED))
        .put("labels", Arrays.asList("a", null));
    AvroConverter converter = valueConverter();

    byte[] bytes = converter.fromConnectData("widgets", schema, widget);
    SchemaAndValue back = converter.toConnectData("widgets", bytes);

    assertThat(back.schema()).isEqualTo(schema);
    assertThat(back.value()).isEqualTo(widget);
    org.apache.avro.Schema avro = registry.latest("widgets-value").orElseThrow().schema();
    assertThat(avro.getField("tiny").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.INT);
    assertThat(avro.getField("byNumber").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
    assertThat(avro.getField("when").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    assertThat(avro.getField("short").defaultVal()).isEqualTo(4);
  }

  @Test
  void aConnectDecimalKeepsItsScaleAndValue() {
    Schema schema = SchemaBuilder.struct().name("test.Priced").field("price", Decimal.builder(2).optional().build()).build();
    Struct priced = new Struct(schema).put("price", new BigDecimal("-19.99"));
    AvroConverter converter = valueConverter();

    Struct back = (Struct) converter.toConnectData("prices", converter.fromConnectData("prices", schema, priced)).value();

    assertThat(back.get("price")).isEqualTo(new BigDecimal("-19.99"));
    // Connect decimals carry no precision; Avro needs one, so the widest is recorded
    assertThat(back.schema().field("price").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
        .containsEntry(AvroParameters.DECIMAL_PRECISION, "64");
  }

  @Test
  void anUnnamedStructGetsAName() {
    Schema schema = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();
    AvroConverter converter = valueConverter();
    converter.fromConnectData("plain", schema, new Struct(schema).put("a", "x"));
    assertThat(registry.latest("plain-value").orElseThrow().schema().getFullName())
        .startsWith(AvroParameters.CONNECT_NAMESPACE + ".ConnectDefault");
  }

  @Test
  void nullsAreTombstonesBothWays() {
    AvroConverter converter = valueConverter();
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
    assertThat(converter.fromConnectData(TOPIC, null, null)).isNull();
  }

  @Test
  void withoutASchemaNothingCanBeWritten() {
    assertThatThrownBy(() -> valueConverter().fromConnectData(TOPIC, null, Map.of("a", 1)))
        .isInstanceOf(DataException.class).hasMessageContaining("needs a schema");
  }

  @Test
  void withAutoRegistrationOffTheSchemaMustBeTheSubjectsLatest() {
    AvroConverter converter = new AvroConverter(registry);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid", "auto.register.schemas", "false"), false);
    Schema schema = SchemaBuilder.struct().name("test.Thing").field("a", Schema.STRING_SCHEMA).build();
    Struct thing = new Struct(schema).put("a", "x");

    assertThatThrownBy(() -> converter.fromConnectData("things", schema, thing))
        .isInstanceOf(DataException.class).hasMessageContaining("auto.register.schemas");
    valueConverter().fromConnectData("things", schema, thing); // registers it
    assertThat(converter.fromConnectData("things", schema, thing)).isNotNull();
  }

  // ------------------------------------------------------------------ failures and caching

  @Test
  void bytesThatAreNotTheWireFormatAreBadData() {
    AvroConverter converter = valueConverter();
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"json\":1}".getBytes()))
        .isInstanceOf(DataException.class).hasMessageContaining("magic byte");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0}))
        .isInstanceOf(DataException.class).hasMessageContaining("header");
  }

  @Test
  void anUnknownSchemaIdIsBadDataAndTrailingBytesToo() {
    AvroConverter converter = valueConverter();
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0, 0, 0, 99, 2}))
        .isInstanceOf(DataException.class).hasMessageContaining("schema 99");

    byte[] good = serdes.value(OrderView.class).serializer().serialize(TOPIC, view());
    byte[] longer = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, longer))
        .isInstanceOf(DataException.class).hasMessageContaining("left over");
    byte[] truncated = Arrays.copyOf(good, good.length - 4);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated)).isInstanceOf(DataException.class);
  }

  @Test
  void anUnreachableRegistryIsRetriedNotDropped() {
    SchemaRegistryClient down = new CountingRegistry(registry) {
      @Override
      public org.apache.avro.Schema schemaById(int id) {
        throw new SchemaRegistryException("connection refused", new java.net.ConnectException());
      }
    };
    byte[] bytes = serdes.value(OrderView.class).serializer().serialize(TOPIC, view());
    assertThatThrownBy(() -> converter(down, false).toConnectData(TOPIC, bytes)).isInstanceOf(RetriableException.class);
  }

  @Test
  void eachWriterSchemaIsFetchedAndTranslatedOnce() {
    CountingRegistry counting = new CountingRegistry(registry);
    AvroConverter converter = converter(counting, false);
    var serializer = serdes.value(OrderView.class).serializer();
    Schema first = null;
    for (int i = 0; i < 100; i++) {
      SchemaAndValue converted = converter.toConnectData(TOPIC, serializer.serialize(TOPIC, view()));
      first = first == null ? converted.schema() : first;
      assertThat(converted.schema()).isSameAs(first);
    }
    assertThat(counting.lookups.get()).isEqualTo(1);
  }

  @Test
  void aRecursiveSchemaIsRefusedWithItsName() throws IOException {
    org.apache.avro.Schema node = new org.apache.avro.Schema.Parser().parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "value", "type": "int"}, {"name": "next", "type": ["null", "Node"], "default": null}]}""");
    GenericRecord leaf = new GenericData.Record(node);
    leaf.put("value", 1);
    byte[] bytes = wire(node, leaf, "nodes-value");
    assertThatThrownBy(() -> valueConverter().toConnectData("nodes", bytes))
        .isInstanceOf(DataException.class).hasMessageContaining("Node").hasMessageContaining("recursive");
  }

  @Test
  void theRegistryUrlIsRequired() {
    assertThatThrownBy(() -> new AvroConverter().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThat(new AvroConverter().config().names()).contains("schema.registry.url", "auto.register.schemas");
  }

  /** Delegates to a registry and counts the id lookups. */
  private static class CountingRegistry implements SchemaRegistryClient {
    final SchemaRegistryClient delegate;
    final AtomicInteger lookups = new AtomicInteger();

    CountingRegistry(SchemaRegistryClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public int register(String subject, org.apache.avro.Schema schema) {
      return delegate.register(subject, schema);
    }

    @Override
    public org.apache.avro.Schema schemaById(int id) {
      lookups.incrementAndGet();
      return delegate.schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
      return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, org.apache.avro.Schema schema) {
      return delegate.isCompatible(subject, schema);
    }

    @Override
    public String globalCompatibility() {
      return delegate.globalCompatibility();
    }

    @Override
    public void setGlobalCompatibility(String level) {
      delegate.setGlobalCompatibility(level);
    }
  }
}
