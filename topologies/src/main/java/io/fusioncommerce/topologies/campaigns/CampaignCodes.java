package io.fusioncommerce.topologies.campaigns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * Names derived from a campaign's identity: invite codes (opaque, so an invite link does not reveal
 * a customer's id), participant store keys and group-order ids (deterministic, so a replay never
 * places a second order for the same participant).
 */
public final class CampaignCodes {

  private static final char SEPARATOR = '\u001f';
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private CampaignCodes() {}

  /** The invite code of a participant, or of the campaign itself for {@code customerId} null. */
  public static String invite(String tenantId, String campaignId, String customerId) {
    byte[] digest = sha256("invite" + SEPARATOR + tenantId + SEPARATOR + campaignId + SEPARATOR
        + (customerId == null ? "" : customerId));
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      code.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
    }
    return code.toString();
  }

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

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
