package io.fusioncommerce.connectors.notifications;

import java.util.Map;
import java.util.Optional;

/**
 * Where mail goes: an SMTP server (role mode: {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME},
 * {@code SMTP_PASSWORD}, {@code SMTP_STARTTLS}, {@code SMTP_FROM}; embedded mode: its local GreenMail).
 *
 * @param username   null: the server takes mail without logging in
 * @param startTls   true: STARTTLS is required before anything is sent (never falls back to plain text)
 * @param from       the address mails come from when a tenant set none
 */
public record SmtpSettings(String host, int port, String username, String password, boolean startTls, String from) {

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("SMTP_HOST is required");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("SMTP_PORT must be a port number, was " + port);
    }
    if (EmailAddresses.valid(from).isEmpty()) {
      throw new IllegalArgumentException("SMTP_FROM must be an e-mail address, was " + from);
    }
  }

  /** The settings of the environment; empty when {@code SMTP_HOST} is not set (no mail is sent then). */
  public static Optional<SmtpSettings> fromEnvironment(Map<String, String> env) {
    String host = env.get("SMTP_HOST");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault("SMTP_PORT", "587").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SMTP_PORT must be a number, was " + env.get("SMTP_PORT"));
    }
    String startTls = env.getOrDefault("SMTP_STARTTLS", "true").trim();
    if (!startTls.equals("true") && !startTls.equals("false")) {
      throw new IllegalArgumentException("SMTP_STARTTLS must be true or false, was " + startTls);
    }
    String username = env.get("SMTP_USERNAME");
    return Optional.of(new SmtpSettings(host.trim(), port, username == null || username.isBlank() ? null : username,
        env.getOrDefault("SMTP_PASSWORD", ""), Boolean.parseBoolean(startTls), env.get("SMTP_FROM")));
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***, startTls="
        + startTls + ", from=" + from + "]";
  }
}
