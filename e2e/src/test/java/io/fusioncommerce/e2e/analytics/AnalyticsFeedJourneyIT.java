package io.fusioncommerce.e2e.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.analytics.feed.AnalyticsTopics;
import io.fusioncommerce.analytics.live.LiveMinute;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** An order placed over HTTP on the embedded platform becomes order-line facts and counts in the live minute. */
@PlatformTest
class AnalyticsFeedJourneyIT extends PlatformJourney {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String alice = acme.customer("alice");

  AnalyticsFeedJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("TEA", 1250, "EUR", "v-tea", 50);
  }

  @Test
  void aConfirmedOrderBecomesFactsPerLineAndALiveConfirmation() {
    String id = acme.placeOrder(alice, "alice", "EUR", "[{\"sku\":\"TEA\",\"quantity\":3}]");
    assertThat(acme.settledOrder(id, alice).path("status").asText()).isEqualTo("CONFIRMED");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<JsonNode> facts = orderFacts(id);
      assertThat(facts).extracting(f -> f.path("event").asText()).contains("PLACED", "CONFIRMED");
      JsonNode confirmed = facts.stream().filter(f -> f.path("event").asText().equals("CONFIRMED")).findFirst().orElseThrow();
      assertThat(confirmed.path("tenantId").asText()).isEqualTo(acme.id());
      assertThat(confirmed.path("vendorId").asText()).isEqualTo("v-tea");
      assertThat(confirmed.path("amount").asLong()).isEqualTo(3 * 1250);
      assertThat(confirmed.path("orderCount").asLong()).isEqualTo(1);
      assertThat(confirmed.path("confirmLatencyMillis").asLong()).isNotNegative();
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<LiveMinute> minutes = acme.platform().liveFigures().figures(acme.id()).orElseThrow().minutes();
      assertThat(minutes).hasSize(60);
      assertThat(minutes.stream().mapToLong(LiveMinute::ordersConfirmed).sum()).isGreaterThanOrEqualTo(1);
      assertThat(minutes.stream().mapToLong(m -> m.revenueByCurrency().getOrDefault("EUR", 0L)).sum())
          .isGreaterThanOrEqualTo(3 * 1250);
    });
    assertThat(acme.platform().liveFigures().figures(acme.otherTenant()).orElseThrow().minutes())
        .allMatch(minute -> minute.ordersPlaced() == 0);
  }

  private List<JsonNode> orderFacts(String orderId) {
    return acme.topics().readAll(AnalyticsTopics.ORDER_LINES).stream().map(AnalyticsFeedJourneyIT::json)
        .filter(fact -> fact.path("orderId").asText().equals(orderId)).toList();
  }

  private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
    try {
      return JSON.readTree(record.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
