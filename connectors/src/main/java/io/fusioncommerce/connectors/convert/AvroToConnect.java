package io.fusioncommerce.connectors.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Connect form of an Avro schema, and of its data as Avro's generic reader produces it (no
 * logical-type conversions: timestamps are longs, decimals bytes, strings {@code Utf8} or String).
 *
 * <table>
 *   <caption>Avro to Connect</caption>
 *   <tr><th>Avro</th><th>Connect</th></tr>
 *   <tr><td>boolean, int, long, float, double, string, bytes</td><td>BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES</td></tr>
 *   <tr><td>enum</td><td>STRING (parameters: enum name and symbols)</td></tr>
 *   <tr><td>fixed</td><td>BYTES (parameters: fixed name and size)</td></tr>
 *   <tr><td>record</td><td>STRUCT named as the record, with its doc and field defaults</td></tr>
 *   <tr><td>array, map</td><td>ARRAY, MAP with STRING keys</td></tr>
 *   <tr><td>union of null and one type</td><td>that type, optional</td></tr>
 *   <tr><td>any other union</td><td>STRUCT {@value AvroParameters#UNION} with one optional field per branch, one of them set</td></tr>
 *   <tr><td>timestamp-millis, date, time-millis, decimal</td><td>Timestamp, Date, Time, Decimal</td></tr>
 *   <tr><td>other logical types (timestamp-micros, uuid, ...)</td><td>the underlying type, the logical type kept as a parameter</td></tr>
 * </table>
 *
 * A recursive record cannot be expressed (Connect schemas are trees) and is refused; so is the
 * {@code null} type outside a union.
 */
final class AvroToConnect {

  /** How one Avro schema maps to Connect: the Connect schema, and the conversion of a datum. */
  interface Mapping {
    Schema schema();

    Object convert(Object datum);
  }

  private record Simple(Schema schema, Function<Object, Object> converter) implements Mapping {
    @Override
    public Object convert(Object datum) {
      return datum == null ? null : converter.apply(datum);
    }
  }

  private final Set<String> recordsInProgress = new HashSet<>();
  private final FieldNames fieldNames;

  private AvroToConnect(FieldNames fieldNames) {
    this.fieldNames = fieldNames;
  }

  /** The mapping of a writer's schema (built once per schema id and cached by the converter). */
  static Mapping of(org.apache.avro.Schema avro) {
    return of(avro, FieldNames.AS_WRITTEN);
  }

  /** The same, with record fields named in the Connect schema by {@code fieldNames}. */
  static Mapping of(org.apache.avro.Schema avro, FieldNames fieldNames) {
    return new AvroToConnect(fieldNames).map(avro, false, null);
  }

  /**
   * @param optional whether the Connect schema is optional (a union with null around it)
   * @param avroDefault the field's default as an Avro datum, or null for none
   */
  private Mapping map(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
    LogicalType logical = avro.getLogicalType();
    if (logical != null) {
      Mapping mapped = logical(avro, logical, optional, avroDefault);
      if (mapped != null) {
        return mapped;
      }
    }
    return switch (avro.getType()) {
      case BOOLEAN -> leaf(SchemaBuilder.bool(), avro, optional, avroDefault, v -> v);
      case INT -> integer(avro, optional, avroDefault);
      case LONG -> leaf(SchemaBuilder.int64(), avro, optional, avroDefault, v -> v);
      case FLOAT -> leaf(SchemaBuilder.float32(), avro, optional, avroDefault, v -> v);
      case DOUBLE -> leaf(SchemaBuilder.float64(), avro, optional, avroDefault, v -> v);
      case STRING -> leaf(SchemaBuilder.string(), avro, optional, avroDefault, Object::toString);
      case BYTES -> leaf(SchemaBuilder.bytes(), avro, optional, avroDefault, AvroToConnect::bytes);
      case ENUM -> leaf(SchemaBuilder.string()
          .parameter(AvroParameters.ENUM, avro.getFullName())
          .parameter(AvroParameters.ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols())),
          avro, optional, avroDefault, Object::toString);
      case FIXED -> leaf(fixed(SchemaBuilder.bytes(), avro), avro, optional, avroDefault, AvroToConnect::bytes);
      case ARRAY -> array(avro, optional, avroDefault);
      case MAP -> mapType(avro, optional, avroDefault);
      case RECORD -> record(avro, optional);
      case UNION -> union(avro, optional, avroDefault);
      case NULL -> throw new DataException("the Avro null type has no Connect form outside a union");
    };
  }

  // ------------------------------------------------------------------ leaves

  private static Mapping leaf(SchemaBuilder builder, org.apache.avro.Schema avro, boolean optional, Object avroDefault,
      Function<Object, Object> converter) {
    if (avro.getDoc() != null) {
      builder.doc(avro.getDoc());
    }
    if (optional) {
      builder.optional();
    }
    if (avroDefault != null && avroDefault != JsonProperties.NULL_VALUE) {
      builder.defaultValue(converter.apply(avroDefault));
    }
    return new Simple(builder.build(), converter);
  }

  private static Mapping integer(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
    Object connectType = avro.getObjectProp(AvroParameters.CONNECT_TYPE);
    if ("int8".equals(connectType)) {
      return leaf(SchemaBuilder.int8(), avro, optional, avroDefault, v -> ((Integer) v).byteValue());
    }
    if ("int16".equals(connectType)) {
      return leaf(SchemaBuilder.int16(), avro, optional, avroDefault, v -> ((Integer) v).shortValue());
    }
    return leaf(SchemaBuilder.int32(), avro, optional, avroDefault, v -> v);
  }

  private static SchemaBuilder fixed(SchemaBuilder builder, org.apache.avro.Schema avro) {
    return builder.parameter(AvroParameters.FIXED, avro.getFullName())
        .parameter(AvroParameters.FIXED_SIZE, Integer.toString(avro.getFixedSize()));
  }

  private static byte[] bytes(Object datum) {
    if (datum instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] copy = new byte[view.remaining()];
      view.get(copy);
      return copy;
    }
    if (datum instanceof GenericFixed fixed) {
      return fixed.bytes().clone();
    }
    if (datum instanceof byte[] array) {
      return array.clone();
    }
    throw new DataException("expected Avro bytes, got " + datum.getClass().getName());
  }

  /**
   * Logical types Connect knows get its logical schemas; the others keep their name as a parameter.
   * Null when the logical type sits on a type that cannot carry the parameter (then the plain type is used).
   */
  private static Mapping logical(org.apache.avro.Schema avro, LogicalType logical, boolean optional, Object avroDefault) {
    if (logical instanceof LogicalTypes.TimestampMillis && avro.getType() == org.apache.avro.Schema.Type.LONG) {
      return leaf(Timestamp.builder(), avro, optional, avroDefault, v -> new java.util.Date((Long) v));
    }
    if (logical instanceof LogicalTypes.Date && avro.getType() == org.apache.avro.Schema.Type.INT) {
      return leaf(Date.builder(), avro, optional, avroDefault, v -> new java.util.Date((Integer) v * 86_400_000L));
    }
    if (logical instanceof LogicalTypes.TimeMillis && avro.getType() == org.apache.avro.Schema.Type.INT) {
      return leaf(Time.builder(), avro, optional, avroDefault, v -> new java.util.Date((Integer) v));
    }
    if (logical instanceof LogicalTypes.Decimal decimal) {
      SchemaBuilder builder = Decimal.builder(decimal.getScale())
          .parameter(AvroParameters.DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
      if (avro.getType() == org.apache.avro.Schema.Type.FIXED) {
        fixed(builder, avro);
      }
      int scale = decimal.getScale();
      return leaf(builder, avro, optional, avroDefault, v -> new BigDecimal(new BigInteger(bytes(v)), scale));
    }
    return withLogicalName(avro, logical.getName(), optional, avroDefault);
  }

  private static Mapping withLogicalName(org.apache.avro.Schema avro, String name, boolean optional, Object avroDefault) {
    SchemaBuilder builder = switch (avro.getType()) {
      case INT -> SchemaBuilder.int32();
      case LONG -> SchemaBuilder.int64();
      case STRING -> SchemaBuilder.string();
      case BYTES -> SchemaBuilder.bytes();
      case FIXED -> fixed(SchemaBuilder.bytes(), avro);
      default -> null;
    };
    if (builder == null) {
      return null;
    }
    builder.parameter(AvroParameters.LOGICAL_TYPE, name);
    Function<Object, Object> converter = switch (avro.getType()) {
      case STRING -> Object::toString;
      case BYTES, FIXED -> AvroToConnect::bytes;
      default -> v -> v;
    };
    return leaf(builder, avro, optional, avroDefault, converter);
  }

  // ------------------------------------------------------------------ containers

  private Mapping array(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
    if ("map".equals(avro.getObjectProp(AvroParameters.CONNECT_TYPE)) && isMapEntry(avro.getElementType())) {
      return entryMap(avro, optional);
    }
    Mapping element = map(avro.getElementType(), false, null);
    SchemaBuilder builder = SchemaBuilder.array(element.schema());
    return leaf(builder, avro, optional, avroDefault, v -> {
      List<?> list = (List<?>) v;
      List<Object> converted = new ArrayList<>(list.size());
      for (Object item : list) {
        converted.add(element.convert(item));
      }
      return converted;
    });
  }

  private Mapping mapType(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
    Mapping value = map(avro.getValueType(), false, null);
    SchemaBuilder builder = SchemaBuilder.map(Schema.STRING_SCHEMA, value.schema());
    return leaf(builder, avro, optional, avroDefault, v -> {
      Map<?, ?> map = (Map<?, ?>) v;
      Map<String, Object> converted = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      map.forEach((key, item) -> converted.put(key.toString(), value.convert(item)));
      return converted;
    });
  }

  private static boolean isMapEntry(org.apache.avro.Schema element) {
    return element.getType() == org.apache.avro.Schema.Type.RECORD && element.getFields().size() == 2
        && element.getField("key") != null && element.getField("value") != null;
  }

  /** A Connect map with non-string keys, written as an array of key/value records (see ConnectToAvro). */
  private Mapping entryMap(org.apache.avro.Schema avro, boolean optional) {
    org.apache.avro.Schema entry = avro.getElementType();
    Mapping key = map(entry.getField("key").schema(), false, null);
    Mapping value = map(entry.getField("value").schema(), false, null);
    SchemaBuilder builder = SchemaBuilder.map(key.schema(), value.schema());
    int keyPosition = entry.getField("key").pos();
    int valuePosition = entry.getField("value").pos();
    return leaf(builder, avro, optional, null, v -> {
      Map<Object, Object> converted = new LinkedHashMap<>();
      for (Object item : (List<?>) v) {
        IndexedRecord record = (IndexedRecord) item;
        converted.put(key.convert(record.get(keyPosition)), value.convert(record.get(valuePosition)));
      }
      return converted;
    });
  }

  private Mapping record(org.apache.avro.Schema avro, boolean optional) {
    if (!recordsInProgress.add(avro.getFullName())) {
      throw new DataException("Avro record " + avro.getFullName() + " contains itself; Connect schemas cannot be recursive");
    }
    try {
      List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
      Mapping[] fields = new Mapping[avroFields.size()];
      SchemaBuilder builder = SchemaBuilder.struct().name(avro.getFullName());
      if (avro.getDoc() != null) {
        builder.doc(avro.getDoc());
      }
      for (org.apache.avro.Schema.Field field : avroFields) {
        Object avroDefault = field.hasDefaultValue() && isPlain(field.schema())
            ? GenericData.get().getDefaultValue(field) : null;
        fields[field.pos()] = map(field.schema(), false, avroDefault);
        builder.field(fieldNames.apply(field.name()), fields[field.pos()].schema());
      }
      if (optional) {
        builder.optional();
      }
      Schema schema = builder.build();
      List<Field> connectFields = schema.fields();
      return new Simple(schema, v -> {
        IndexedRecord record = (IndexedRecord) v;
        Struct struct = new Struct(schema);
        for (int i = 0; i < fields.length; i++) {
          struct.put(connectFields.get(i), fields[i].convert(record.get(i)));
        }
        return struct;
      });
    } finally {
      recordsInProgress.remove(avro.getFullName());
    }
  }

  /**
   * Whether a field's default can become a Connect default: not for records and multi-type unions
   * (a Connect struct default needs the very schema being built).
   */
  private static boolean isPlain(org.apache.avro.Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> false;
      case UNION -> {
        List<org.apache.avro.Schema> branches = nonNull(schema);
        yield branches.size() == 1 && isPlain(branches.get(0));
      }
      case ARRAY -> isPlain(schema.getElementType());
      case MAP -> isPlain(schema.getValueType());
      default -> true;
    };
  }

  // ------------------------------------------------------------------ unions

  private Mapping union(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
    List<org.apache.avro.Schema> branches = nonNull(avro);
    boolean nullable = branches.size() < avro.getTypes().size();
    if (branches.isEmpty()) {
      throw new DataException("an Avro union of null alone has no Connect form");
    }
    if (branches.size() == 1) {
      return map(branches.get(0), optional || nullable, avroDefault);
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(AvroParameters.UNION);
    List<Mapping> mappings = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (org.apache.avro.Schema branch : branches) {
      String name = branchName(branch, branches);
      if (!names.add(name)) {
        throw new DataException("Avro union " + avro + " has two branches named " + name);
      }
      Mapping mapping = map(branch, true, null);
      mappings.add(mapping);
      builder.field(name, mapping.schema());
    }
    if (optional || nullable) {
      builder.optional();
    }
    Schema schema = builder.build();
    List<Field> connectFields = schema.fields();
    // the union's own position of each branch -> its field (null has none)
    int[] fieldOf = new int[avro.getTypes().size()];
    for (int i = 0; i < fieldOf.length; i++) {
      fieldOf[i] = branches.indexOf(avro.getTypes().get(i));
    }
    return new Simple(schema, v -> {
      int index = fieldOf[GenericData.get().resolveUnion(avro, v)];
      Struct struct = new Struct(schema);
      struct.put(connectFields.get(index), mappings.get(index).convert(v));
      return struct;
    });
  }

  private static List<org.apache.avro.Schema> nonNull(org.apache.avro.Schema union) {
    return union.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
  }

  /**
   * A union branch's field name: a named type's simple name (its full name when two branches share
   * the simple name), otherwise the Avro type's name ({@code string}, {@code long}, {@code array}, ...).
   */
  static String branchName(org.apache.avro.Schema branch, List<org.apache.avro.Schema> branches) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branches.stream()
          .anyMatch(b -> b != branch && isNamed(b) && b.getName().equals(branch.getName()))
          ? branch.getFullName() : branch.getName();
      default -> branch.getType().getName();
    };
  }

  private static boolean isNamed(org.apache.avro.Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }
}
