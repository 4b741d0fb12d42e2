package io.fusioncommerce.connectors.convert;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Avro form of a Connect schema, and of its data as Avro's generic writer takes it: the reverse
 * of {@link AvroToConnect}, so what came from Avro goes back to the same Avro schema (enums, fixed,
 * unions and logical types are restored from the parameters AvroToConnect leaves). Connect types
 * Avro lacks: INT8 and INT16 become int, and a map whose keys are not strings becomes an array of
 * key/value records; both are marked so they read back as they were.
 */
final class ConnectToAvro {

  /** How one Connect schema maps to Avro: the Avro schema, and the conversion of a value. */
  interface Mapping {
    org.apache.avro.Schema schema();

    Object convert(Object value);
  }

  private record Simple(org.apache.avro.Schema schema, Function<Object, Object> converter) implements Mapping {
    @Override
    public Object convert(Object value) {
      return value == null ? null : converter.apply(value);
    }
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final org.apache.avro.Schema NULL = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);

  /** Named Avro types defined so far, so one Connect struct used twice is one Avro record. */
  private final Map<String, Defined> named = new HashMap<>();
  private int unnamed;

  private record Defined(Schema connect, Mapping mapping) {}

  private ConnectToAvro() {}

  static Mapping of(Schema connect) {
    return new ConnectToAvro().map(connect);
  }

  /** The schema itself, as a union with null first when it is optional. */
  private Mapping map(Schema connect) {
    Mapping required = required(connect);
    return connect.isOptional() ? nullable(required, true) : required;
  }

  /** A union of null and the schema (unions do not nest in Avro: a union gets null as one more branch). */
  private static Mapping nullable(Mapping mapping, boolean nullFirst) {
    List<org.apache.avro.Schema> branches = new ArrayList<>();
    if (nullFirst) {
      branches.add(NULL);
    }
    if (mapping.schema().getType() == org.apache.avro.Schema.Type.UNION) {
      branches.addAll(mapping.schema().getTypes());
    } else {
      branches.add(mapping.schema());
    }
    if (!nullFirst) {
      branches.add(NULL);
    }
    return new Simple(org.apache.avro.Schema.createUnion(branches), mapping::convert);
  }

  /** The schema without regard to its optionality. */
  private Mapping required(Schema connect) {
    String name = connect.name();
    if (name != null) {
      switch (name) {
        case Decimal.LOGICAL_NAME -> {
          return decimal(connect);
        }
        case Date.LOGICAL_NAME -> {
          return new Simple(LogicalTypes.date().addToSchema(primitive(org.apache.avro.Schema.Type.INT)),
              v -> Date.fromLogical(connect, (java.util.Date) v));
        }
        case Time.LOGICAL_NAME -> {
          return new Simple(LogicalTypes.timeMillis().addToSchema(primitive(org.apache.avro.Schema.Type.INT)),
              v -> Time.fromLogical(connect, (java.util.Date) v));
        }
        case Timestamp.LOGICAL_NAME -> {
          return new Simple(LogicalTypes.timestampMillis().addToSchema(primitive(org.apache.avro.Schema.Type.LONG)),
              v -> Timestamp.fromLogical(connect, (java.util.Date) v));
        }
        default -> {
          // a plain named schema
        }
      }
    }
    return switch (connect.type()) {
      case INT8 -> marked(primitive(org.apache.avro.Schema.Type.INT), "int8", v -> ((Byte) v).intValue());
      case INT16 -> marked(primitive(org.apache.avro.Schema.Type.INT), "int16", v -> ((Short) v).intValue());
      case INT32 -> logicalName(connect, primitive(org.apache.avro.Schema.Type.INT), v -> v);
      case INT64 -> logicalName(connect, primitive(org.apache.avro.Schema.Type.LONG), v -> v);
      case FLOAT32 -> new Simple(primitive(org.apache.avro.Schema.Type.FLOAT), v -> v);
      case FLOAT64 -> new Simple(primitive(org.apache.avro.Schema.Type.DOUBLE), v -> v);
      case BOOLEAN -> new Simple(primitive(org.apache.avro.Schema.Type.BOOLEAN), v -> v);
      case STRING -> string(connect);
      case BYTES -> bytes(connect);
      case ARRAY -> array(connect);
      case MAP -> map(connect.keySchema(), connect.valueSchema());
      case STRUCT -> AvroParameters.UNION.equals(name) ? union(connect) : struct(connect);
    };
  }

