package io.fusioncommerce.topologies.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.recommendations.PendingBasket;
import io.fusioncommerce.schemas.recommendations.PurchasedSku;
import io.fusioncommerce.schemas.recommendations.ScoredId;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommendationBookTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofDays(30);
  private final RecommendationBook book = new RecommendationBook(RecommendationSettings.withHalfLife(HALF_LIFE));

  @Test
  void aCoPurchaseWeighsHalfAfterOneHalfLife() {
    SkuNeighbours row = book.addCoPurchase(null, "acme", "SHOE", List.of("SOCK"), T0);
    row = book.addCoPurchase(row, "acme", "SHOE", List.of("LACE"), T0.plus(HALF_LIFE));

    assertThat(score(row.getNeighbours(), "SOCK")).isCloseTo(0.5, within(1e-9));
    assertThat(score(row.getNeighbours(), "LACE")).isCloseTo(1.0, within(1e-9));
    assertThat(row.getNeighbours().get(0).getId()).isEqualTo("LACE");
  }

  @Test
  void purchasesArrivingOutOfOrderGiveTheSameRow() {
    SkuNeighbours inOrder = book.addCoPurchase(book.addCoPurchase(null, "acme", "SHOE", List.of("SOCK"), T0),
        "acme", "SHOE", List.of("SOCK", "LACE"), T0.plus(Duration.ofDays(10)));
    SkuNeighbours late = book.addCoPurchase(book.addCoPurchase(null, "acme", "SHOE", List.of("SOCK", "LACE"),
        T0.plus(Duration.ofDays(10))), "acme", "SHOE", List.of("SOCK"), T0);

    assertThat(late.getScoredAt()).isEqualTo(inOrder.getScoredAt());
    assertThat(score(late.getNeighbours(), "SOCK")).isCloseTo(score(inOrder.getNeighbours(), "SOCK"), within(1e-9));
    assertThat(score(late.getNeighbours(), "LACE")).isCloseTo(score(inOrder.getNeighbours(), "LACE"), within(1e-9));
  }

  @Test
  void aRowKeepsOnlyItsHeaviestEntriesAndNeverItself() {
    RecommendationBook small = new RecommendationBook(new RecommendationSettings(HALF_LIFE, 2, 2, 2, 2));
    SkuNeighbours row = small.addCoPurchase(null, "acme", "SHOE", List.of("SHOE", "SOCK", "LACE"), T0);
    row = small.addCoPurchase(row, "acme", "SHOE", List.of("SOCK", "HAT"), T0);
    row = small.addCoPurchase(row, "acme", "SHOE", List.of("HAT"), T0);

    assertThat(row.getNeighbours()).extracting(ScoredId::getId).containsExactly("HAT", "SOCK");
  }

  @Test
  void anOrderIsCountedOnceWhenItsConfirmationComesBeforeOrAfterItsLines() {
    OrderCreated created = created("o1", "c1", "SHOE", "SOCK");
    PendingBasket early = RecommendationBook.confirmed(null, "acme", "o1", T0);
    assertThat(RecommendationBook.toCount(early)).isEmpty();
    PendingBasket complete = RecommendationBook.placed(early, created, sku -> List.of("cat-" + sku), T0);

    ConfirmedPurchase purchase = RecommendationBook.toCount(complete).orElseThrow();
    assertThat(purchase.skus()).containsExactly("SHOE", "SOCK");
    assertThat(purchase.customerId()).isEqualTo("c1");
    assertThat(purchase.skusByCategory()).containsEntry("", List.of("SHOE", "SOCK")).containsEntry("cat-SOCK",
        List.of("SOCK"));

    PendingBasket counted = RecommendationBook.counted(complete);
    assertThat(RecommendationBook.toCount(RecommendationBook.confirmed(counted, "acme", "o1", T0.plusSeconds(5))))
        .isEmpty();
    assertThat(RecommendationBook.toCount(RecommendationBook.placed(counted, created, sku -> List.of(), T0))).isEmpty();
    assertThat(counted.getLines()).isEmpty();
  }

  @Test
  void aCustomersRecommendationsComeFromItsPurchasesAndTastesAndExcludeWhatItBought() {
    purchase(rows, "c1", T0, "SHOE", "SOCK");
    purchase(rows, "c2", T0, "SHOE", "LACE");
    purchase(rows, "c3", T0, "SOCK", "LACE");
    purchase(rows, "c3", T0, "BOOT");
    purchase(rows, "c4", T0, "CAP");
    purchase(rows, "c5", T0, "CAP");
    purchase(rows, "c6", T0, "CAP");

    List<Recommendation> answer = book.forCustomer(rows, "c1", T0.plus(Duration.ofDays(1)), 10);

    assertThat(answer).extracting(Recommendation::sku).doesNotContain("SHOE", "SOCK");
    assertThat(answer.get(0).sku()).isEqualTo("LACE");
    assertThat(answer.get(0).reason()).startsWith("BOUGHT_TOGETHER:");
    assertThat(answer).filteredOn(r -> r.sku().equals("BOOT")).singleElement()
        .extracting(Recommendation::reason).isEqualTo("CATEGORY_AFFINITY:footwear");
    assertThat(answer).filteredOn(r -> r.sku().equals("CAP")).singleElement()
        .extracting(Recommendation::reason).isEqualTo("POPULAR");
  }

  @Test
  void aCustomerWithoutHistoryGetsThePopularSkusAndInactiveOnesAreNeverAnswered() {
    purchase(rows, "c1", T0, "CAP");
    purchase(rows, "c2", T0, "CAP", "HAT");
    inactive.add("HAT");

    assertThat(book.forCustomer(rows, "new", T0, 10)).extracting(Recommendation::sku, Recommendation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CAP", "POPULAR"));
    assertThat(book.forProduct(rows, "CAP", T0, 10)).isEmpty();
  }

  @Test
  void aPageIsReRankedByTheCustomersCategoryAffinityAndKeepsItsOrderOtherwise() {
    purchase(rows, "c1", T0, "SOCK");
    List<String> page = List.of("HAT", "CAP", "SOCK-2", "BOOT");
    Map<String, List<String>> categories = Map.of("HAT", List.of("hats"), "CAP", List.of("hats"),
        "SOCK-2", List.of("hosiery"), "BOOT", List.of("footwear"));

    assertThat(RecommendationBook.rerank(page, categories::get, rows.customer("c1")))
        .containsExactly("SOCK-2", "HAT", "CAP", "BOOT");
    assertThat(RecommendationBook.rerank(page, categories::get, Optional.empty())).isEqualTo(page);
  }

  private static double score(List<ScoredId> entries, String id) {
    return entries.stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow().getScore();
  }

  private static OrderCreated created(String orderId, String customerId, String... skus) {
    return OrderCreated.newBuilder().setEventId("e-" + orderId).setTenantId("acme").setOccurredAt(T0)
        .setCorrelationId("corr").setOrderId(orderId).setCustomerId(customerId)
        .setItems(java.util.Arrays.stream(skus).map(sku -> new OrderLine(sku, 1L, new Money(100L, "USD"), "v1", null)).toList())
        .setTotal(new Money(100L * skus.length, "USD")).build();
  }

  private static final Map<String, String> CATEGORY = Map.of("SHOE", "footwear", "BOOT", "footwear", "SOCK", "hosiery",
      "LACE", "accessories", "CAP", "hats", "HAT", "hats");

  private final Set<String> inactive = new HashSet<>();
  private final InMemoryRecommendations rows = new InMemoryRecommendations(book, sku -> !inactive.contains(sku));
  private int orders;

  /** Counts a confirmed purchase as the topology's processors do. */
  private void purchase(InMemoryRecommendations rows, String customerId, Instant at, String... skus) {
    List<PurchasedSku> lines = java.util.Arrays.stream(skus)
        .map(sku -> new PurchasedSku(sku, 1L, List.of(CATEGORY.get(sku)))).toList();
    rows.record(new ConfirmedPurchase("acme", "o-" + orders++, customerId, lines, at));
  }
}
