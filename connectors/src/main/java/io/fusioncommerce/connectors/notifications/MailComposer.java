package io.fusioncommerce.connectors.notifications;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a mail from its Mustache templates ({@code notifications/templates/<kind>.html.mustache} and
 * {@code .txt.mustache}) into a multipart/alternative message (text first, HTML preferred), from the
 * tenant's sender, with a Message-ID derived from the event: the same event always makes the same
 * Message-ID, so a receiver that deduplicates by it drops the copy of a mail sent twice.
 */
public final class MailComposer {

  /** The domain part of every Message-ID the platform makes. */
  static final String MESSAGE_ID_DOMAIN = "notifications.fusioncommerce.invalid";

  private final MustacheFactory templates = new DefaultMustacheFactory("notifications/templates");
  private final Session session;

  public MailComposer(Session session) {
    this.session = session;
  }

  /** A rendered mail: the message to send, and what the ledger keeps of it. */
  public record Composed(MimeMessage message, String subject, String messageId) {}

  public Composed compose(MailTrigger trigger, SenderProfile sender, String recipient, Instant at) {
    Map<String, Object> scope = new HashMap<>(trigger.values());
    scope.put("brandName", sender.brandName());
    scope.put("accentColor", sender.accentColor());
    scope.put("footer", sender.footer());
    scope.put("hasFooter", sender.footer() != null && !sender.footer().isBlank());
    String subject = sender.brandName() + ": " + render(trigger.kind().template() + ".subject", scope).strip();
    String messageId = messageId(trigger.tenantId(), trigger.eventId());
    try {
      MimeMessage message = new FixedIdMessage(session, messageId);
      message.setFrom(new InternetAddress(sender.fromAddress(), sender.fromName(), StandardCharsets.UTF_8.name()));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(at));
      message.setHeader("X-Fusion-Event-Id", trigger.eventId());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(render(trigger.kind().template() + ".txt", scope), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(render(trigger.kind().template() + ".html", scope), StandardCharsets.UTF_8.name(), "html");
      message.setContent(new MimeMultipart("alternative", text, html));
      message.saveChanges();
      return new Composed(message, subject, messageId);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("cannot compose the mail of event " + trigger.eventId(), e);
    }
  }

  /** {@code <event@tenant.domain>} of the characters a Message-ID may carry. */
  static String messageId(String tenantId, String eventId) {
    return "<" + eventId.replaceAll("[^A-Za-z0-9._-]", "_") + "@" + tenantId.replaceAll("[^A-Za-z0-9-]", "-")
        + "." + MESSAGE_ID_DOMAIN + ">";
  }

  private String render(String template, Map<String, Object> scope) {
    StringWriter out = new StringWriter();
    templates.compile(template + ".mustache").execute(out, scope);
    return out.toString();
  }

  /** A message whose Message-ID is ours, not one Jakarta Mail makes up on saveChanges(). */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
