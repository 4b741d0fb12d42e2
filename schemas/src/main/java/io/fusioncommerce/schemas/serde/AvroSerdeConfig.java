package io.fusioncommerce.schemas.serde;

import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration keys, named as Confluent's serde names them, so the same properties files work when a
 * serde is created by Kafka from configuration (console tools, Connect) rather than in code.
 */
public final class AvroSerdeConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** The fully qualified class of the specific record a deserializer reads into. */
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";

  private AvroSerdeConfig() {}

  static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL + " is required");
    }
    return new HttpSchemaRegistryClient(url.toString().split(",")[0].trim());
  }

  static boolean autoRegister(Map<String, ?> configs) {
    Object value = configs.get(AUTO_REGISTER_SCHEMAS);
    return value == null || Boolean.parseBoolean(value.toString());
  }
}
