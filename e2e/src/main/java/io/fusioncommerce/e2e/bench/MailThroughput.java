package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.connectors.notifications.NotificationDispatcher;
import io.fusioncommerce.connectors.notifications.NotificationStore;
import io.fusioncommerce.connectors.notifications.SenderProfile;
import io.fusioncommerce.connectors.notifications.SentNotification;
import io.fusioncommerce.connectors.notifications.SmtpMailer;
import io.fusioncommerce.runtime.embedded.EmbeddedMailServer;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mails per second of one notification worker's sending step: confirmation events dispatched back to
 * back on one thread (render the Mustache templates, one SMTP session per mail to a local GreenMail). The
 * Postgres ledger is left out (an in-memory set stands in), so the figure is the template and SMTP cost,
 * an upper bound for the worker, whose ledger adds two short transactions per mail.
 *
 * <p>Run: {@code e2e/run-benchmark mail [seconds]} (or this class's main).
 */
public final class MailThroughput {

  public static void main(String[] args) {
    int seconds = BenchLauncher.argument(args, 0, 20);
    try (EmbeddedMailServer smtp = EmbeddedMailServer.start()) {
      NotificationDispatcher dispatcher = new NotificationDispatcher(new SentInMemory(),
          new SmtpMailer(smtp.smtpSettings()), EmbeddedMailServer.FROM, Clock.systemUTC());
      run(dispatcher, Duration.ofSeconds(Math.min(5, seconds)), "warm-up");
      run(dispatcher, Duration.ofSeconds(seconds), "measured");
    }
  }

  private static void run(NotificationDispatcher dispatcher, Duration duration, String label) {
    long begin = System.nanoTime();
    long end = begin + duration.toNanos();
    int sent = 0;
    while (System.nanoTime() < end) {
      String id = label + "-" + sent;
      dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), OrderStatusChanged.newBuilder().setEventId(id)
          .setTenantId("bench").setOccurredAt(Instant.now()).setCorrelationId(id).setOrderId("o-" + id)
          .setCustomerId("c").setToStatus("CONFIRMED").setTotal(new Money(1999L, "USD"))
          .setEmail("buyer@bench.example").build());
      sent++;
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    System.out.printf("%s: %d mails in %.1f s = %.0f mails/s%n", label, sent, elapsed, sent / elapsed);
  }

  /** The ledger's contract without Postgres: what this process sent. */
  private static final class SentInMemory implements NotificationStore {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    @Override
    public boolean alreadySent(String tenantId, String eventId) {
      return sent.contains(tenantId + "/" + eventId);
    }

    @Override
    public void recordSent(SentNotification notification) {
      sent.add(notification.tenantId() + "/" + notification.eventId());
    }

    @Override
    public Optional<SenderProfile> senderProfile(String tenantId) {
      return Optional.empty();
    }

    @Override
    public void rememberOrderEmail(String tenantId, String orderId, String email) {}

    @Override
    public Optional<String> orderEmail(String tenantId, String orderId) {
      return Optional.empty();
    }

    @Override
    public Optional<String> vendorEmail(String tenantId, String vendorId) {
      return Optional.empty();
    }

    @Override
    public Optional<String> vendorOfSku(String tenantId, String sku) {
      return Optional.empty();
    }
  }
}
