package io.fusioncommerce.connectors.payments;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.payments.ConfirmIntent;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.CreateRefund;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * One provider request in, one provider call, its answer out as a payment command. The idempotency
 * key is the request id (itself derived from the event that caused it), so handling a request twice
 * is one call at the provider and the same command twice, which the payment topology recognises.
 */
public final class PaymentRequestHandler {

  static final Actor WORKER = Actor.newBuilder().setSubject("payment-worker").setRoles(List.of()).build();
  /** Prefix of every idempotency key this platform sends, so they are recognisable in the provider's logs. */
  static final String KEY_PREFIX = "fc-";

  private final Map<String, PaymentProvider> providers;
  private final String defaultProvider;
  private final Clock clock;

  public PaymentRequestHandler(Map<String, PaymentProvider> providers, String defaultProvider, Clock clock) {
    if (!providers.containsKey(defaultProvider)) {
      throw new IllegalArgumentException("no provider " + defaultProvider + " among " + providers.keySet());
    }
    this.providers = Map.copyOf(providers);
    this.defaultProvider = defaultProvider;
    this.clock = clock;
  }

  /**
   * The command that answers {@code request}; empty when the provider's answer comes later (by
   * webhook). Throws {@link ProviderUnavailableException} when the call should be tried again.
   */
  public Optional<PaymentCommand> handle(PaymentProviderRequest request) {
    String providerName = request.getProvider() != null ? request.getProvider() : defaultProvider;
    PaymentProvider provider = providers.get(providerName);
    if (provider == null) {
      throw new IllegalStateException("payment " + request.getPaymentId() + " names provider " + providerName
          + ", which is not configured here");
    }
    String key = idempotencyKey(request);
    var reference = new PaymentProvider.Reference(request.getTenantId(), request.getPaymentId(), request.getOrderId());
    SpecificRecord answer = switch (request.getOperation()) {
      case CreateIntent create -> {
        var intent = provider.createIntent(new PaymentProvider.IntentRequest(reference, create.getAmount().getAmount(),
            create.getAmount().getCurrency(), create.getCustomerId()), key);
        yield new RecordIntentCreated(request.getPaymentId(), request.getRequestId(), provider.name(),
            intent.providerReference(), intent.clientSecret());
      }
      case ConfirmIntent confirm -> {
        var result = provider.confirm(new PaymentProvider.ConfirmRequest(reference, confirm.getProviderReference(),
            confirm.getPaymentMethod(), confirm.getAmount().getAmount(), confirm.getAmount().getCurrency(),
            confirm.getCompletesAction()), key);
        yield "PROCESSING".equals(result.outcome()) ? null : RecordPaymentOutcome.newBuilder()
            .setPaymentId(request.getPaymentId()).setRequestId(request.getRequestId()).setOutcome(result.outcome())
            .setProviderReference(confirm.getProviderReference()).setFailureCode(result.failureCode())
            .setFailureMessage(result.failureMessage()).build();
      }
      case CreateRefund refund -> {
        var result = provider.refund(new PaymentProvider.RefundRequest(reference, refund.getRefundId(),
            refund.getProviderReference(), refund.getAmount().getAmount(), refund.getAmount().getCurrency()), key);
        yield RecordRefundOutcome.newBuilder().setPaymentId(request.getPaymentId()).setRefundId(refund.getRefundId())
            .setSucceeded(result.succeeded()).setProviderReference(result.providerReference())
            .setFailureCode(result.failureCode()).build();
      }
      default -> throw new IllegalStateException("unknown provider operation " + request.getOperation().getClass());
    };
    // a provider request is not an enveloped message: its request id names it
    Cause cause = new Cause(request.getRequestId(), request.getTenantId(), request.getCorrelationId(), clock.instant(),
        null, null);
    return Optional.ofNullable(answer)
        .map(command -> cause.command(new PaymentCommand(), cause.derive("provider-answer"), WORKER, command));
  }

  static String idempotencyKey(PaymentProviderRequest request) {
    return KEY_PREFIX + request.getRequestId();
  }
}
