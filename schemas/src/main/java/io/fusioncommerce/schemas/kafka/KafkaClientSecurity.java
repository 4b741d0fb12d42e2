package io.fusioncommerce.schemas.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How every Kafka client of this process talks to the brokers: PLAINTEXT (the default), SSL or
 * SASL_SSL, with trust store, key store (client certificates) and SASL settings passed through
 * from the environment. Role mode installs it once at start ({@link #install}); every place that
 * builds client properties (Streams, producers, consumers, admin clients, the workers) calls
 * {@link #applyTo}, so no client can be built that skips it.
 *
 * @param properties Kafka client properties ({@code security.protocol}, {@code ssl.*}, {@code sasl.*})
 */
public record KafkaClientSecurity(Map<String, String> properties) {

  public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity(Map.of());

  /** Environment variable → client property; the names are Kafka's, upper-cased, with a KAFKA_ prefix. */
  static final Map<String, String> VARIABLES = variables();
  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final AtomicReference<KafkaClientSecurity> CURRENT = new AtomicReference<>(PLAINTEXT);

  public KafkaClientSecurity {
    properties = Map.copyOf(properties);
  }

  private static Map<String, String> variables() {
    Map<String, String> names = new LinkedHashMap<>();
    for (String property : new String[] {"security.protocol",
        "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
        "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
        "ssl.endpoint.identification.algorithm", "sasl.mechanism", "sasl.jaas.config"}) {
      names.put("KAFKA_" + property.replace('.', '_').toUpperCase(java.util.Locale.ROOT), property);
    }
    return Map.copyOf(names);
  }

  /** From {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION} and the like; checked up front. */
  public static KafkaClientSecurity fromEnvironment(Map<String, String> env) {
    Map<String, String> properties = new HashMap<>();
    VARIABLES.forEach((variable, property) -> {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        properties.put(property, value.strip());
      }
    });
    String protocol = properties.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(java.util.Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", not " + protocol);
    }
    properties.put("security.protocol", protocol);
    if (protocol.startsWith("SASL_") && (!properties.containsKey("sasl.mechanism")
        || !properties.containsKey("sasl.jaas.config"))) {
      throw new IllegalArgumentException(
          "KAFKA_SECURITY_PROTOCOL=" + protocol + " needs KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG");
    }
    if (!protocol.endsWith("SSL") && properties.keySet().stream().anyMatch(name -> name.startsWith("ssl."))) {
      throw new IllegalArgumentException("KAFKA_SSL_* is set but KAFKA_SECURITY_PROTOCOL is " + protocol
          + " (SSL or SASL_SSL to encrypt)");
    }
    return protocol.equals("PLAINTEXT") && properties.size() == 1 ? PLAINTEXT : new KafkaClientSecurity(properties);
  }

  /** Sets this process's security for every client built from now on (role mode, once, before any client). */
  public static void install(KafkaClientSecurity security) {
    CURRENT.set(security);
  }

  public static KafkaClientSecurity current() {
    return CURRENT.get();
  }

  public boolean encrypted() {
    return properties.getOrDefault("security.protocol", "PLAINTEXT").endsWith("SSL");
  }

  /** The client properties {@code base} with this process's security added (a new map). */
  public static Map<String, Object> applyTo(Map<String, Object> base) {
    Map<String, Object> all = new HashMap<>(base);
    all.putAll(current().properties());
    return all;
  }

  public static Properties applyTo(Properties base) {
    base.putAll(current().properties());
    return base;
  }

  @Override
  public String toString() {
    // passwords and the JAAS line never reach a log
    return "KafkaClientSecurity" + properties.keySet();
  }
}
