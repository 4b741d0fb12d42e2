package io.fusioncommerce.connectors.convert;

/**
 * What the converter records about an Avro schema that Connect's type system has no place for, as
 * Connect schema parameters (and, going the other way, as Avro schema properties), so a schema that
 * goes Avro → Connect → Avro comes back the same.
 */
final class AvroParameters {

  private static final String PREFIX = "io.fusioncommerce.avro.";

  /** On a STRING schema: the full name of the Avro enum it came from. */
  static final String ENUM = PREFIX + "enum";
  /** On a STRING schema from an enum: the enum's symbols, comma-separated, in order. */
  static final String ENUM_SYMBOLS = PREFIX + "enum.symbols";
  /** On a BYTES schema: the full name of the Avro fixed it came from. */
  static final String FIXED = PREFIX + "fixed";
  /** On a BYTES schema from a fixed: its size in bytes. */
  static final String FIXED_SIZE = PREFIX + "fixed.size";
  /** On a Decimal schema: the Avro decimal's precision (Connect's Decimal only has a scale). */
  static final String DECIMAL_PRECISION = PREFIX + "decimal.precision";
  /**
   * On a schema whose Avro logical type has no Connect counterpart (timestamp-micros, time-micros,
   * local-timestamp-*, uuid, ...): the logical type's name. The value stays in the underlying type.
   */
  static final String LOGICAL_TYPE = PREFIX + "logicalType";

  /** Connect name of the STRUCT that stands for an Avro union of several types (one optional field per branch). */
  static final String UNION = PREFIX + "Union";

  /**
   * Avro schema property keeping a Connect type Avro has no type for: {@code int8} and {@code int16}
   * (on an Avro int), {@code map} (on an array of key/value records: a Connect map whose keys are not strings).
   */
  static final String CONNECT_TYPE = "io.fusioncommerce.connect.type";

  /** Namespace of the Avro records the converter names itself (unnamed Connect structs, map entries). */
  static final String CONNECT_NAMESPACE = "io.fusioncommerce.connect.avro";

  private AvroParameters() {}
}
