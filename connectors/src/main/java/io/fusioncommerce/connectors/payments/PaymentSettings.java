package io.fusioncommerce.connectors.payments;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How payments are taken, from the environment: {@code PAYMENTS_PROVIDER} (sandbox, the default, or
 * stripe) names the provider new intents are created with; {@code STRIPE_API_KEY},
 * {@code STRIPE_API_BASE} and {@code STRIPE_WEBHOOK_SECRET} configure Stripe and its webhook.
 *
 * @param defaultProvider the provider new payment intents are created with
 * @param stripe Stripe's settings, when a key is configured
 * @param webhookSecret the signing secret of the Stripe webhook endpoint (whsec_...)
 * @param webhookTolerance how old a signed webhook may be before it is refused as stale
 */
public record PaymentSettings(String defaultProvider, Optional<StripeProvider.Settings> stripe,
    Optional<String> webhookSecret, Duration webhookTolerance) {

  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  public PaymentSettings {
    if (!SandboxProvider.NAME.equals(defaultProvider) && !StripeProvider.NAME.equals(defaultProvider)) {
      throw new IllegalArgumentException("PAYMENTS_PROVIDER must be sandbox or stripe, not " + defaultProvider);
    }
    if (StripeProvider.NAME.equals(defaultProvider) && stripe.isEmpty()) {
      throw new IllegalArgumentException("PAYMENTS_PROVIDER=stripe needs STRIPE_API_KEY");
    }
  }

  public static PaymentSettings sandbox() {
    return new PaymentSettings(SandboxProvider.NAME, Optional.empty(), Optional.empty(), DEFAULT_TOLERANCE);
  }

  public static PaymentSettings fromEnvironment(Map<String, String> env) {
    Optional<StripeProvider.Settings> stripe = value(env, "STRIPE_API_KEY").map(key ->
        new StripeProvider.Settings(key, value(env, "STRIPE_API_BASE").orElse(StripeProvider.DEFAULT_API_BASE)));
    return new PaymentSettings(value(env, "PAYMENTS_PROVIDER").orElse(SandboxProvider.NAME), stripe,
        value(env, "STRIPE_WEBHOOK_SECRET"), DEFAULT_TOLERANCE);
  }

  /**
   * Every provider a payment may name. The sandbox is always there, so payments opened with it can
   * still be confirmed after a switch to Stripe.
   */
  public Map<String, PaymentProvider> providers() {
    Map<String, PaymentProvider> providers = new LinkedHashMap<>();
    providers.put(SandboxProvider.NAME, new SandboxProvider());
    stripe.ifPresent(settings -> providers.put(StripeProvider.NAME, new StripeProvider(settings)));
    return providers;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return "PaymentSettings[defaultProvider=" + defaultProvider + ", stripe=" + stripe + ", webhookSecret="
        + (webhookSecret.isPresent() ? "set" : "unset") + "]";
  }
}
