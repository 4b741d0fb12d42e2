package io.fusioncommerce.connectors.payments;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider that runs in the process, with Stripe's test-card semantics, for embedded mode and
 * development: {@code pm_card_visa} (and the other plain test cards) succeed, {@code pm_card_chargeDeclined}
 * fails with {@code card_declined}, {@code pm_card_authenticationRequired} first asks for an extra
 * confirmation and the next confirm completes it. BNPL methods: {@code pm_bnpl_declined} is refused
 * with {@code bnpl_declined}, any other {@code pm_bnpl_*} is approved. Calls are idempotent by key, like
 * Stripe's; a refund is never more than the intent captured.
 */
public final class SandboxProvider implements PaymentProvider {

  public static final String NAME = "sandbox";

  private record SandboxIntent(long amount, String currency, String status, long refunded) {}

  private final Map<String, SandboxIntent> intents = new ConcurrentHashMap<>();
  private final Map<String, Object> answers = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Intent createIntent(IntentRequest request, String idempotencyKey) {
    return (Intent) answers.computeIfAbsent(idempotencyKey, key -> {
      String id = "pi_sbx_" + shortId(key);
      intents.put(id, new SandboxIntent(request.amount(), request.currency(), "requires_payment_method", 0));
      return new Intent(id, id + "_secret_" + shortId("secret|" + key));
    });
  }

  @Override
  public Confirmation confirm(ConfirmRequest request, String idempotencyKey) {
    return (Confirmation) answers.computeIfAbsent(idempotencyKey, key -> {
      // an intent this process has not seen (it restarted) is taken as the request describes it
      SandboxIntent intent = intents.getOrDefault(request.providerReference(),
          new SandboxIntent(request.amount(), request.currency(), "requires_payment_method", 0));
      Confirmation answer = decide(request, intent);
      String status = switch (answer.outcome()) {
        case "SUCCEEDED" -> "succeeded";
        case "REQUIRES_ACTION" -> "requires_action";
        default -> "requires_payment_method";
      };
      intents.put(request.providerReference(), new SandboxIntent(intent.amount(), intent.currency(), status, 0));
      return answer;
    });
  }

  private static Confirmation decide(ConfirmRequest request, SandboxIntent intent) {
    String method = request.paymentMethod();
    if ("succeeded".equals(intent.status())) {
      return Confirmation.succeeded();
    }
    return switch (method) {
      case "pm_card_chargeDeclined" -> Confirmation.failed("card_declined", "Your card was declined.");
      case "pm_card_chargeDeclinedInsufficientFunds" -> Confirmation.failed("card_declined", "Your card has insufficient funds.");
      case "pm_card_chargeDeclinedExpiredCard" -> Confirmation.failed("expired_card", "Your card has expired.");
      case "pm_card_authenticationRequired" ->
          request.completesAction() || "requires_action".equals(intent.status())
              ? Confirmation.succeeded() : Confirmation.requiresAction();
      case "pm_bnpl_declined" -> Confirmation.failed("bnpl_declined", "The instalment plan was not approved.");
      default -> method.startsWith("pm_card_") || method.startsWith("pm_bnpl_")
          ? Confirmation.succeeded()
          : Confirmation.failed("resource_missing", "No such PaymentMethod: '" + method + "'");
    };
  }

  @Override
  public RefundResult refund(RefundRequest request, String idempotencyKey) {
    return (RefundResult) answers.computeIfAbsent(idempotencyKey, key -> {
      SandboxIntent intent = intents.get(request.providerReference());
      if (intent != null) {
        if (!"succeeded".equals(intent.status())) {
          return new RefundResult(false, null, "charge_not_captured");
        }
        if (intent.refunded() + request.amount() > intent.amount()) {
          return new RefundResult(false, null, "amount_too_large");
        }
        intents.put(request.providerReference(), new SandboxIntent(intent.amount(), intent.currency(), intent.status(),
            intent.refunded() + request.amount()));
      }
      return new RefundResult(true, "re_sbx_" + shortId(key), null);
    });
  }

  private static String shortId(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 24);
  }
}
