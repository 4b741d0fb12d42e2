package io.fusioncommerce.schemas.registry;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.serde.SubjectNaming;
import org.apache.avro.specific.SpecificData;

/**
 * Registers every topic's key and value schema at start-up: an incompatible change is refused by the
 * registry before anything runs, and no stream thread ever waits on a first registration mid-flight.
 */
public final class ContractRegistration {

  private ContractRegistration() {}

  public static void registerAll(SchemaRegistryClient registry) {
    for (TopicContract<?, ?> topic : Topics.ALL) {
      register(registry, SubjectNaming.subject(topic.name(), true), topic.keyType());
      register(registry, SubjectNaming.subject(topic.name(), false), topic.valueType());
    }
  }

  private static void register(SchemaRegistryClient registry, String subject, Class<?> type) {
    try {
      registry.register(subject, SpecificData.get().getSchema(type));
    } catch (SchemaRegistryException e) {
      throw new IllegalStateException("the registry refused the schema of " + subject + ": " + e.getMessage(), e);
    }
  }
}
