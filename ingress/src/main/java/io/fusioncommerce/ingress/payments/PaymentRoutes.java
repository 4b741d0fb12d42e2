package io.fusioncommerce.ingress.payments;

import io.fusioncommerce.connectors.payments.StripeWebhooks;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.ConfirmPayment;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.payments.RequestRefund;
import io.fusioncommerce.topologies.payments.PaymentBook;
import io.fusioncommerce.topologies.payments.PaymentIds;
import io.fusioncommerce.topologies.payments.PaymentTopology;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Payments over HTTP. Confirming and refunding check the payment's current state on the instance that
 * owns it (so a request that cannot be taken gets a clear error at once and writes nothing), then
 * write a command; the payment topology decides every command in order, so a refund over the limit is
 * refused there too, whatever raced. The Stripe webhook is verified with the SDK and becomes an outcome
 * command. Reads are interactive queries.
 */
public final class PaymentRoutes implements ApiModule {

  private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9-]{1,80}");
  private static final Actor STRIPE = Actors.system("stripe-webhook");
  private static final KeyedStore<PaymentKey, PaymentState> PAYMENTS =
      KeyedStore.of(PaymentTopology.CONTEXT, PaymentTopology.PAYMENT_STORE, PaymentKey.class);

  /** Answer of an accepted confirmation or refund (202). */
  public record PaymentAccepted(String paymentId, String status, String refundId) {}

  /** Answer of a webhook (200). */
  public record WebhookReceived(boolean received, String eventId) {}

  private final Optional<StripeWebhooks> webhooks;

  /** @param webhooks the Stripe webhook reader; empty when no webhook secret is configured */
  public PaymentRoutes(Optional<StripeWebhooks> webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/payments/{paymentId}", ctx -> get(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        .tag("Payments").summary("A payment, from the payment topology's state store")
        .longPoll("PROCESSING")
        .response(200, PaymentView.class, "The payment (a customer sees only its own)");
    routes.post("/v1/payments/{paymentId}/confirm", ctx -> confirm(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Payments").summary("Confirm the payment with a payment method")
        .description("Sandbox test cards: pm_card_visa succeeds, pm_card_chargeDeclined fails (card_declined), "
            + "pm_card_authenticationRequired needs a second confirm; pm_bnpl_* pays in instalments; \"wallet\" pays "
            + "from the customer's wallet. After a failure the customer may confirm again until the order's hold ends.")
        .body(ConfirmRequest.class).idempotent()
        .response(202, PaymentAccepted.class, "Accepted; GET the payment or the order to see the outcome")
        .problem(409, "The payment cannot be confirmed now");
    routes.post("/v1/payments/{paymentId}/refunds", ctx -> refund(ctx, api), Role.ADMIN, Role.OPERATOR)
        .tag("Payments").summary("Refund part or all of a captured payment")
        .description("Never more than was captured less what was refunded or is being refunded (422). "
            + "toWallet credits the customer's wallet instead of the card.")
        .body(RefundRequest.class).idempotent()
        .response(202, PaymentAccepted.class, "Accepted")
        .problem(409, "Nothing was captured")
        .problem(422, "More than may be refunded, or another currency");
    routes.post("/v1/webhooks/stripe", ctx -> webhook(ctx, api), Access.ANONYMOUS)
        .tag("Payments").summary("Stripe's webhook endpoint (Stripe-Signature verified)")
        .description("payment_intent.succeeded and payment_intent.payment_failed become the payment's outcome; a "
            + "redelivered event changes nothing. A missing, wrong or stale signature is refused with 400.")
        .response(200, WebhookReceived.class, "Received")
        .problem(400, "The signature does not verify");
  }

  // ------------------------------------------------------------------ read

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PaymentKey key = key(ctx, principal);
    api.serve(ctx, PAYMENTS, key, state -> new ReadParameters.Seen(state.getVersion(), state.getStatus()),
        state -> PaymentView.of(visible(principal, state), isPayer(principal, state)), "no payment " + key.getPaymentId());
  }

  // ------------------------------------------------------------------ confirm

  private void confirm(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PaymentKey key = key(ctx, principal);
    ConfirmRequest request = api.bodies().read(ctx, ConfirmRequest.class);
    String commandId = CommandIds.forRequest(ctx, principal, "confirm:" + key.getPaymentId());
    api.atOwner(ctx, PAYMENTS, key, local -> {
          PaymentState state = visible(principal, local.<PaymentState>get(PAYMENTS.name()).orElse(null));
          if (PaymentIds.request(commandId, key.getPaymentId()).equals(state.getPendingRequestId())) {
            accepted(ctx, key, state.getStatus(), null); // this very confirmation again (same Idempotency-Key)
            return;
          }
          PaymentBook.confirmRefusal(state, request.paymentMethod()).ifPresent(reason -> {
            throw switch (reason) {
              case PaymentBook.Refusals.MALFORMED_METHOD -> ApiException.invalidField("paymentMethod", "not a payment method id");
              case PaymentBook.Refusals.ORDER_CLOSED -> new ApiException(409, "payment-closed", "Payment closed",
                  "the order was cancelled or its hold ended; the payment takes no confirmation", List.of());
              default -> new ApiException(409, "payment-not-confirmable", "Cannot confirm",
                  "the payment is " + state.getStatus() + "; it can be confirmed when it requires a payment method "
                      + "or an action", List.of());
            };
          });
          send(ctx, api, key, command(ctx, api, principal, key, commandId, new ConfirmPayment(key.getPaymentId(),
              request.paymentMethod())), new PaymentAccepted(key.getPaymentId(), "PROCESSING", null));
        });
  }

  // ------------------------------------------------------------------ refund

  private void refund(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PaymentKey key = key(ctx, principal);
    RefundRequest request = api.bodies().read(ctx, RefundRequest.class);
    String refundId = CommandIds.forRequest(ctx, principal, "refund:" + key.getPaymentId());
    Money amount = new Money(request.amount().amount(), request.amount().currency());
    api.atOwner(ctx, PAYMENTS, key, local -> {
          PaymentState state = visible(principal, local.<PaymentState>get(PAYMENTS.name()).orElse(null));
          var existing = state.getRefunds().stream().filter(r -> r.getRefundId().equals(refundId)).findFirst();
          if (existing.isPresent()) {
            accepted(ctx, key, existing.get().getStatus(), refundId); // the same refund again
            return;
          }
          PaymentBook.refundRefusal(state, amount).ifPresent(reason -> {
            throw switch (reason) {
              case PaymentBook.Refusals.NOT_REFUNDABLE -> new ApiException(409, "payment-not-captured", "Nothing to refund",
                  "the payment is " + state.getStatus() + "; only a captured payment is refunded", List.of());
              case PaymentBook.Refusals.CURRENCY_MISMATCH -> new ApiException(422, "refund-currency", "Wrong currency",
                  "the payment is in " + state.getAmount().getCurrency(),
                  List.of(new FieldError("amount.currency", "must be " + state.getAmount().getCurrency())));
              default -> new ApiException(422, "refund-exceeds-captured", "Refund too large",
                  "at most " + Math.max(0, PaymentBook.refundable(state)) + " " + state.getAmount().getCurrency()
                      + " may still be refunded",
                  List.of(new FieldError("amount.amount", "at most " + Math.max(0, PaymentBook.refundable(state)))));
            };
          });
          send(ctx, api, key, command(ctx, api, principal, key, EventIds.derive(refundId, "refund-command"),
              RequestRefund.newBuilder().setPaymentId(key.getPaymentId()).setRefundId(refundId).setAmount(amount)
                  .setReason(request.reason()).setToWallet(Boolean.TRUE.equals(request.toWallet())).build()),
              new PaymentAccepted(key.getPaymentId(), "PENDING", refundId));
        });
  }

  // ------------------------------------------------------------------ Stripe webhook

  private void webhook(Context ctx, ApiContext api) {
    StripeWebhooks reader = webhooks.orElseThrow(() -> ApiException.notFound("no Stripe webhook secret is configured"));
    Optional<StripeWebhooks.WebhookCommand> read;
    try {
      read = reader.read(ctx.body(), ctx.header("Stripe-Signature"));
    } catch (StripeWebhooks.RejectedWebhookException e) {
      throw new ApiException(400, "webhook-signature", "Webhook refused", e.getMessage(),
          List.of(new FieldError("Stripe-Signature", "does not verify")));
    }
    if (read.isEmpty()) {
      ctx.status(200).json(new WebhookReceived(true, null)); // an event of nothing we keep
      return;
    }
    StripeWebhooks.WebhookCommand webhook = read.get();
    PaymentKey key = new PaymentKey(webhook.tenantId(), webhook.paymentId());
    PaymentCommand command = RequestContext.cause(ctx, webhook.tenantId(), STRIPE, api.clock().instant())
        .command(new PaymentCommand(), EventIds.derive("stripe:" + webhook.eventId(), "webhook"), webhook.command());
    ctx.future(() -> api.commands().send(Topics.PAYMENT_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(200).json(new WebhookReceived(true, webhook.eventId()))));
  }

  // ------------------------------------------------------------------ helpers

  /** The payment as this caller may see it: staff any of the tenant's, a customer its own; otherwise 404. */
  private static PaymentState visible(Principal principal, PaymentState state) {
    if (state == null || !(principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        || (principal.has(Role.CUSTOMER) && principal.subject().equals(state.getCustomerId())))) {
      throw ApiException.notFound("no payment " + (state == null ? "" : state.getPaymentId()));
    }
    return state;
  }

  /** The customer the payment is for: the only caller shown its client secret. */
  static boolean isPayer(Principal principal, PaymentState state) {
    return principal.has(Role.CUSTOMER) && principal.subject().equals(state.getCustomerId());
  }

  private static PaymentCommand command(Context ctx, ApiContext api, Principal principal, PaymentKey key,
      String commandId, SpecificRecord command) {
    return RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal), api.clock().instant())
        .command(new PaymentCommand(), commandId, command);
  }

  private static void send(Context ctx, ApiContext api, PaymentKey key, PaymentCommand command, PaymentAccepted answer) {
    ctx.future(() -> api.commands().send(Topics.PAYMENT_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(202).header("Location", "/v1/payments/" + key.getPaymentId()).json(answer)));
  }

  private static void accepted(Context ctx, PaymentKey key, String status, String refundId) {
    ctx.status(202).header("Location", "/v1/payments/" + key.getPaymentId())
        .json(new PaymentAccepted(key.getPaymentId(), status, refundId));
  }

  private static PaymentKey key(Context ctx, Principal principal) {
    return new PaymentKey(principal.tenantId(), PathParams.matching(ctx, "paymentId", PAYMENT_ID, "not a payment id"));
  }
}
