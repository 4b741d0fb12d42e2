package io.fusioncommerce.schemas.envelope;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids for what a processor emits. An event's id is derived from the id of the command
 * (or event) that caused it, so reprocessing the same input after a crash yields the same ids and
 * consumers can deduplicate.
 */
public final class EventIds {

  private EventIds() {}

  public static String derive(String causeId, String purpose) {
    return UUID.nameUUIDFromBytes((causeId + "|" + purpose).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
