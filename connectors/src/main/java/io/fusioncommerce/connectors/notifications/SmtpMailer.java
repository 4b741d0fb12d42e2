package io.fusioncommerce.connectors.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Hands messages to the SMTP server of {@link SmtpSettings} (Jakarta Mail, Eclipse Angus). */
public final class SmtpMailer implements Mailer {

  private static final String TIMEOUT_MS = "10000";

  private final SmtpSettings settings;
  private final Session session;

  public SmtpMailer(SmtpSettings settings) {
    this.settings = settings;
    Properties properties = new Properties();
    properties.put("mail.smtp.host", settings.host());
    properties.put("mail.smtp.port", Integer.toString(settings.port()));
    properties.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    properties.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    // a server that hangs must not hold the worker's partition for ever
    properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    properties.put("mail.smtp.timeout", TIMEOUT_MS);
    properties.put("mail.smtp.writetimeout", TIMEOUT_MS);
    this.session = Session.getInstance(properties);
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public void send(MimeMessage message) throws MessagingException {
    if (settings.username() != null) {
      Transport.send(message, settings.username(), settings.password());
    } else {
      Transport.send(message);
    }
  }
}