  private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
    return org.apache.avro.Schema.create(type);
  }

  private static Mapping marked(org.apache.avro.Schema schema, String connectType, Function<Object, Object> converter) {
    schema.addProp(AvroParameters.CONNECT_TYPE, connectType);
    return new Simple(schema, converter);
  }

  /** Restores a logical type that Connect had no schema for (kept as a parameter by AvroToConnect). */
  private static Mapping logicalName(Schema connect, org.apache.avro.Schema schema, Function<Object, Object> converter) {
    String logical = parameter(connect, AvroParameters.LOGICAL_TYPE);
    if (logical != null) {
      switch (logical) {
        case "timestamp-micros" -> LogicalTypes.timestampMicros().addToSchema(schema);
        case "timestamp-nanos" -> LogicalTypes.timestampNanos().addToSchema(schema);
        case "time-micros" -> LogicalTypes.timeMicros().addToSchema(schema);
        case "local-timestamp-millis" -> LogicalTypes.localTimestampMillis().addToSchema(schema);
        case "local-timestamp-micros" -> LogicalTypes.localTimestampMicros().addToSchema(schema);
        case "local-timestamp-nanos" -> LogicalTypes.localTimestampNanos().addToSchema(schema);
        case "uuid" -> LogicalTypes.uuid().addToSchema(schema);
        default -> schema.addProp("logicalType", logical);
      }
    }
    return new Simple(schema, converter);
  }

  private static String parameter(Schema connect, String key) {
    return connect.parameters() == null ? null : connect.parameters().get(key);
  }

  private Mapping string(Schema connect) {
    String enumName = parameter(connect, AvroParameters.ENUM);
    if (enumName == null) {
      return logicalName(connect, primitive(org.apache.avro.Schema.Type.STRING), v -> v);
    }
    String symbols = parameter(connect, AvroParameters.ENUM_SYMBOLS);
    if (symbols == null || symbols.isBlank()) {
      throw new DataException("Connect enum " + enumName + " has no symbols parameter");
    }
    Defined existing = named.get(enumName);
    if (existing != null) {
      return sameOrRefuse(enumName, connect, existing);
    }
    org.apache.avro.Schema avro = org.apache.avro.Schema.createEnum(simpleName(enumName), connect.doc(),
        namespace(enumName), List.of(symbols.split(",")));
    Mapping mapping = new Simple(avro, v -> new GenericData.EnumSymbol(avro, v.toString()));
    named.put(enumName, new Defined(connect, mapping));
    return mapping;
  }

  private Mapping bytes(Schema connect) {
    String fixedName = parameter(connect, AvroParameters.FIXED);
    if (fixedName == null) {
      return logicalName(connect, primitive(org.apache.avro.Schema.Type.BYTES), ConnectToAvro::byteBuffer);
    }
    return fixed(connect, fixedName, ConnectToAvro::bytesOf, schema -> schema, false);
  }

  /**
   * @param signExtend whether shorter values are two's-complement numbers to widen to the fixed size
   *     (decimals), rather than wrong
   */
  private Mapping fixed(Schema connect, String fixedName, Function<Object, byte[]> toBytes,
      Function<org.apache.avro.Schema, org.apache.avro.Schema> decorate, boolean signExtend) {
    Defined existing = named.get(fixedName);
    if (existing != null) {
      return sameOrRefuse(fixedName, connect, existing);
    }
    int size = Integer.parseInt(parameter(connect, AvroParameters.FIXED_SIZE));
    org.apache.avro.Schema avro = decorate.apply(
        org.apache.avro.Schema.createFixed(simpleName(fixedName), connect.doc(), namespace(fixedName), size));
    Mapping mapping = new Simple(avro, v -> {
      byte[] bytes = toBytes.apply(v);
      if (signExtend && bytes.length < size) {
        byte[] widened = new byte[size];
        java.util.Arrays.fill(widened, 0, size - bytes.length, bytes.length > 0 && bytes[0] < 0 ? (byte) -1 : 0);
        System.arraycopy(bytes, 0, widened, size - bytes.length, bytes.length);
        bytes = widened;
      }
      if (bytes.length != size) {
        throw new DataException("fixed " + fixedName + " takes " + size + " bytes, not " + bytes.length);
      }
      return new GenericData.Fixed(avro, bytes);
    });
    named.put(fixedName, new Defined(connect, mapping));
    return mapping;
  }

  private Mapping decimal(Schema connect) {
    int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
    String precisionParameter = parameter(connect, AvroParameters.DECIMAL_PRECISION);
    // Connect decimals have no precision; without one recorded, allow any (Avro requires one).
    int precision = precisionParameter != null ? Integer.parseInt(precisionParameter) : Math.max(scale, 64);
    Function<Object, byte[]> unscaled = v -> Decimal.fromLogical(connect, (BigDecimal) v);
    String fixedName = parameter(connect, AvroParameters.FIXED);
    if (fixedName != null) {
      return fixed(connect, fixedName, unscaled, schema -> LogicalTypes.decimal(precision, scale).addToSchema(schema), true);
    }
    return new Simple(LogicalTypes.decimal(precision, scale).addToSchema(primitive(org.apache.avro.Schema.Type.BYTES)),
        v -> ByteBuffer.wrap(unscaled.apply(v)));
  }

  private Mapping array(Schema connect) {
    Mapping element = map(connect.valueSchema());
    return new Simple(org.apache.avro.Schema.createArray(element.schema()), v -> {
      Collection<?> list = (Collection<?>) v;
      List<Object> converted = new ArrayList<>(list.size());
      for (Object item : list) {
        converted.add(element.convert(item));
      }
      return converted;
    });
  }

  private Mapping map(Schema keySchema, Schema valueSchema) {
    Mapping value = map(valueSchema);
    if (keySchema.type() == Schema.Type.STRING && !keySchema.isOptional() && keySchema.parameters() == null) {
      return new Simple(org.apache.avro.Schema.createMap(value.schema()), v -> {
        Map<?, ?> map = (Map<?, ?>) v;
        Map<String, Object> converted = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((k, item) -> converted.put((String) k, value.convert(item)));
        return converted;
      });
    }
    // Avro map keys are strings: any other key travels as an array of key/value records.
    Mapping key = map(keySchema);
    org.apache.avro.Schema entry = org.apache.avro.Schema.createRecord("MapEntry" + (++unnamed), null,
        AvroParameters.CONNECT_NAMESPACE, false, List.of(
            new org.apache.avro.Schema.Field("key", key.schema()),
            new org.apache.avro.Schema.Field("value", value.schema())));
    org.apache.avro.Schema array = org.apache.avro.Schema.createArray(entry);
    array.addProp(AvroParameters.CONNECT_TYPE, "map");
    return new Simple(array, v -> {
      List<Object> entries = new ArrayList<>();
      ((Map<?, ?>) v).forEach((k, item) -> {
        GenericRecord record = new GenericData.Record(entry);
        record.put(0, key.convert(k));
        record.put(1, value.convert(item));
        entries.add(record);
      });
      return entries;
    });
  }

  private Mapping struct(Schema connect) {
    String fullName = connect.name() != null && isValidFullName(connect.name()) ? connect.name()
        : AvroParameters.CONNECT_NAMESPACE + ".ConnectDefault" + (++unnamed);
    Defined existing = named.get(fullName);
    if (existing != null) {
      return sameOrRefuse(fullName, connect, existing);
    }
    org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(simpleName(fullName), connect.doc(),
        namespace(fullName), false);
    // defined before its fields, so a second use of the same struct inside refers to it
    Mapping[] fieldMappings = new Mapping[connect.fields().size()];
    Mapping mapping = new Simple(record, v -> {
      Struct struct = (Struct) v;
      GenericRecord converted = new GenericData.Record(record);
      for (int i = 0; i < fieldMappings.length; i++) {
        converted.put(i, fieldMappings[i].convert(struct.get(connect.fields().get(i))));
      }
      return converted;
    });
    named.put(fullName, new Defined(connect, mapping));
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (Field field : connect.fields()) {
      if (!NAME.matcher(field.name()).matches()) {
        throw new DataException("field " + field.name() + " of " + fullName + " is not a valid Avro name");
      }
      Schema fieldSchema = field.schema();
      Object connectDefault = fieldSchema.defaultValue();
      Mapping required = required(fieldSchema);
      Mapping fieldMapping = required;
      Object avroDefault = connectDefault == null ? null : avroDefault(fieldSchema, connectDefault);
      if (fieldSchema.isOptional()) {
        // Avro wants a union's default to be of its first branch
        fieldMapping = nullable(required, avroDefault == null);
        if (avroDefault == null) {
          avroDefault = JsonProperties.NULL_VALUE;
        }
      }
      fieldMappings[field.index()] = fieldMapping;
      fields.add(avroDefault == null
          ? new org.apache.avro.Schema.Field(field.name(), fieldMapping.schema())
          : new org.apache.avro.Schema.Field(field.name(), fieldMapping.schema(), null, avroDefault));
    }
    record.setFields(fields);
    return mapping;
  }

  /** A union struct: one Avro union of its fields' types (null is added around it when it is optional). */
  private Mapping union(Schema connect) {
    List<org.apache.avro.Schema> branches = new ArrayList<>();
    List<Mapping> mappings = new ArrayList<>();
    for (Field field : connect.fields()) {
      Mapping branch = required(field.schema());
      branches.add(branch.schema());
      mappings.add(branch);
    }
    List<Field> fields = connect.fields();
    return new Simple(org.apache.avro.Schema.createUnion(branches), v -> {
      Struct struct = (Struct) v;
      for (int i = 0; i < fields.size(); i++) {
        Object branchValue = struct.get(fields.get(i));
        if (branchValue != null) {
          return mappings.get(i).convert(branchValue);
        }
      }
      throw new DataException("a union struct with no branch set cannot be written: " + struct);
    });
  }

  private static Mapping sameOrRefuse(String name, Schema connect, Defined existing) {
    if (!sameIgnoringOptional(existing.connect(), connect)) {
      throw new DataException("two different Connect schemas are both named " + name + "; Avro needs one definition per name");
    }
    return existing.mapping();
  }

  private static boolean sameIgnoringOptional(Schema a, Schema b) {
    return a.type() == b.type() && java.util.Objects.equals(a.name(), b.name())
        && java.util.Objects.equals(a.parameters(), b.parameters())
        && (a.type() != Schema.Type.STRUCT || a.fields().equals(b.fields()));
  }

  /** A Connect default as Avro's Field constructor takes it; null when it has no Avro form here. */
  private static Object avroDefault(Schema schema, Object value) {
    if (schema.name() != null) {
      return switch (schema.name()) {
        case Timestamp.LOGICAL_NAME -> asParsed(Timestamp.fromLogical(schema, (java.util.Date) value));
        case Date.LOGICAL_NAME -> Date.fromLogical(schema, (java.util.Date) value);
        case Time.LOGICAL_NAME -> Time.fromLogical(schema, (java.util.Date) value);
        default -> schema.type() == Schema.Type.STRUCT ? null : plainDefault(schema, value);
      };
    }
    return plainDefault(schema, value);
  }

  private static Object plainDefault(Schema schema, Object value) {
    return switch (schema.type()) {
      case INT8 -> ((Byte) value).intValue();
      case INT16 -> ((Short) value).intValue();
      case INT64 -> asParsed((Long) value);
      case FLOAT32 -> ((Float) value).doubleValue();
      case INT32, FLOAT64, BOOLEAN, STRING -> value;
      case BYTES -> parameter(schema, AvroParameters.FIXED) == null && schema.name() == null ? bytesOf(value) : null;
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          Object converted = item == null ? JsonProperties.NULL_VALUE : avroDefault(schema.valueSchema(), item);
          if (converted == null) {
            yield null;
          }
          items.add(converted);
        }
        yield items;
      }
      case MAP -> {
        if (schema.keySchema().type() != Schema.Type.STRING) {
          yield null;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          Object converted = entry.getValue() == null ? JsonProperties.NULL_VALUE
              : avroDefault(schema.valueSchema(), entry.getValue());
          if (converted == null) {
            yield null;
          }
          entries.put((String) entry.getKey(), converted);
        }
        yield entries;
      }
      case STRUCT -> null;
    };
  }

  /** A long default as Avro's parser reads the same JSON (an int when it fits), so equal schemas compare equal. */
  private static Object asParsed(long value) {
    if (value == (int) value) {
      return Integer.valueOf((int) value); // (not a ?: expression: that would promote it back to a Long)
    }
    return Long.valueOf(value);
  }

  private static ByteBuffer byteBuffer(Object value) {
    return ByteBuffer.wrap(bytesOf(value));
  }

  private static byte[] bytesOf(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] copy = new byte[view.remaining()];
      view.get(copy);
      return copy;
    }
    throw new DataException("expected bytes, got " + value.getClass().getName());
  }

  private static boolean isValidFullName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (!NAME.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String simpleName(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? fullName : fullName.substring(dot + 1);
  }

  private static String namespace(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? null : fullName.substring(0, dot);
  }
}
