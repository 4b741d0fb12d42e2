package io.fusioncommerce.connectors.notifications;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one event into at most one mail, once.
 *
 * <p>The order of the steps is the whole design (ADR 0025): (1) the ledger is asked whether the event's
 * mail went out already (once the event is known to have a recipient), and a redelivered event stops
 * there; (2) the mail is handed to the SMTP server; (3) the ledger records it. Only a crash, or a ledger that cannot be written, between the server's
 * "250 OK" and the ledger's commit sends a mail twice; that copy has the same Message-ID. Anything that
 * fails before the server took the mail is thrown as {@link MailUnavailableException} and tried again.
 */
public final class NotificationDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  /** Recording a mail already sent: 100 ms doubling to 5 s, for up to a minute. */
  private static final RetryPolicy<Object> LEDGER_RETRIES = RetryPolicy.builder()
      .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5))
      .withMaxDuration(Duration.ofMinutes(1))
      .withMaxRetries(-1)
      .build();

  /** What became of an event. */
  public enum Outcome { SENT, ALREADY_SENT, NO_MAIL, NO_RECIPIENT }

  private final NotificationStore store;
  private final Mailer mailer;
  private final MailComposer composer;
  private final String deploymentFrom;
  private final Clock clock;

  public NotificationDispatcher(NotificationStore store, Mailer mailer, String deploymentFrom, Clock clock) {
    this.store = store;
    this.mailer = mailer;
    this.composer = new MailComposer(mailer.session());
    this.deploymentFrom = deploymentFrom;
    this.clock = clock;
  }

  /** @throws MailUnavailableException when the mail could not be sent now (SMTP or the ledger down) */
  public Outcome dispatch(String topic, Object event) {
    Optional<MailTrigger> found = MailTriggers.of(topic, event);
    if (found.isEmpty()) {
      return Outcome.NO_MAIL;
    }
    MailTrigger trigger = found.get();
    try {
      if (trigger.orderEmail() != null && trigger.orderId() != null) {
        store.rememberOrderEmail(trigger.tenantId(), trigger.orderId(), trigger.orderEmail());
      }
      // who first: most orders carry no e-mail, and their status changes then cost no ledger query
      Optional<String> recipient = recipient(trigger).flatMap(EmailAddresses::valid);
      if (recipient.isEmpty()) {
        LOG.atDebug().addKeyValue("tenant", trigger.tenantId()).addKeyValue("event", trigger.eventId())
            .addKeyValue("kind", trigger.kind()).log("no e-mail address to send to; no mail");
        return Outcome.NO_RECIPIENT;
      }
      if (store.alreadySent(trigger.tenantId(), trigger.eventId())) {
        return Outcome.ALREADY_SENT;
      }
      SenderProfile sender = store.senderProfile(trigger.tenantId())
          .orElseGet(() -> SenderProfile.defaults(trigger.tenantId(), deploymentFrom));
      Instant at = clock.instant();
      MailComposer.Composed mail = composer.compose(trigger, sender, recipient.get(), at);
      try {
        mailer.send(mail.message());
      } catch (MessagingException e) {
        throw new MailUnavailableException("the SMTP server did not take the mail of event " + trigger.eventId(), e);
      }
      // from here until the ledger's commit, a crash sends this mail again on redelivery (same Message-ID);
      // a ledger that fails is tried again here, for a while, rather than by sending the mail again
      SentNotification sent = new SentNotification(trigger.tenantId(), trigger.eventId(), trigger.kind(),
          recipient.get(), mail.subject(), mail.messageId(), trigger.orderId(), trigger.sku(), at);
      Failsafe.with(LEDGER_RETRIES).run(() -> store.recordSent(sent));
      return Outcome.SENT;
    } catch (FailsafeException e) {
      throw new MailUnavailableException("the notifications ledger failed for event " + trigger.eventId(), e);
    } catch (RuntimeException e) {
      if (e instanceof MailUnavailableException) {
        throw e;
      }
      if (e instanceof IllegalArgumentException) {
        throw e; // a mail that cannot be composed: trying again cannot help
      }
      throw new MailUnavailableException("the notifications ledger failed for event " + trigger.eventId(), e);
    }
  }

  private Optional<String> recipient(MailTrigger trigger) {
    return switch (trigger.kind().audience()) {
      case CUSTOMER -> trigger.orderEmail() != null ? Optional.of(trigger.orderEmail())
          : store.orderEmail(trigger.tenantId(), trigger.orderId());
      case VENDOR -> Optional.ofNullable(trigger.vendorId())
          .or(() -> store.vendorOfSku(trigger.tenantId(), trigger.sku()))
          .flatMap(vendor -> store.vendorEmail(trigger.tenantId(), vendor));
    };
  }
}
