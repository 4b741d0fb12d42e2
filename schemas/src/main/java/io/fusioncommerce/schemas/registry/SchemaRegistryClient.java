package io.fusioncommerce.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API the platform uses. Any compatible registry
 * (Confluent, Apicurio's ccompat API, Karapace, Redpanda) answers it.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The schema with this global id. */
  Schema schemaById(int id);

  /** The newest version registered under {@code subject}, if any. */
  Optional<RegisteredSchema> latest(String subject);

  /** Whether {@code schema} may be registered under {@code subject} by the registry's compatibility rule. */
  boolean isCompatible(String subject, Schema schema);

  /** The registry-wide compatibility level (e.g. BACKWARD). */
  String globalCompatibility();

  /** Sets the registry-wide compatibility level. */
  void setGlobalCompatibility(String level);

  record RegisteredSchema(String subject, int id, int version, Schema schema) {}
}
