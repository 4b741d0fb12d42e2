package io.fusioncommerce.topologies.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationTopologyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path stateDir;

  private TestTopology topology;
  private RecommendationBook book;
  private long clock;

  @BeforeEach
  void start() {
    RecommendationTopology recommendations = new RecommendationTopology();
    book = recommendations.book();
    topology = TestTopology.start(recommendations, stateDir, T0);
    clock = T0.toEpochMilli();
    for (String tenant : List.of("acme", "globex")) {
      product(tenant, "SHOE", "footwear", "ACTIVE");
      product(tenant, "SOCK", "hosiery", "ACTIVE");
      product(tenant, "LACE", "accessories", "ACTIVE");
      product(tenant, "HAT", "hats", "ARCHIVED");
      product(tenant, "BELT", "accessories", "ACTIVE");
    }
  }

  @AfterEach
  void close() {
    topology.driver().close();
  }

  @Test
  void confirmedOrdersMakeBoughtTogetherAnswersOfActiveProductsOnly() {
    confirmedOrder("acme", "o1", "c1", "SHOE", "SOCK");
    confirmedOrder("acme", "o2", "c2", "SHOE", "SOCK", "LACE");
    confirmedOrder("acme", "o3", "c3", "SHOE", "HAT");

    List<Recommendation> answer = book.forProduct(state("acme"), "SHOE", now(), 10);

    assertThat(answer).extracting(Recommendation::sku).containsExactly("SOCK", "LACE");
    assertThat(answer).extracting(Recommendation::reason).containsOnly("BOUGHT_TOGETHER:SHOE");
    assertThat(answer.get(0).score()).isGreaterThan(answer.get(1).score());
  }

  @Test
  void anOrderIsCountedOnlyOnceConfirmedAndOnceOnlyEvenWhenItsConfirmationComesFirstOrTwice() {
    // the confirmation read before the order's lines
    statusChanged("acme", "o1", "c1", "CONFIRMED");
    created("acme", "o1", "c1", "SHOE", "SOCK");
    // replayed
    statusChanged("acme", "o1", "c1", "CONFIRMED");
    created("acme", "o1", "c1", "SHOE", "SOCK");
    // placed but rejected: never counted
    created("acme", "o2", "c2", "SHOE", "LACE");
    statusChanged("acme", "o2", "c2", "REJECTED");

    var row = state("acme").neighbours("SHOE").orElseThrow();
    assertThat(row.getNeighbours()).singleElement().satisfies(n -> {
      assertThat(n.getId()).isEqualTo("SOCK");
      assertThat(n.getScore()).isEqualTo(1.0);
    });
    assertThat(state("acme").customer("c2")).isEmpty();
  }

  @Test
  void aCustomersRecommendationsExcludeWhatItBought() {
    confirmedOrder("acme", "o1", "c1", "SHOE", "SOCK");
    confirmedOrder("acme", "o2", "c2", "SOCK", "LACE");
    confirmedOrder("acme", "o3", "c3", "BELT");

    List<Recommendation> answer = book.forCustomer(state("acme"), "c1", now(), 10);

    assertThat(answer).extracting(Recommendation::sku).doesNotContain("SHOE", "SOCK").startsWith("LACE");
    assertThat(answer.get(0).reason()).isEqualTo("BOUGHT_TOGETHER:SOCK");
    assertThat(answer).extracting(Recommendation::sku).contains("BELT");
  }

  @Test
  void oneTenantsOrdersNeverAppearInAnothersAnswers() {
    confirmedOrder("acme", "o1", "c1", "SHOE", "SOCK");
    confirmedOrder("globex", "o1", "c1", "SHOE", "BELT");

    assertThat(book.forProduct(state("acme"), "SHOE", now(), 10)).extracting(Recommendation::sku)
        .containsExactly("SOCK");
    assertThat(book.forProduct(state("globex"), "SHOE", now(), 10)).extracting(Recommendation::sku)
        .containsExactly("BELT");
    assertThat(book.forCustomer(state("globex"), "c1", now(), 10)).extracting(Recommendation::sku)
        .doesNotContain("SOCK");
    assertThat(state("initech").neighbours("SHOE")).isEmpty();
    assertThat(state("initech").answerable("SHOE")).isFalse();
  }

  private StoreRecommendationState state(String tenant) {
    return new StoreRecommendationState(tenant, (store, key) -> Optional.ofNullable(rows(store).get(key)));
  }

  @SuppressWarnings("unchecked")
  private KeyValueStore<Object, Object> rows(String store) {
    return (KeyValueStore<Object, Object>) (KeyValueStore<?, ?>) topology.driver().getKeyValueStore(store);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock);
  }

  private void confirmedOrder(String tenant, String orderId, String customerId, String... skus) {
    created(tenant, orderId, customerId, skus);
    statusChanged(tenant, orderId, customerId, "CONFIRMED");
  }

  private void created(String tenant, String orderId, String customerId, String... skus) {
    clock += 1000;
    topology.input(Topics.ORDER_CREATED).pipeInput(new OrderKey(tenant, orderId), OrderCreated.newBuilder()
        .setEventId("created-" + orderId).setTenantId(tenant).setOccurredAt(now()).setCorrelationId("corr-" + orderId)
        .setOrderId(orderId).setCustomerId(customerId)
        .setItems(Arrays.stream(skus).map(sku -> new OrderLine(sku, 1L, new Money(500L, "USD"), "v1", null)).toList())
        .setTotal(new Money(500L * skus.length, "USD")).build(), clock);
  }

  private void statusChanged(String tenant, String orderId, String customerId, String status) {
    clock += 1000;
    topology.input(Topics.ORDER_STATUS_CHANGED).pipeInput(new OrderKey(tenant, orderId), OrderStatusChanged.newBuilder()
        .setEventId(status + "-" + orderId).setTenantId(tenant).setOccurredAt(now()).setCorrelationId("corr-" + orderId)
        .setOrderId(orderId).setCustomerId(customerId).setFromStatus("CREATED").setToStatus(status).build(), clock);
  }

  private void product(String tenant, String sku, String category, String status) {
    topology.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey(tenant, sku), Product.newBuilder().setTenantId(tenant)
        .setSku(sku).setVendorId("v1").setName(sku).setPrice(new Money(500L, "USD")).setStatus(status).setVersion(1)
        .setUpdatedAt(T0).build(), T0.toEpochMilli());
    topology.input(Topics.PRODUCT_CREATED).pipeInput(new SkuKey(tenant, sku), ProductCreated.newBuilder()
        .setEventId("p-" + tenant + sku).setTenantId(tenant).setOccurredAt(T0).setCorrelationId("p").setSku(sku)
        .setVendorId("v1").setName(sku).setPrice(new Money(500L, "USD")).setCategoryIds(List.of(category))
        .setStatus(status).build(), T0.toEpochMilli());
  }
}
