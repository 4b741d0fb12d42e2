package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.envelope.Cause;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What every processor checks first about a command that arrived, before any rule sees it: it has a key
 * and a value, and it belongs to the tenant its key names (a command may only touch its own tenant's
 * state; a mismatch is a bug or an attack, never applied). A refused record goes to the dead-letter topic.
 */
public final class Arrival {

  private static final String TENANT_ID = "tenantId";

  private Arrival() {}

  /**
   * The cause of what {@code record} brings about; {@code what} names it in the refusal ("payment
   * record", "inventory command").
   *
   * @throws InvalidCommandException when the record has no key or value, or its tenant differs from its key's
   */
  public static Cause cause(Record<? extends SpecificRecord, ? extends SpecificRecord> record, String what) {
    if (record.key() == null || record.value() == null) {
      throw new InvalidCommandException(what + " without key or value");
    }
    Cause cause = Cause.of(record.value(), record.headers(), record.timestamp());
    Schema.Field keyTenant = record.key().getSchema().getField(TENANT_ID);
    Object tenantOfKey = keyTenant == null ? null : record.key().get(keyTenant.pos());
    if (!cause.tenantId().equals(tenantOfKey)) {
      throw new InvalidCommandException("tenant of key (" + tenantOfKey + ") differs from tenant of command ("
          + cause.tenantId() + ")");
    }
    return cause;
  }

  /**
   * The command's body is about the {@code entity} its key names (its {@code <entity>Id} field, e.g.
   * paymentId): a command cannot act on another one than the partition's. A body without that field is
   * left to the processor, which refuses it as unknown.
   *
   * @throws InvalidCommandException when the body names another one
   */
  public static void requireSame(String entity, String ofKey, Object body) {
    if (!(body instanceof SpecificRecord record) || record.getSchema().getField(entity + "Id") == null) {
      return;
    }
    Object ofBody = record.get(record.getSchema().getField(entity + "Id").pos());
    if (!ofKey.equals(ofBody)) {
      throw new InvalidCommandException(entity + " of key (" + ofKey + ") differs from " + entity + " of command ("
          + ofBody + ")");
    }
  }
}
