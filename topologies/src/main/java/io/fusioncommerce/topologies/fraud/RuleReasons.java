package io.fusioncommerce.topologies.fraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Explainable reasons for a score: hand-written rules over the {@link FraudFeatures}, each a name an operator
 * understands and a weight (how strongly it alone suggests fraud). The model decides the score; these rules
 * say why an order looks the way it does, and {@link RulesOnlyScorer} combines their weights as the baseline
 * the model is measured against.
 */
public final class RuleReasons {

  public static final String VELOCITY_CUSTOMER = "VELOCITY_CUSTOMER";
  public static final String CARD_TESTING = "CARD_TESTING";
  public static final String SHARED_PAYMENT_METHOD = "SHARED_PAYMENT_METHOD";
  public static final String RESHIPPING = "RESHIPPING";
  public static final String HIGH_VALUE_FIRST_ORDER = "HIGH_VALUE_FIRST_ORDER";
  public static final String RECENT_PAYMENT_FAILURES = "RECENT_PAYMENT_FAILURES";
  public static final String AMOUNT_ABOVE_HISTORY = "AMOUNT_ABOVE_HISTORY";
  public static final String COUNTRY_MISMATCH = "COUNTRY_MISMATCH";
  public static final String NEW_SHIPPING_ADDRESS = "NEW_SHIPPING_ADDRESS";
  public static final String HIGH_RISK_SKUS = "HIGH_RISK_SKUS";

  /**
   * One rule.
   *
   * @param reason the reason's name, as the order's {@code risk.reasons} shows it
   * @param weight how strongly the rule alone suggests fraud, 0 to 1 (set by hand, not learned)
   * @param fires whether the rule applies to an order's features
   */
  public record Rule(String reason, double weight, Predicate<FraudFeatures> fires) {}

  /** The rules, most telling (heaviest) first. */
  public static final List<Rule> RULES = List.of(
      // many cards from one client address, or a burst of orders from it: someone trying stolen cards
      new Rule(CARD_TESTING, 0.6, f -> f.ipPaymentMethods24h() >= 3 || f.ipOrders1m() >= 4),
      // several customers shipping to one address: a drop address forwarding goods
      new Rule(RESHIPPING, 0.5, f -> f.addressCustomers24h() >= 3),
      new Rule(HIGH_VALUE_FIRST_ORDER, 0.4, f -> f.customerPriorOrders() == 0 && f.amountToTenantMean() >= 3),
      new Rule(RECENT_PAYMENT_FAILURES, 0.35, f -> f.customerFailedPayments24h() >= 2 || f.paymentFailedPayments24h() >= 2),
      new Rule(VELOCITY_CUSTOMER, 0.3, f -> f.customerOrders1m() >= 2 || f.customerOrders1h() >= 4),
      new Rule(SHARED_PAYMENT_METHOD, 0.3, f -> f.paymentCustomers24h() >= 2),
      new Rule(AMOUNT_ABOVE_HISTORY, 0.3, f -> f.customerPriorOrders() >= 2 && f.amountToCustomerMean() >= 3),
      new Rule(COUNTRY_MISMATCH, 0.2, FraudFeatures::countryMismatch),
      new Rule(NEW_SHIPPING_ADDRESS, 0.15, FraudFeatures::newShippingAddress),
      new Rule(HIGH_RISK_SKUS, 0.15, f -> f.highRiskShare() >= 0.5))
      .stream().sorted(Comparator.comparingDouble(Rule::weight).reversed()).toList();

  private RuleReasons() {}

  /** The rules that fire for {@code features}, most telling first; empty for an unremarkable order. */
  public static List<Rule> firing(FraudFeatures features) {
    List<Rule> firing = new ArrayList<>(4);
    for (Rule rule : RULES) {
      if (rule.fires().test(features)) {
        firing.add(rule);
      }
    }
    return firing;
  }

  /** The names of the rules that fire for {@code features}, most telling first. */
  public static List<String> of(FraudFeatures features) {
    return firing(features).stream().map(Rule::reason).toList();
  }
}
