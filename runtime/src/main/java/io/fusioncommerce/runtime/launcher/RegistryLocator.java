package io.fusioncommerce.runtime.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the schema registry the build unpacked into {@code runtime/target/apicurio-registry}, next to
 * the launcher's own classes or jar.
 */
public final class RegistryLocator {

  public static final String PROPERTY = "fusion.registry.home";

  private RegistryLocator() {}

  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path code = Path.of(RegistryLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/classes or target/runtime-x.jar -> target/apicurio-registry
      Path target = Files.isDirectory(code) ? code.getParent() : code.getParent();
      return target.resolve("apicurio-registry");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the schema registry; set -D" + PROPERTY, e);
    }
  }
}
