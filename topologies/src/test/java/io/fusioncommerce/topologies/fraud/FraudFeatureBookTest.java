package io.fusioncommerce.topologies.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fraud features of an order, from what the tenant's stores held before it. */
class FraudFeatureBookTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:10Z");
  private final InMemoryFeatureStores stores = new InMemoryFeatureStores();
  private final FraudFeatureBook book = new FraudFeatureBook(stores);

  @Test
  void a_first_order_has_no_history_and_neutral_ratios() {
    FraudFeatures f = book.features("t1", order("alice", "card-1", "ip-1", "addr-1", 5_000, T0));

    assertThat(f.customerOrders24h()).isZero();
    assertThat(f.customerPriorOrders()).isZero();
    assertThat(f.accountAgeHours()).isZero();
    assertThat(f.amountToCustomerMean()).isEqualTo(1.0);
    assertThat(f.amountToTenantMean()).isEqualTo(1.0);
    assertThat(f.newShippingAddress()).isFalse();
    assertThat(f.units()).isEqualTo(2);
  }

  @Test
  void an_order_never_counts_itself() {
    OrderObservation order = order("alice", "card-1", "ip-1", "addr-1", 5_000, T0);
    FraudFeatures before = book.features("t1", order);
    book.record("t1", order);

    assertThat(before.customerOrders1m()).isZero();
    assertThat(before.paymentOrders1h()).isZero();
    assertThat(before.ipOrders1m()).isZero();
    assertThat(before.addressOrders24h()).isZero();
    assertThat(book.features("t1", order("alice", "card-1", "ip-1", "addr-1", 5_000, T0)).customerOrders1m()).isEqualTo(1);
  }

  @Test
  void velocity_windows_count_the_orders_of_the_last_minute_hour_and_day() {
    record("alice", T0.minus(Duration.ofHours(30)));   // beyond every window
    record("alice", T0.minus(Duration.ofHours(5)));    // in 24 h
    record("alice", T0.minus(Duration.ofMinutes(30))); // in 1 h
    record("alice", T0.minusSeconds(5));               // in the same minute

    FraudFeatures f = book.features("t1", order("alice", "card-1", "ip-1", "addr-1", 5_000, T0));

    assertThat(f.customerOrders1m()).isEqualTo(1);
    assertThat(f.customerOrders1h()).isEqualTo(2);
    assertThat(f.customerOrders24h()).isEqualTo(3);
    assertThat(f.customerPriorOrders()).isEqualTo(4);
    assertThat(f.accountAgeHours()).isEqualTo(30.0);
  }

  @Test
  void card_testing_shows_as_many_cards_and_orders_from_one_client_address() {
    for (int i = 0; i < 6; i++) {
      book.record("t1", order("mule-" + i, "card-" + i, "ip-bad", "addr-" + i, 100, T0.plusSeconds(i)));
    }
    FraudFeatures f = book.features("t1", order("mule-9", "card-9", "ip-bad", "addr-9", 100, T0.plusSeconds(10)));

    assertThat(f.ipOrders1m()).isEqualTo(6);
    assertThat(f.ipOrders1h()).isEqualTo(6);
    assertThat(f.ipPaymentMethods24h()).isEqualTo(6);
  }

  @Test
  void reshipping_shows_as_many_customers_shipping_to_one_address() {
    for (int i = 0; i < 4; i++) {
      book.record("t1", order("c-" + i, "card-" + i, "ip-" + i, "drop", 9_000, T0.plusSeconds(60L * i)));
    }
    FraudFeatures f = book.features("t1", order("c-9", "card-9", "ip-9", "drop", 9_000, T0.plus(Duration.ofHours(1))));

    assertThat(f.addressOrders24h()).isEqualTo(4);
    assertThat(f.addressCustomers24h()).isEqualTo(4);
  }

  @Test
  void a_known_customer_shipping_somewhere_new_with_a_large_amount() {
    record("alice", T0.minus(Duration.ofDays(3)));
    record("alice", T0.minus(Duration.ofDays(2)));

    FraudFeatures known = book.features("t1", order("alice", "card-1", "ip-1", "addr-alice", 5_000, T0));
    FraudFeatures takeover = book.features("t1", order("alice", "card-x", "ip-x", "addr-new", 50_000, T0));

    assertThat(known.newShippingAddress()).isFalse();
    assertThat(known.amountToCustomerMean()).isEqualTo(1.0);
    assertThat(takeover.newShippingAddress()).isTrue();
    assertThat(takeover.amountToCustomerMean()).isEqualTo(10.0);
    assertThat(takeover.amountToTenantMean()).isEqualTo(10.0);
  }

  @Test
  void failed_payments_count_for_the_customer_and_the_card_for_a_day() {
    book.recordFailedPayment("t1", "alice", "card-1", T0.minus(Duration.ofHours(2)));
    book.recordFailedPayment("t1", "alice", null, T0.minus(Duration.ofHours(1)));
    book.recordFailedPayment("t1", "alice", "card-1", T0.minus(Duration.ofHours(25)));

    FraudFeatures f = book.features("t1", order("alice", "card-1", "ip-1", "addr-1", 5_000, T0));

    assertThat(f.customerFailedPayments24h()).isEqualTo(2);
    assertThat(f.paymentFailedPayments24h()).isEqualTo(1);
  }

  @Test
  void country_mismatch_and_high_risk_share_come_from_the_order_itself() {
    OrderObservation abroad = new OrderObservation("bob", "card-2", "ip-2", "addr-2", "DE", "US", "EUR", 1_000, 4, 2, 3, T0);
    OrderObservation unknownBilling = new OrderObservation("bob", "card-2", "ip-2", "addr-2", "DE", null, "EUR", 1_000, 4, 2, 0, T0);

    assertThat(book.features("t1", abroad).countryMismatch()).isTrue();
    assertThat(book.features("t1", abroad).highRiskShare()).isEqualTo(0.75);
    assertThat(book.features("t1", unknownBilling).countryMismatch()).isFalse();
  }

  @Test
  void activity_in_one_tenant_never_changes_features_in_another() {
    OrderObservation probe = order("alice", "card-1", "ip-1", "addr-1", 5_000, T0.plusSeconds(30));
    book.record("tenant-b", order("alice", "card-1", "ip-1", "addr-1", 5_000, T0.minus(Duration.ofDays(1))));
    FraudFeatures before = book.features("tenant-b", probe);

    for (int i = 0; i < 20; i++) { // a card-testing burst in tenant A with the same ids
      book.record("tenant-a", order("alice", "card-" + i, "ip-1", "addr-1", 100 + i, T0.plusSeconds(i)));
      book.recordFailedPayment("tenant-a", "alice", "card-1", T0.plusSeconds(i));
    }

    assertThat(book.features("tenant-b", probe)).isEqualTo(before);
    assertThat(book.features("tenant-a", probe).ipOrders1m()).isEqualTo(20);
  }

  @Test
  void keys_of_different_tenants_never_collide_whatever_their_characters() {
    assertThat(FraudFeatureBook.key("a|customer|b", FraudFeatureBook.Entity.CUSTOMER, "c"))
        .isNotEqualTo(FraudFeatureBook.key("a", FraudFeatureBook.Entity.CUSTOMER, "b|customer|c"));
  }

  @Test
  void a_profile_remembers_a_bounded_number_of_recent_members() {
    for (int i = 0; i < EntityProfile.MAX_MEMBERS + 5; i++) {
      book.record("t1", order("alice", "card-1", "ip-1", "addr-" + i, 1_000, T0.plusSeconds(i)));
    }
    EntityProfile profile = stores.profile(FraudFeatureBook.key("t1", FraudFeatureBook.Entity.CUSTOMER, "alice")).orElseThrow();

    assertThat(profile.members()).hasSize(EntityProfile.MAX_MEMBERS);
    assertThat(profile.remembers("addr-" + (EntityProfile.MAX_MEMBERS + 4))).isTrue();
    assertThat(profile.remembers("addr-0")).isFalse();
    assertThat(profile.orders()).isEqualTo(EntityProfile.MAX_MEMBERS + 5);
  }

  private void record(String customer, Instant at) {
    book.record("t1", order(customer, "card-1", "ip-1", "addr-" + customer, 5_000, at));
  }

  private static OrderObservation order(String customer, String card, String ip, String address, long total, Instant at) {
    return new OrderObservation(customer, card, ip, address, "DE", "DE", "EUR", total, 2, 1, 0, at);
  }
}
