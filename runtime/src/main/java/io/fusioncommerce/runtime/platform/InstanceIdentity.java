package io.fusioncommerce.runtime.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A stable id for this instance, kept in its data dir, so a restart is recognised as the same member. */
final class InstanceIdentity {

  private InstanceIdentity() {}

  static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve("instance-id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      String id = "fusion-" + UUID.randomUUID().toString().substring(0, 8);
      Files.createDirectories(dataDir);
      Files.writeString(file, id + "\n");
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}
