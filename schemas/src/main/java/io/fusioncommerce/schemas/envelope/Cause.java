package io.fusioncommerce.schemas.envelope;

import io.fusioncommerce.schemas.common.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What caused the commands and events about to be written: a record that arrived (a command or an
 * event), an HTTP request, or a timer. It carries the envelope every command and event repeats, and
 * stamps it on what is produced:
 *
 * <ul>
 *   <li>{@code commandId} / {@code eventId}: given by the caller, usually {@link #derive derived} from this
 *       cause's id, so reprocessing the same input yields the same ids and consumers can deduplicate;
 *   <li>{@code tenantId}, {@code correlationId}: this cause's;
 *   <li>{@code issuedAt} / {@code occurredAt}: this cause's time (a record's timestamp, the request's clock);
 *   <li>{@code causationId}: this cause's id (null for an HTTP request: nothing before it caused it);
 *   <li>{@code issuedBy}: given by the caller (a topology names itself; the ingress names the caller);
 *   <li>the record headers ({@code traceparent}, {@code correlation-id}): passed on as they came, so the
 *       trace context follows a request through every hop.
 * </ul>
 *
 * <p>The generated Avro classes cannot implement a shared interface (IDL has no way to say so), so the
 * envelope is written by field name through each record's schema; {@code EnvelopeContractTest} proves
 * that every command and event contract in {@code Topics} has these fields with these types (ADR 0016).
 *
 * @param id the id of the causing command or event; null for an HTTP request
 * @param tenantId the tenant everything produced belongs to
 * @param correlationId the id that ties together everything one request caused
 * @param at the time of the cause: the record's timestamp, the request's clock, the timer's due time
 * @param actor who caused it (the issuer of an incoming command, the caller of a request); null for an event or a timer
 * @param headers the record headers to write on what is produced (never null)
 */
public record Cause(String id, String tenantId, String correlationId, Instant at, Actor actor, Headers headers) {

  /** The W3C trace context, as the ingress received it. */
  public static final String TRACEPARENT_HEADER = "traceparent";
  /** The correlation id, readable without decoding the value. */
  public static final String CORRELATION_HEADER = "correlation-id";

  public Cause {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(at, "at");
    headers = headers == null ? new RecordHeaders() : headers;
  }

  /**
   * The cause of what a record that arrived brings about: its value's envelope (commandId or eventId,
   * tenantId, correlationId, issuedBy when it has one), its headers and its timestamp.
   */
  public static Cause of(SpecificRecord value, Headers headers, long timestamp) {
    return of(value, headers, Instant.ofEpochMilli(timestamp));
  }

  /** The cause of what a record that arrived brings about, at {@code at} (a worker's clock). */
  public static Cause of(SpecificRecord value, Headers headers, Instant at) {
    Schema schema = value.getSchema();
    String id = schema.getField(Envelope.COMMAND_ID) != null
        ? (String) Envelope.get(value, Envelope.COMMAND_ID) : (String) Envelope.get(value, Envelope.EVENT_ID);
    Actor actor = schema.getField(Envelope.ISSUED_BY) != null ? (Actor) Envelope.get(value, Envelope.ISSUED_BY) : null;
    return new Cause(id, (String) Envelope.get(value, Envelope.TENANT_ID),
        (String) Envelope.get(value, Envelope.CORRELATION_ID), at, actor, headers);
  }

  /**
   * The cause of the commands an HTTP request sends: nothing before it (no causation id); the caller's
   * correlation id and trace context go into the record headers.
   */
  public static Cause ofRequest(String tenantId, String correlationId, Actor caller, Instant at, String traceparent) {
    return new Cause(null, tenantId, correlationId, at, caller, requestHeaders(correlationId, traceparent));
  }

  /** The record headers a request's commands carry: its correlation id and, when it sent one, its traceparent. */
  public static Headers requestHeaders(String correlationId, String traceparent) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CORRELATION_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    if (traceparent != null) {
      headers.add(TRACEPARENT_HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  /** The cause of what a timer brings about: no record arrived, so no headers travel on. */
  public static Cause ofTimer(String id, String tenantId, String correlationId, Instant at) {
    return new Cause(id, tenantId, correlationId, at, null, new RecordHeaders());
  }

  /** The same cause, named by another id: what a command this cause produced goes on to cause. */
  public Cause causedBy(String commandId) {
    return new Cause(commandId, tenantId, correlationId, at, actor, headers);
  }

  /** The same cause under another correlation id (a state that keeps the one it was created with). */
  public Cause correlatedBy(String otherCorrelationId) {
    return new Cause(id, tenantId, otherCorrelationId, at, actor, headers);
  }

  /** A deterministic id for something this cause produces: the same cause and purpose give the same id. */
  public String derive(String purpose) {
    return EventIds.derive(id, purpose);
  }

  /** The cause's time as a record timestamp. */
  public long timestamp() {
    return at.toEpochMilli();
  }

  /** The W3C trace context this cause carries on, if any. */
  public String traceparent() {
    Header header = headers.lastHeader(TRACEPARENT_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Stamps a command: {@code blank} (a new, empty command record such as {@code new OrderCommand()})
   * gets the envelope, issued by {@code issuer}, and {@code body} as its command.
   */
  public <T extends SpecificRecord> T command(T blank, String commandId, Actor issuer, SpecificRecord body) {
    stamp(blank, Envelope.COMMAND_ID, commandId, Envelope.ISSUED_AT);
    Envelope.put(blank, Envelope.ISSUED_BY, issuer);
    Envelope.put(blank, Envelope.COMMAND, body);
    return blank;
  }

  /** Stamps a command issued by this cause's own actor (the caller of an HTTP request). */
  public <T extends SpecificRecord> T command(T blank, String commandId, SpecificRecord body) {
    return command(blank, commandId, actor, body);
  }

  /**
   * Stamps an event's envelope on {@code blank} (a new, empty event record) and leaves its other fields
   * at their schema defaults, ready for its builder's copy constructor: {@code
   * OrderCreated.newBuilder(cause.event(new OrderCreated(), eventId)).setOrderId(..)...build()}.
   */
  public <T extends SpecificRecord> T event(T blank, String eventId) {
    stamp(blank, Envelope.EVENT_ID, eventId, Envelope.OCCURRED_AT);
    return blank;
  }

  /** What commands and events share: their id, this cause's tenant, time, correlation and id as causation. */
  private void stamp(SpecificRecord blank, String idField, String recordId, String timeField) {
    Envelope.defaults(blank);
    Envelope.put(blank, idField, recordId);
    Envelope.put(blank, Envelope.TENANT_ID, tenantId);
    Envelope.put(blank, timeField, at);
    Envelope.put(blank, Envelope.CORRELATION_ID, correlationId);
    Envelope.put(blank, Envelope.CAUSATION_ID, id);
  }

  /** The envelope's field names and the by-name access to them; one place that knows them. */
  static final class Envelope {
    static final String COMMAND_ID = "commandId";
    static final String EVENT_ID = "eventId";
    static final String TENANT_ID = "tenantId";
    static final String ISSUED_AT = "issuedAt";
    static final String OCCURRED_AT = "occurredAt";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";
    static final String ISSUED_BY = "issuedBy";
    static final String COMMAND = "command";

    private Envelope() {}

    static Object get(SpecificRecord record, String name) {
      return record.get(field(record, name).pos());
    }

    static void put(SpecificRecord record, String name, Object value) {
      record.put(field(record, name).pos(), value);
    }

    /**
     * Sets every field that has a schema default to it, so that a builder copied from the record sees
     * the same values its own build() would have chosen (a blank record holds Java defaults instead).
     */
    static void defaults(SpecificRecord record) {
      SpecificData model = SpecificData.getForClass(record.getClass());
      for (Schema.Field field : record.getSchema().getFields()) {
        if (field.hasDefaultValue()) {
          record.put(field.pos(), model.getDefaultValue(field));
        }
      }
    }

    private static Schema.Field field(SpecificRecord record, String name) {
      Schema.Field field = record.getSchema().getField(name);
      if (field == null) {
        throw new IllegalArgumentException(record.getSchema().getFullName() + " has no envelope field " + name);
      }
      return field;
    }
  }
}
