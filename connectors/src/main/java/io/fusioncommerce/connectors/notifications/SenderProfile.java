package io.fusioncommerce.connectors.notifications;

/**
 * How a tenant's mails look and who they come from: the From name and address, the brand shown in the
 * header and the footer's line. A tenant that set none sends as the deployment's SMTP_FROM, under its id.
 *
 * @param accentColor a CSS hex colour such as {@code #0a7d53} (validated where it is set)
 */
public record SenderProfile(String fromName, String fromAddress, String brandName, String accentColor,
    String footer) {

  public static final String DEFAULT_ACCENT = "#1f4fd1";

  public static SenderProfile defaults(String tenantId, String deploymentFrom) {
    return new SenderProfile(tenantId, deploymentFrom, tenantId, DEFAULT_ACCENT, "");
  }
}
