package io.fusioncommerce.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for topology tests run with TopologyTestDriver where no registry process
 * exists. Like Confluent's registry, one schema text gets one id across all subjects, and the
 * compatibility rule (BACKWARD by default) is checked against the subject's latest version.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private String compatibility = "BACKWARD";

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idsBySchema.get(schema);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    if (!isCompatible(subject, schema)) {
      throw new SchemaRegistryException(
          "schema " + schema.getFullName() + " is incompatible with the latest version of " + subject
              + " under " + compatibility, 409, 409);
    }
    int id = existing != null ? existing : idsBySchema.size() + 1;
    idsBySchema.putIfAbsent(schema, id);
    schemasById.putIfAbsent(id, schema);
    versions.add(id);
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("schema " + id + " not found", 404, 40403);
    }
    return schema;
  }

  @Override
  public synchronized Optional<RegisteredSchema> latest(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    int id = versions.get(versions.size() - 1);
    return Optional.of(new RegisteredSchema(subject, id, versions.size(), schemasById.get(id)));
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    Optional<RegisteredSchema> latest = latest(subject);
    if (latest.isEmpty() || "NONE".equals(compatibility)) {
      return true;
    }
    Schema previous = latest.get().schema();
    boolean backward = readable(schema, previous);
    boolean forward = readable(previous, schema);
    return switch (compatibility) {
      case "BACKWARD" -> backward;
      case "FORWARD" -> forward;
      case "FULL" -> backward && forward;
      default -> throw new IllegalStateException("unsupported compatibility " + compatibility);
    };
  }

  @Override
  public synchronized String globalCompatibility() {
    return compatibility;
  }

  @Override
  public synchronized void setGlobalCompatibility(String level) {
    this.compatibility = level;
  }

  private static boolean readable(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
