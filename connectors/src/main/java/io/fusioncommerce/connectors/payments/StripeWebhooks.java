package io.fusioncommerce.connectors.payments;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Stripe webhooks: the Stripe-Signature header is verified with the SDK
 * ({@link Webhook#constructEvent}) against the endpoint's signing secret, with a tolerance for its age,
 * and the events that matter become payment commands: {@code payment_intent.succeeded} and
 * {@code payment_intent.payment_failed} outcomes, {@code refund.failed} a refund outcome. The payment
 * is found through the metadata the Stripe provider put on the intent; events of anything else are
 * acknowledged and ignored. The Stripe event id travels with the command, so a redelivered event
 * changes nothing.
 */
public final class StripeWebhooks {

  /** A webhook that could not be verified or read: answered 400, nothing changes. */
  public static final class RejectedWebhookException extends Exception {
    public RejectedWebhookException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What a verified webhook asks of the payment topology. */
  public record WebhookCommand(String eventId, String tenantId, String paymentId, SpecificRecord command) {}

  private final String secret;
  private final Duration tolerance;

  public StripeWebhooks(String secret, Duration tolerance) {
    this.secret = secret;
    this.tolerance = tolerance;
  }

  public Optional<WebhookCommand> read(String payload, String signatureHeader) throws RejectedWebhookException {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new RejectedWebhookException("no Stripe-Signature header", null);
    }
    Event event;
    try {
      event = Webhook.constructEvent(payload, signatureHeader, secret, tolerance.toSeconds());
    } catch (SignatureVerificationException e) {
      throw new RejectedWebhookException("the Stripe signature does not verify: " + e.getMessage(), e);
    } catch (RuntimeException e) { // the SDK's JSON parser: not an event at all
      throw new RejectedWebhookException("not a Stripe event", e);
    }
    StripeObject object;
    try {
      // our SDK's API version may differ from the endpoint's: read the object as it came
      object = event.getDataObjectDeserializer().deserializeUnsafe();
    } catch (EventDataObjectDeserializationException e) {
      throw new RejectedWebhookException("the event's object cannot be read", e);
    }
    return switch (event.getType()) {
      case "payment_intent.succeeded" -> intentOutcome(event, object, "SUCCEEDED");
      case "payment_intent.payment_failed" -> intentOutcome(event, object, "FAILED");
      case "refund.failed" -> refundFailed(event, object);
      default -> Optional.empty();
    };
  }

  private static Optional<WebhookCommand> intentOutcome(Event event, StripeObject object, String outcome) {
    if (!(object instanceof PaymentIntent intent)) {
      return Optional.empty();
    }
    return ours(intent.getMetadata()).map(ids -> {
      RecordPaymentOutcome.Builder command = RecordPaymentOutcome.newBuilder().setPaymentId(ids.paymentId())
          .setProviderEventId(event.getId()).setOutcome(outcome).setProviderReference(intent.getId());
      if (intent.getLastPaymentError() != null) {
        command.setFailureCode(intent.getLastPaymentError().getCode())
            .setFailureMessage(intent.getLastPaymentError().getMessage());
      }
      return new WebhookCommand(event.getId(), ids.tenantId(), ids.paymentId(), command.build());
    });
  }

  private static Optional<WebhookCommand> refundFailed(Event event, StripeObject object) {
    if (!(object instanceof Refund refund) || refund.getMetadata() == null
        || refund.getMetadata().get(StripeProvider.REFUND_KEY) == null) {
      return Optional.empty();
    }
    return ours(refund.getMetadata()).map(ids -> new WebhookCommand(event.getId(), ids.tenantId(), ids.paymentId(),
        RecordRefundOutcome.newBuilder().setPaymentId(ids.paymentId())
            .setRefundId(refund.getMetadata().get(StripeProvider.REFUND_KEY)).setSucceeded(false)
            .setProviderReference(refund.getId()).setFailureCode(refund.getFailureReason()).build()));
  }

  private record Ids(String tenantId, String paymentId) {}

  private static Optional<Ids> ours(Map<String, String> metadata) {
    if (metadata == null || metadata.get(StripeProvider.TENANT_KEY) == null
        || metadata.get(StripeProvider.PAYMENT_KEY) == null) {
      return Optional.empty(); // not a payment of this platform
    }
    return Optional.of(new Ids(metadata.get(StripeProvider.TENANT_KEY), metadata.get(StripeProvider.PAYMENT_KEY)));
  }
}
