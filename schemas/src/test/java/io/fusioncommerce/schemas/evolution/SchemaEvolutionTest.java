package io.fusioncommerce.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.idl.IdlReader;
import org.junit.jupiter.api.Test;

/**
 * The build's schema-evolution gate. Every named type in src/main/avro is compared with its published
 * form in src/test/resources/schema-baseline: the current schema must read everything the published one
 * wrote (BACKWARD, the registry's rule), and key records must not change at all, because Kafka
 * partitions by the serialized key.
 *
 * <p>Publishing a change deliberately: {@code ./mvnw -pl schemas test -Dschemas.updateBaseline=true},
 * then commit the baseline files with the schema change.
 */
class SchemaEvolutionTest {

  private static final Path SOURCES = Path.of("src/main/avro");
  private static final Path BASELINE = Path.of("src/test/resources/schema-baseline");

  @Test
  void currentSchemasReadEverythingThePublishedOnesWrote() throws IOException {
    Map<String, Schema> current = currentSchemas();
    if (Boolean.getBoolean("schemas.updateBaseline")) {
      writeBaseline(current);
    }
    Map<String, Schema> published = publishedSchemas();
    Set<String> keyTypes =
        Topics.ALL.stream().map(t -> t.keyType().getName()).collect(Collectors.toSet());

    List<String> problems = new ArrayList<>();
    for (var entry : published.entrySet()) {
      Schema now = current.get(entry.getKey());
      if (now == null) {
        problems.add(entry.getKey() + " was removed, but data written with it still exists");
        continue;
      }
      if (keyTypes.contains(entry.getKey()) && !now.equals(entry.getValue())) {
        problems.add(entry.getKey() + " is a key record and must not change (it decides partitions)");
        continue;
      }
      var result = SchemaCompatibility.checkReaderWriterCompatibility(now, entry.getValue());
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        problems.add(entry.getKey() + " cannot read data written by its published version: "
            + result.getResult().getIncompatibilities());
      }
    }
    for (String name : current.keySet()) {
      if (!published.containsKey(name)) {
        problems.add(name + " is new and has no baseline yet: publish it with -Dschemas.updateBaseline=true");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theGateCatchesAnIncompatibleChange() {
    Schema published = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema newRequiredField = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\"}]}");
    Schema newDefaultedField = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\",\"default\":0}]}");

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(newRequiredField, published).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(newDefaultedField, published).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }

  static Map<String, Schema> currentSchemas() throws IOException {
    Map<String, Schema> named = new TreeMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avdl")).sorted().toList()) {
        var idl = new IdlReader().parse(file);
        for (Schema schema : idl.getNamedSchemas().values()) {
          named.put(schema.getFullName(), schema);
        }
      }
    }
    return named;
  }

  private static Map<String, Schema> publishedSchemas() throws IOException {
    Map<String, Schema> published = new TreeMap<>();
    if (!Files.isDirectory(BASELINE)) {
      return published;
    }
    try (Stream<Path> files = Files.list(BASELINE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
        Schema schema = new Schema.Parser().parse(file.toFile());
        published.put(schema.getFullName(), schema);
      }
    }
    return published;
  }

  private static void writeBaseline(Map<String, Schema> current) throws IOException {
    Files.createDirectories(BASELINE);
    for (var entry : current.entrySet()) {
      Files.writeString(BASELINE.resolve(entry.getKey() + ".avsc"), entry.getValue().toString(true) + "\n");
    }
  }
}
