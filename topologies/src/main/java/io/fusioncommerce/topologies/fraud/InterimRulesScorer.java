package io.fusioncommerce.topologies.fraud;

import java.util.ArrayList;
import java.util.List;

/**
 * TEMPORARY: a few hand-set rules that stand in for the fraud model until the lead wires the model's
 * scorer in {@code PlatformTopologies} at merge (issue 13). Each rule that fires adds a probability-like
 * weight, combined as independent signals (1 - Π(1 - w)), and names its reason. Not evaluated, not tuned:
 * do not keep it.
 */
public final class InterimRulesScorer implements FraudScorer {

  private record Rule(String reason, double weight) {}

  @Override
  public RiskAssessment assess(FraudFeatures f, FraudThresholds thresholds) {
    List<Rule> fired = new ArrayList<>();
    // Only card testing (several cards from one client address) reaches REVIEW alone; other signals need
    // company. Many orders from one address alone are no signal here: behind a NAT or a proxy that is normal.
    if (f.ipPaymentMethods24h() >= 3) {
      fired.add(new Rule("CARD_TESTING", Math.min(0.95, 0.5 + 0.1 * (f.ipPaymentMethods24h() - 3))));
    }
    if (f.customerOrders1m() >= 3 || f.customerOrders1h() >= 10) {
      fired.add(new Rule("VELOCITY_CUSTOMER", 0.25));
    }
    if (f.customerFailedPayments24h() + f.paymentFailedPayments24h() >= 2) {
      fired.add(new Rule("RECENT_PAYMENT_FAILURES", 0.25));
    }
    if (f.addressCustomers24h() >= 3) {
      fired.add(new Rule("RESHIPPING", 0.3));
    }
    if (f.customerPriorOrders() == 0 && f.amountToTenantMean() >= 5) {
      fired.add(new Rule("HIGH_VALUE_FIRST_ORDER", 0.25));
    }
    if (f.newShippingAddress() && f.amountToCustomerMean() >= 3) {
      fired.add(new Rule("NEW_SHIPPING_ADDRESS", 0.2));
    }
    if (f.countryMismatch()) {
      fired.add(new Rule("COUNTRY_MISMATCH", 0.1));
    }
    if (f.highRiskShare() >= 0.5) {
      fired.add(new Rule("HIGH_RISK_SKUS", 0.1));
    }
    double clean = 1;
    for (Rule rule : fired) {
      clean *= 1 - rule.weight();
    }
    double score = 1 - clean;
    List<String> reasons = fired.stream().sorted((a, b) -> Double.compare(b.weight(), a.weight())).map(Rule::reason).toList();
    return new RiskAssessment(score, thresholds.decide(score), reasons);
  }
}
