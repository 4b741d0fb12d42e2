package io.fusioncommerce.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value whose serialized form is larger than the limit its serializer was given. Raised while
 * serializing, before the producer sees the record: under exactly-once a broker's refusal of a too
 * large record would abort the whole transaction and every retry would meet it again, whereas a
 * serialization error can be handled for this one record (parked on the dead-letter topic).
 */
public final class RecordTooLargeToWriteException extends SerializationException {

  public RecordTooLargeToWriteException(String topic, int size, int limit) {
    super("a record of " + size + " bytes for topic " + topic + " is larger than the limit of " + limit + " bytes");
  }
}
