package io.fusioncommerce.runtime.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Resolves {@code ${env:NAME}} placeholders in connector configurations for the embedded Connect
 * worker. On a Connect cluster the same placeholders are resolved from the worker's environment by
 * Kafka's EnvVarConfigProvider; here the launcher passes the values (e.g. the embedded Postgres port)
 * as provider parameters, and anything not passed falls back to the process environment.
 */
public final class SettingsConfigProvider implements ConfigProvider {

  private final Map<String, String> values = new HashMap<>();

  @Override
  public void configure(Map<String, ?> configs) {
    configs.forEach((key, value) -> values.put(key, String.valueOf(value)));
  }

  @Override
  public ConfigData get(String path) {
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(values);
    return new ConfigData(all);
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    Map<String, String> found = new HashMap<>();
    for (String key : keys) {
      String value = values.containsKey(key) ? values.get(key) : System.getenv(key);
      if (value != null) {
        found.put(key, value);
      }
    }
    return new ConfigData(found);
  }

  @Override
  public void close() {}
}
