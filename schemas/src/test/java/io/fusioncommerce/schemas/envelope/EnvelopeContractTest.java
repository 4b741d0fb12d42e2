package io.fusioncommerce.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Cause} writes the envelope by field name (Avro IDL cannot make the generated classes share an
 * interface): every command and event contract in {@link Topics} must have those fields, with the types
 * the stamping writes. A new contract without them fails here, not at run time in a processor.
 */
class EnvelopeContractTest {

  /**
   * Contracts that are not enveloped messages, on purpose: the payment worker's provider calls carry
   * their own request id (the idempotency key at the provider), and campaign.group-orders is an internal
   * re-keying of order.status-changed. A new exception needs a reason here.
   */
  static final List<TopicContract<?, ?>> NOT_ENVELOPED = List.of(Topics.PAYMENT_PROVIDER_REQUESTS,
      Topics.CAMPAIGN_GROUP_ORDERS);

  static Stream<TopicContract<?, ?>> commands() {
    return Topics.ALL.stream().filter(topic -> topic.kind() == TopicContract.Kind.COMMAND)
        .filter(topic -> !NOT_ENVELOPED.contains(topic));
  }

  static Stream<TopicContract<?, ?>> events() {
    return Topics.ALL.stream().filter(topic -> topic.kind() == TopicContract.Kind.EVENT)
        .filter(topic -> !NOT_ENVELOPED.contains(topic));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void every_command_carries_the_command_envelope(TopicContract<?, ?> topic) {
    Schema schema = schemaOf(topic);
    assertEnvelope(schema, "commandId", "issuedAt");
    Schema issuedBy = schema.getField("issuedBy").schema();
    assertThat(issuedBy.getType()).isEqualTo(Schema.Type.RECORD);
    assertThat(issuedBy.getFullName()).isEqualTo(Actor.getClassSchema().getFullName());
    assertThat(schema.getField("command").schema().getType()).isEqualTo(Schema.Type.UNION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void every_event_carries_the_event_envelope(TopicContract<?, ?> topic) {
    assertEnvelope(schemaOf(topic), "eventId", "occurredAt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void a_stamped_command_is_valid_and_reads_back_as_its_cause(TopicContract<?, ?> topic) throws Exception {
    Cause cause = Cause.ofRequest("t1", "corr-1", actor(), java.time.Instant.ofEpochMilli(1_000), "00-trace")
        .causedBy("cause-1");
    Schema body = schemaOf(topic).getField("command").schema().getTypes().get(0);
    SpecificRecord command = cause.command(blank(topic), "command-1", actor(), blankBody(body));
    assertThat(command.get(schemaOf(topic).getField("commandId").pos())).isEqualTo("command-1");
    assertThat(command.get(schemaOf(topic).getField("causationId").pos())).isEqualTo("cause-1");

    Cause read = Cause.of(command, cause.headers(), 2_000);
    assertThat(read.id()).isEqualTo("command-1");
    assertThat(read.tenantId()).isEqualTo("t1");
    assertThat(read.correlationId()).isEqualTo("corr-1");
    assertThat(read.actor()).isEqualTo(actor());
    assertThat(read.traceparent()).isEqualTo("00-trace");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void a_stamped_event_reads_back_as_its_cause(TopicContract<?, ?> topic) throws Exception {
    Cause cause = Cause.ofTimer("cause-1", "t1", "corr-1", java.time.Instant.ofEpochMilli(1_000));
    SpecificRecord event = cause.event(blank(topic), "event-1");
    Schema schema = schemaOf(topic);
    assertThat(event.get(schema.getField("occurredAt").pos())).isEqualTo(java.time.Instant.ofEpochMilli(1_000));
    assertThat(event.get(schema.getField("causationId").pos())).isEqualTo("cause-1");
    Cause read = Cause.of(event, cause.headers(), 1_000);
    assertThat(read.id()).isEqualTo("event-1");
    assertThat(read.tenantId()).isEqualTo("t1");
    assertThat(read.correlationId()).isEqualTo("corr-1");
  }

  private static void assertEnvelope(Schema schema, String idField, String timeField) {
    Map<String, Schema.Type> strings = Map.of(idField, Schema.Type.STRING, "tenantId", Schema.Type.STRING,
        "correlationId", Schema.Type.STRING);
    strings.forEach((name, type) -> {
      assertThat(schema.getField(name)).as(schema.getFullName() + "." + name).isNotNull();
      assertThat(schema.getField(name).schema().getType()).as(schema.getFullName() + "." + name).isEqualTo(type);
    });
    Schema time = schema.getField(timeField).schema();
    assertThat(time.getType()).isEqualTo(Schema.Type.LONG);
    assertThat(time.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    Schema causation = schema.getField("causationId").schema();
    assertThat(causation.getType()).isEqualTo(Schema.Type.UNION);
    assertThat(causation.getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.STRING);
  }

  private static Actor actor() {
    return Actor.newBuilder().setSubject("someone").setRoles(List.of("ADMIN")).build();
  }

  private static Schema schemaOf(TopicContract<?, ?> topic) {
    return SpecificData.get().getSchema(topic.valueType());
  }

  private static SpecificRecord blank(TopicContract<?, ?> topic) throws Exception {
    return topic.valueType().getDeclaredConstructor().newInstance();
  }

  private static SpecificRecord blankBody(Schema body) throws Exception {
    return (SpecificRecord) SpecificData.get().getClass(body).getDeclaredConstructor().newInstance();
  }
}
