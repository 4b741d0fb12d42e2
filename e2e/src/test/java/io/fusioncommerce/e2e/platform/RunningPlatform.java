package io.fusioncommerce.e2e.platform;

import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/**
 * An embedded platform that {@link PlatformExtension} started on a data dir of its own; closing it stops
 * the platform and deletes the data dir. It lives in a JUnit extension store, which closes what it holds
 * when the run (the shared platform, in the root store) or the class ({@link OwnPlatform}) is over.
 */
public final class RunningPlatform implements AutoCloseable {

  private final Path dataDir;
  private final boolean shared;
  private final boolean analytics;
  private EmbeddedPlatform platform;

  private RunningPlatform(Path dataDir, boolean shared, boolean analytics) {
    this.dataDir = dataDir;
    this.shared = shared;
    this.analytics = analytics;
    this.platform = TestPlatforms.start(dataDir, analytics);
  }

  static RunningPlatform start(String name, boolean shared, boolean analytics) {
    try {
      return new RunningPlatform(Files.createTempDirectory("fusion-e2e-" + name), shared, analytics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The platform as it runs now (another instance after {@link #restart()}). */
  public EmbeddedPlatform platform() {
    return platform;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the platform and starts it again on the same data dir, as `./fusion start` after a stop. */
  public EmbeddedPlatform restart() {
    if (shared) {
      throw new IllegalStateException("the shared platform is not restarted; mark the class @OwnPlatform");
    }
    platform.close();
    platform = TestPlatforms.start(dataDir, analytics);
    return platform;
  }

  @Override
  public void close() throws IOException {
    // the data dir goes even when the platform did not stop cleanly
    try (Closeable deleteDataDir = () -> PathUtils.deleteDirectory(dataDir)) {
      platform.close();
    }
  }
}
