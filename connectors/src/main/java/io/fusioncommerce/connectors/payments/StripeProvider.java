package io.fusioncommerce.connectors.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Locale;

/**
 * Stripe through its official SDK. One {@link StripeClient} per provider, with its own API key and
 * API base (no static {@code Stripe.apiKey}), so tests point it at a local stand-in and two
 * configurations can live in one process. Stripe takes amounts in the currency's smallest unit and
 * treats JPY as zero-decimal, which is exactly how the platform counts money: amounts go through as
 * they are, currencies in lower case.
 */
public final class StripeProvider implements PaymentProvider {

  public static final String NAME = "stripe";
  public static final String DEFAULT_API_BASE = "https://api.stripe.com";

  /** Metadata keys on every intent and refund: what the webhook needs to find the payment. */
  public static final String TENANT_KEY = "tenant_id";
  public static final String PAYMENT_KEY = "payment_id";
  public static final String ORDER_KEY = "order_id";
  public static final String REFUND_KEY = "refund_id";

  /**
   * @param apiKey the secret key (sk_...)
   * @param apiBase where the API is; {@link #DEFAULT_API_BASE} in production
   */
  public record Settings(String apiKey, String apiBase) {
    @Override
    public String toString() {
      return "StripeProvider.Settings[apiBase=" + apiBase + "]"; // never the key
    }
  }

  private final StripeClient client;

  public StripeProvider(Settings settings) {
    // the SDK's own retries stay off: the worker retries, with the same idempotency key
    this.client = StripeClient.builder().setApiKey(settings.apiKey()).setApiBase(settings.apiBase())
        .setMaxNetworkRetries(0).setConnectTimeout(5_000).setReadTimeout(20_000).build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Intent createIntent(IntentRequest request, String idempotencyKey) {
    PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
        .setAmount(request.amount()).setCurrency(request.currency().toLowerCase(Locale.ROOT))
        .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true)
            .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER).build())
        .putMetadata(TENANT_KEY, request.reference().tenantId())
        .putMetadata(PAYMENT_KEY, request.reference().paymentId())
        .putMetadata(ORDER_KEY, request.reference().orderId())
        .build();
    try {
      PaymentIntent intent = client.v1().paymentIntents().create(params, options(idempotencyKey));
      return new Intent(intent.getId(), intent.getClientSecret());
    } catch (StripeException e) {
      throw unavailableOr(e, () -> new IllegalStateException("Stripe refused the payment intent: " + e.getMessage(), e));
    }
  }

  @Override
  public Confirmation confirm(ConfirmRequest request, String idempotencyKey) {
    PaymentIntentConfirmParams.Builder params = PaymentIntentConfirmParams.builder();
    if (!request.completesAction()) {
      params.setPaymentMethod(request.paymentMethod());
    }
    try {
      PaymentIntent intent = client.v1().paymentIntents()
          .confirm(request.providerReference(), params.build(), options(idempotencyKey));
      return switch (intent.getStatus()) {
        case "succeeded" -> Confirmation.succeeded();
        case "requires_action" -> Confirmation.requiresAction();
        case "processing", "requires_capture" -> Confirmation.processing();
        default -> intent.getLastPaymentError() != null
            ? Confirmation.failed(intent.getLastPaymentError().getCode(), intent.getLastPaymentError().getMessage())
            : Confirmation.failed("payment_failed", "the payment intent is " + intent.getStatus());
      };
    } catch (CardException e) {
      return Confirmation.failed(e.getCode() != null ? e.getCode() : "card_declined", e.getUserMessage());
    } catch (StripeException e) {
      if (transientFailure(e)) {
        throw new ProviderUnavailableException("Stripe is not answering: " + e.getMessage(), e);
      }
      return Confirmation.failed(e.getCode() != null ? e.getCode() : "invalid_request", e.getUserMessage());
    }
  }

  @Override
  public RefundResult refund(RefundRequest request, String idempotencyKey) {
    RefundCreateParams params = RefundCreateParams.builder()
        .setPaymentIntent(request.providerReference()).setAmount(request.amount())
        .putMetadata(TENANT_KEY, request.reference().tenantId())
        .putMetadata(PAYMENT_KEY, request.reference().paymentId())
        .putMetadata(REFUND_KEY, request.refundId())
        .build();
    try {
      Refund refund = client.v1().refunds().create(params, options(idempotencyKey));
      // a pending refund is on its way; Stripe reports a later failure with refund.failed
      boolean failed = "failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus());
      return new RefundResult(!failed, refund.getId(), failed ? refund.getFailureReason() : null);
    } catch (StripeException e) {
      if (transientFailure(e)) {
        throw new ProviderUnavailableException("Stripe is not answering: " + e.getMessage(), e);
      }
      return new RefundResult(false, null, e.getCode() != null ? e.getCode() : "refund_refused");
    }
  }

  private static RequestOptions options(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  /** Network trouble, rate limits, Stripe's own errors and idempotency conflicts (409) pass; retrying helps. */
  private static boolean transientFailure(StripeException e) {
    Integer status = e.getStatusCode();
    return e instanceof ApiConnectionException || e instanceof RateLimitException
        || status == null || status >= 500 || status == 409;
  }

  private static RuntimeException unavailableOr(StripeException e, java.util.function.Supplier<RuntimeException> otherwise) {
    return transientFailure(e) ? new ProviderUnavailableException("Stripe is not answering: " + e.getMessage(), e)
        : otherwise.get();
  }
}
