package io.fusioncommerce.analytics.druid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Apache Druid as the build of {@code analytics/druid-distribution} lays it out: {@code lib/} with every
 * jar of Druid's services and extensions, and {@code druid.properties} naming the version. Druid's
 * children run on {@code lib/*}; nothing of it is on the platform's own class path.
 */
public record DruidDistribution(Path home, String version) {

  public static final String PROPERTY = "fusion.druid.home";
  public static final String ENVIRONMENT = "FUSION_DRUID_HOME";
  private static final Path BUILD_OUTPUT = Path.of("analytics", "druid-distribution", "target", "druid");

  /** Reads the distribution at {@code home}; fails with the command that builds it when it is missing. */
  public static DruidDistribution at(Path home) {
    Path descriptor = home.resolve("druid.properties");
    if (!Files.isRegularFile(descriptor) || !Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException("Apache Druid not found at " + home + "; build it with "
          + "./mvnw -pl analytics/druid-distribution package (it copies Druid from Maven Central)");
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(descriptor)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + descriptor, e);
    }
    return new DruidDistribution(home.toAbsolutePath().normalize(), properties.getProperty("druid.version", "unknown"));
  }

  /**
   * Where the distribution is: {@code -Dfusion.druid.home}, else {@code FUSION_DRUID_HOME}, else the
   * build output of a source checkout above the running code or the working directory.
   */
  public static DruidDistribution locate() {
    String configured = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENVIRONMENT));
    if (configured != null && !configured.isBlank()) {
      return at(Path.of(configured));
    }
    for (Path start : new Path[] {codeLocation(), Path.of("").toAbsolutePath()}) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(BUILD_OUTPUT).resolve("druid.properties"))) {
          return at(dir.resolve(BUILD_OUTPUT));
        }
      }
    }
    return at(Path.of("").toAbsolutePath().resolve(BUILD_OUTPUT));
  }

  /** The class path of every Druid process (ZooKeeper included: it is Druid's own zookeeper jar). */
  public String classPath() {
    return home.resolve("lib") + "/*";
  }

  private static Path codeLocation() {
    try {
      return Path.of(DruidDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
