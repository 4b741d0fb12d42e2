package io.fusioncommerce.topologies.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.fraud.AssessOrderRisk;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.fraud.FraudReview;
import io.fusioncommerce.schemas.fraud.FraudSettings;
import io.fusioncommerce.schemas.fraud.OrderRiskAssessed;
import io.fusioncommerce.schemas.fraud.SetFraudSettings;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fraud topology in a TopologyTestDriver: what it scores an order on, per tenant, and what it answers. */
class FraudTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private static final Actor CUSTOMER = Actor.newBuilder().setSubject("c1").setRoles(List.of("customer")).build();

  @TempDir Path stateDir;
  private TestTopology fraud;
  /** The features each scored order was given, in order. */
  private final List<FraudFeatures> scored = new ArrayList<>();
  private Instant now = T0;

  @BeforeEach
  void start() {
    FraudScorer interim = new RulesOnlyScorer();
    fraud = TestTopology.start(new FraudTopology((features, thresholds) -> {
      scored.add(features);
      return interim.assess(features, thresholds);
    }), stateDir, T0);
    for (String tenant : List.of("acme", "globex")) {
      product(tenant, "CARD", 2_500, List.of("gift-cards"));
      product(tenant, "MUG", 1_000, List.of("kitchen"));
    }
  }

  @AfterEach
  void stop() {
    fraud.driver().close();
  }

  @Test
  void aCardTestingBurstShowsInTheClientsFeaturesAndScore() {
    for (int i = 0; i < 6; i++) {
      assess("acme", "burst-" + i, "c-" + i, "card-" + i, "10.0.0.1", 1);
    }

    FraudFeatures last = scored.getLast();
    assertThat(last.ipOrders1m()).isEqualTo(5);
    assertThat(last.ipPaymentMethods24h()).isEqualTo(5);
    OrderRiskAssessed answer = lastAnswer();
    assertThat(answer.getDecision()).isIn("REVIEW", "REJECT");
    assertThat(answer.getReasons()).contains("CARD_TESTING");
  }

  @Test
  void aBurstInOneTenantDoesNotChangeAScoreInAnother() {
    List<OrderRiskAssessed> quiet = globexAfter(false);
    List<FraudFeatures> quietFeatures = List.copyOf(scored);
    restart();

    List<OrderRiskAssessed> afterBurst = globexAfter(true);

    // acme's burst came from the same client address with the same cards and customer ids: globex saw none of it
    assertThat(scored.subList(scored.size() - 2, scored.size())).isEqualTo(quietFeatures);
    assertThat(afterBurst).extracting(OrderRiskAssessed::getScore).isEqualTo(quiet.stream().map(OrderRiskAssessed::getScore).toList());
    assertThat(afterBurst).extracting(OrderRiskAssessed::getDecision).containsOnly("ACCEPT");
  }

  /** Two orders of globex, after a card-testing burst in acme or not; globex's answers. */
  private List<OrderRiskAssessed> globexAfter(boolean acmeBurst) {
    if (acmeBurst) {
      for (int i = 0; i < 8; i++) {
        assess("acme", "burst-" + i, "c-" + i, "card-" + i, "10.0.0.1", 1);
      }
      assertThat(lastAnswer().getDecision()).isIn("REVIEW", "REJECT");
    }
    seen.clear();
    fraud.output(Topics.FRAUD_ASSESSED).readValuesToList();
    assess("globex", "g-1", "c-1", "card-1", "10.0.0.1", 1);
    assess("globex", "g-2", "c-2", "card-2", "10.0.0.1", 1);
    return answers();
  }

  private void restart() {
    fraud.driver().close();
    scored.clear();
    seen.clear();
    stateDir = stateDir.resolve("again");
    start();
  }

  @Test
  void windowsForgetWhatIsOlderThanThemAndProfilesRemember() {
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    now = now.plus(Duration.ofMinutes(2));
    assess("acme", "o-2", "c-1", "card-1", "10.0.0.1", 1);
    now = now.plus(Duration.ofHours(2));
    assess("acme", "o-3", "c-1", "card-1", "10.0.0.1", 1);

    assertThat(scored.get(1).customerOrders1m()).isZero();
    assertThat(scored.get(1).customerOrders1h()).isEqualTo(1);
    assertThat(scored.get(2).customerOrders1h()).isZero();
    assertThat(scored.get(2).customerOrders24h()).isEqualTo(2);
    assertThat(scored.get(2).customerPriorOrders()).isEqualTo(2);
    assertThat(scored.get(2).accountAgeHours()).isGreaterThan(2.0);
  }

  @Test
  void linesArePricedFromTheCatalogOrAtTheAgreedPriceAndHighRiskCategoriesCount() {
    settings("acme", 0.5, 0.85, List.of("gift-cards"));
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1); // one CARD at 25.00
    assess("acme", "o-2", "c-1", "card-1", "10.0.0.1", 3); // three at 25.00: three times the mean
    pipe("acme", AssessOrderRisk.newBuilder(assessment("o-3", "c-1", "card-1", "10.0.0.1", 4))
        .setAgreedUnitPrice(new Money(250L, "USD")).build()); // 4 × 2.50 = 10.00, under the mean

    assertThat(scored.get(1).amountToCustomerMean()).isEqualTo(3.0);
    assertThat(scored.get(1).highRiskShare()).isEqualTo(1.0);
    assertThat(scored.get(2).amountToCustomerMean()).isEqualTo(1000.0 / 5000.0); // the mean of 25.00 and 75.00
  }

  @Test
  void aRepeatedCommandIsAnsweredWithTheFirstAssessmentAndCountedOnce() {
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    assess("acme", "o-2", "c-1", "card-1", "10.0.0.1", 1);

    assertThat(scored).hasSize(2);
    assertThat(scored.get(1).customerOrders1m()).isEqualTo(1);
    List<OrderRiskAssessed> answers = answers();
    assertThat(answers.get(0).getEventId()).isEqualTo(answers.get(1).getEventId());
    assertThat(answers.get(0).getScore()).isEqualTo(answers.get(1).getScore());
  }

  @Test
  void failedPaymentsCountAgainstTheCustomerAndTheCard() {
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    fraud.input(Topics.PAYMENT_FAILED).pipeInput(new PaymentKey("acme", "pay-1"), PaymentFailed.newBuilder()
        .setEventId("e-1").setTenantId("acme").setOccurredAt(now).setCorrelationId("corr").setPaymentId("pay-1")
        .setOrderId("o-1").setAmount(new Money(2_500L, "USD")).setProvider("sandbox").setFailureCode("card_declined")
        .build(), now);
    assess("acme", "o-2", "c-1", "card-2", "10.0.0.1", 1);
    assess("acme", "o-3", "c-9", "card-1", "10.0.0.3", 1);

    assertThat(scored.get(1).customerFailedPayments24h()).isEqualTo(1);
    assertThat(scored.get(2).paymentFailedPayments24h()).isEqualTo(1);
  }

  @Test
  void theReviewQueueHoldsTheTenantsHeldOrdersWithTheirRisk() {
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    statusChanged("acme", "o-1", "CREATED", "HELD");
    statusChanged("acme", "o-2", "CREATED", "CONFIRMED");

    KeyValueStore<String, FraudReview> reviews = fraud.driver().getKeyValueStore(FraudTopology.REVIEW_STORE);
    FraudReview review = reviews.get(FraudTopology.orderKey("acme", "o-1"));
    assertThat(review.getScore()).isEqualTo(lastAnswer().getScore());
    assertThat(reviews.get(FraudTopology.orderKey("acme", "o-2"))).isNull();

    statusChanged("acme", "o-1", "HELD", "CONFIRMED");
    assertThat(reviews.get(FraudTopology.orderKey("acme", "o-1"))).isNull();
  }

  @Test
  void aTenantsThresholdsDecideAndBadOnesAreRefused() {
    settings("acme", 0.0, 0.0, List.of()); // everything rejected
    assess("acme", "o-1", "c-1", "card-1", "10.0.0.1", 1);
    assertThat(lastAnswer().getDecision()).isEqualTo("REJECT");

    settings("acme", 0.9, 0.2, List.of()); // review above reject: refused, the old settings stay
    KeyValueStore<TenantKey, FraudSettings> store = fraud.driver().getKeyValueStore(FraudTopology.SETTINGS_STORE);
    assertThat(store.get(new TenantKey("acme")).getRejectThreshold()).isEqualTo(0.0);
    assertThat(fraud.deadLetters().readRecordsToList()).hasSize(1);
  }

  // ------------------------------------------------------------------ helpers

  private void product(String tenant, String sku, long price, List<String> categories) {
    fraud.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey(tenant, sku), Product.newBuilder().setTenantId(tenant)
        .setSku(sku).setVendorId("v1").setName(sku).setPrice(new Money(price, "USD")).setStatus("ACTIVE").setVersion(1)
        .setUpdatedAt(T0).setCategoryIds(categories).build(), T0);
  }

  private void assess(String tenant, String orderId, String customer, String card, String client, long cards) {
    pipe(tenant, assessment(orderId, customer, card, client, cards));
  }

  private AssessOrderRisk assessment(String orderId, String customer, String card, String client, long cards) {
    return AssessOrderRisk.newBuilder().setOrderId(orderId).setCustomerId(customer).setCurrency("USD")
        .setLines(List.of(new RequestedLine("CARD", cards)))
        .setShippingAddress(ShippingAddress.newBuilder().setName("N").setLine1("1 Main St").setCity("Springfield")
            .setPostalCode("12345").setCountry("US").build())
        .setClientAddress(client).setUserAgent("test").setBillingCountry("US").setPaymentFingerprint(card).build();
  }

  private void pipe(String tenant, Object command) {
    fraud.input(Topics.FRAUD_COMMANDS).pipeInput(new TenantKey(tenant), FraudCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString()).setTenantId(tenant).setIssuedAt(now).setCorrelationId("corr")
        .setIssuedBy(CUSTOMER).setCommand(command).build(), now);
  }

  private void settings(String tenant, double review, double reject, List<String> categories) {
    pipe(tenant, new SetFraudSettings(review, reject, categories));
  }

  private void statusChanged(String tenant, String orderId, String from, String to) {
    fraud.input(Topics.ORDER_STATUS_CHANGED).pipeInput(new OrderKey(tenant, orderId), OrderStatusChanged.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setTenantId(tenant).setOccurredAt(now).setCorrelationId("corr")
        .setOrderId(orderId).setCustomerId("c-1").setFromStatus(from).setToStatus(to).build(), now);
  }

  private final List<OrderRiskAssessed> seen = new ArrayList<>();

  private List<OrderRiskAssessed> answers() {
    seen.addAll(fraud.output(Topics.FRAUD_ASSESSED).readValuesToList());
    return seen;
  }

  private OrderRiskAssessed lastAnswer() {
    return answers().getLast();
  }
}
