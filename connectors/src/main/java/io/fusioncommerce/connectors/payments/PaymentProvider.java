package io.fusioncommerce.connectors.payments;

/**
 * A payment service provider as the payment worker uses it. Every call carries an idempotency key
 * derived from the request's event id: the worker may make the same call twice (at-least-once), the
 * provider acts once. Amounts are integer minor units of an ISO-4217 currency; JPY has no minor unit,
 * so 500 JPY is 500 here and at the provider.
 *
 * <p>A declined card or a refused refund is an answer ({@link Confirmation#failed}); a provider that
 * cannot be reached, or answers with a server error, throws {@link ProviderUnavailableException} and
 * the worker tries again later with the same key.
 */
public interface PaymentProvider {

  /** The name recorded on the payment ("stripe", "sandbox"); later calls for it come back here. */
  String name();

  Intent createIntent(IntentRequest request, String idempotencyKey);

  Confirmation confirm(ConfirmRequest request, String idempotencyKey);

  RefundResult refund(RefundRequest request, String idempotencyKey);

  /** Ours, told to the provider so its webhooks can name the payment: tenant, payment and order ids. */
  record Reference(String tenantId, String paymentId, String orderId) {}

  record IntentRequest(Reference reference, long amount, String currency, String customerId) {}

  record Intent(String providerReference, String clientSecret) {}

  /** @param completesAction the intent asked for an extra confirmation and this is it */
  record ConfirmRequest(Reference reference, String providerReference, String paymentMethod, long amount,
      String currency, boolean completesAction) {}

  /** outcome: SUCCEEDED, FAILED, REQUIRES_ACTION, or PROCESSING (the webhook will tell the rest). */
  record Confirmation(String outcome, String failureCode, String failureMessage) {
    public static Confirmation succeeded() {
      return new Confirmation("SUCCEEDED", null, null);
    }

    public static Confirmation requiresAction() {
      return new Confirmation("REQUIRES_ACTION", null, null);
    }

    public static Confirmation processing() {
      return new Confirmation("PROCESSING", null, null);
    }

    public static Confirmation failed(String code, String message) {
      return new Confirmation("FAILED", code, message);
    }
  }

  record RefundRequest(Reference reference, String refundId, String providerReference, long amount, String currency) {}

  record RefundResult(boolean succeeded, String providerReference, String failureCode) {}
}
