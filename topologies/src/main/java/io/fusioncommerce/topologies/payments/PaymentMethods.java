package io.fusioncommerce.topologies.payments;

import java.util.Set;

/** What kind of payment method a method id is, and which currencies payments take. */
public final class PaymentMethods {

  /** Pays from the customer's stored-value balance, inside the platform: no provider is called. */
  public static final String WALLET = "wallet";
  public static final String TYPE_CARD = "card";
  public static final String TYPE_BNPL = "bnpl";
  public static final String TYPE_WALLET = "wallet";

  /** JPY has no minor unit: its amounts are whole yen, here and at the provider. */
  public static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY");

  private PaymentMethods() {}

  public static String type(String paymentMethod) {
    if (WALLET.equals(paymentMethod)) {
      return TYPE_WALLET;
    }
    return paymentMethod.startsWith("pm_bnpl_") || paymentMethod.startsWith("pm_klarna")
        || paymentMethod.startsWith("pm_afterpay") ? TYPE_BNPL : TYPE_CARD;
  }

  /** A method id as providers spell them: "wallet", or "pm_..." of letters, digits and underscores. */
  public static boolean wellFormed(String paymentMethod) {
    return paymentMethod != null && (WALLET.equals(paymentMethod) || paymentMethod.matches("pm_[A-Za-z0-9_]{1,100}"));
  }
}
