package io.fusioncommerce.connectors.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector configurations shipped in {@code connectors/src/main/resources/connectors/}. The
 * index file lists them, so they load the same way from a jar and from a directory.
 */
public final class ConnectorCatalog {

  static final String DIRECTORY = "/connectors/";
  static final String INDEX = DIRECTORY + "index.txt";

  private ConnectorCatalog() {}

  public static List<ConnectorConfig> bundled() {
    ObjectMapper json = new ObjectMapper();
    List<ConnectorConfig> configs = new ArrayList<>();
    for (String file : index()) {
      try (InputStream in = ConnectorCatalog.class.getResourceAsStream(DIRECTORY + file)) {
        if (in == null) {
          throw new IllegalStateException("connector configuration " + file + " is listed but missing");
        }
        configs.add(json.readValue(in, ConnectorConfig.class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read connector configuration " + file, e);
      }
    }
    return configs;
  }

  private static List<String> index() {
    try (InputStream in = ConnectorCatalog.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
