package io.fusioncommerce.topologies.campaigns;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed invite codes. A code is an opaque id (derived from the participant, so a replay yields the same
 * code) followed by a tag: both HMAC-SHA256 under a key of the campaign, itself derived from the platform's
 * secret, tenant and campaign. Nobody without the secret can compute a customer's code (and so claim their
 * referrals or learn who they are from a guessed id) or forge one that verifies; {@link #verify} compares
 * tags in constant time. The unkeyed 12-character codes of earlier versions do not verify.
 */
public final class InviteCodes {

  /** Secrets shorter than this (in bytes) are refused: the tag is only as strong as its key. */
  public static final int MIN_SECRET_BYTES = 32;
  static final int ID_LENGTH = 8;
  static final int TAG_LENGTH = 14;
  public static final int CODE_LENGTH = ID_LENGTH + TAG_LENGTH;
  private static final char SEPARATOR = '\u001f';
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;

  private InviteCodes(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the invite code secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.secret = secret.clone();
  }

  public static InviteCodes withSecret(byte[] secret) {
    return new InviteCodes(secret);
  }

  /** A secret as configured: base64 of at least {@value #MIN_SECRET_BYTES} bytes, or a long passphrase. */
  public static InviteCodes withSecret(String secret) {
    String value = secret == null ? "" : secret.strip();
    try {
      byte[] decoded = Base64.getDecoder().decode(value);
      if (decoded.length >= MIN_SECRET_BYTES) {
        return new InviteCodes(decoded);
      }
    } catch (IllegalArgumentException notBase64) {
      // a passphrase: its bytes are the key
    }
    return new InviteCodes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The invite code of a participant, or of the campaign itself for {@code customerId} null. */
  public String issue(String tenantId, String campaignId, String customerId) {
    byte[] campaignKey = campaignKey(tenantId, campaignId);
    String id = encode(hmac(campaignKey, "id" + SEPARATOR + (customerId == null ? "" : customerId)), ID_LENGTH);
    return id + tag(campaignKey, id);
  }

  /** True when {@code code} was issued for this tenant's campaign (constant-time tag comparison). */
  public boolean verify(String tenantId, String campaignId, String code) {
    if (code == null || code.length() != CODE_LENGTH) {
      return false;
    }
    String normalised = code.toLowerCase(java.util.Locale.ROOT);
    String id = normalised.substring(0, ID_LENGTH);
    byte[] expected = tag(campaignKey(tenantId, campaignId), id).getBytes(StandardCharsets.US_ASCII);
    byte[] given = normalised.substring(ID_LENGTH).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private String tag(byte[] campaignKey, String id) {
    return encode(hmac(campaignKey, "tag" + SEPARATOR + id), TAG_LENGTH);
  }

  private byte[] campaignKey(String tenantId, String campaignId) {
    return hmac(secret, "invite" + SEPARATOR + tenantId + SEPARATOR + campaignId);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Five bits per character from the front of {@code bytes}, in an alphabet without look-alikes. */
  private static String encode(byte[] bytes, int length) {
    StringBuilder code = new StringBuilder(length);
    int buffer = 0;
    int bits = 0;
    int next = 0;
    while (code.length() < length) {
      if (bits < 5) {
        buffer = (buffer << 8) | (bytes[next++] & 0xff);
        bits += 8;
      }
      code.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
    return code.toString();
  }

  @Override
  public String toString() {
    return "InviteCodes[secret=***]";
  }
}
