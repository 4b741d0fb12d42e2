package io.fusioncommerce.topologies.campaigns;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Names derived from a campaign's identity: participant store keys and group-order ids (deterministic,
 * so a replay never places a second order for the same participant). Invite codes are signed, with a
 * secret: {@link InviteCodes}.
 */
public final class CampaignCodes {

  private static final char SEPARATOR = '\u001f';

  private CampaignCodes() {}

  public static String groupOrderId(String tenantId, String campaignId, String customerId) {
    return UUID.nameUUIDFromBytes(("group-order" + SEPARATOR + tenantId + SEPARATOR + campaignId + SEPARATOR
        + customerId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Key of a participant in the participant store; all of a campaign's share {@link #participantPrefix}. */
  public static String participantKey(String tenantId, String campaignId, String customerId) {
    return participantPrefix(tenantId, campaignId) + customerId;
  }

  public static String participantPrefix(String tenantId, String campaignId) {
    return tenantId + SEPARATOR + campaignId + SEPARATOR;
  }

  public static String inviteKey(String tenantId, String campaignId, String code) {
    return tenantId + SEPARATOR + campaignId + SEPARATOR + code.toLowerCase(Locale.ROOT);
  }

  /** Timer keys sort by due time as strings: {@code <13-digit millis>|tenant|campaign}. */
  static String timerKey(long dueMillis, String tenantId, String campaignId) {
    return String.format("%013d%c%s%c%s", dueMillis, SEPARATOR, tenantId, SEPARATOR, campaignId);
  }

  static String timersUpTo(long nowMillis) {
    return String.format("%013d%c~", nowMillis, SEPARATOR);
  }

  static String[] timerParts(String key) {
    return key.split(String.valueOf(SEPARATOR), 3);
  }
}
