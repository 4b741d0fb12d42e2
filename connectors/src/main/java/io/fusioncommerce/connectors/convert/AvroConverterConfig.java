package io.fusioncommerce.connectors.convert;

import io.fusioncommerce.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The converter's settings, named as Confluent's AvroConverter names them, so a connector
 * configuration written for that converter works with this one by changing only the class name.
 * Connect passes them with the converter's prefix stripped ({@code value.converter.schema.registry.url}).
 */
final class AvroConverterConfig extends AbstractConfig {

  static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
  static final String AUTO_REGISTER_SCHEMAS = AvroSerdeConfig.AUTO_REGISTER_SCHEMAS;
  static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";
  static final String FIELD_NAME_STYLE = "field.name.style";
  static final String AS_WRITTEN = "as_written";
  static final String SNAKE_CASE = "snake_case";

  static final ConfigDef DEFINITION = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
          "Base URL of a registry speaking the Confluent Schema Registry REST API (for Apicurio: its "
              + "/apis/ccompat/v7 URL). With several comma-separated URLs the first is used.")
      .define(AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
          "Whether data written to Kafka (source connectors) registers its schema under the topic's subject; "
              + "when false the schema must already be the subject's latest version.")
      .define(SCHEMAS_CACHE_SIZE, ConfigDef.Type.INT, 1000, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
          "How many schemas (by id when reading, by Connect schema when writing) keep their translation cached.")
      .define(FIELD_NAME_STYLE, ConfigDef.Type.STRING, AS_WRITTEN, ConfigDef.ValidString.in(AS_WRITTEN, SNAKE_CASE),
          ConfigDef.Importance.LOW,
          "How record fields are named in the Connect data read from Kafka: as_written, or snake_case "
              + "(orderId becomes order_id) for sinks whose columns are named so. The names are translated "
              + "once per schema, where a field-renaming transformation would work on every record.");

  AvroConverterConfig(Map<String, ?> settings) {
    super(DEFINITION, settings);
  }

  String registryUrl() {
    return getList(SCHEMA_REGISTRY_URL).get(0).trim();
  }

  boolean autoRegister() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  boolean snakeCaseFields() {
    return SNAKE_CASE.equals(getString(FIELD_NAME_STYLE));
  }

  int cacheSize() {
    return getInt(SCHEMAS_CACHE_SIZE);
  }
}
