package io.fusioncommerce.e2e.platform;

import io.fusioncommerce.runtime.launcher.RegistryLocator;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.runtime.platform.PlatformSettings;
import java.nio.file.Path;

/** Boots the real embedded platform, as `./fusion start` does, on free ports. */
public final class TestPlatforms {

  private TestPlatforms() {}

  public static PlatformSettings settings(Path dataDir) {
    return PlatformSettings.defaults(dataDir, 0, RegistryLocator.locate());
  }

  public static EmbeddedPlatform start(Path dataDir) {
    return start(dataDir, false);
  }

  /** @param analytics start Apache Druid too, once the core is ready */
  public static EmbeddedPlatform start(Path dataDir, boolean analytics) {
    return EmbeddedPlatform.start(settings(dataDir), analytics);
  }
}
