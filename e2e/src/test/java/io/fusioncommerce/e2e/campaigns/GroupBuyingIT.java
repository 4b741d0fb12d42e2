package io.fusioncommerce.e2e.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Group buying over HTTP on the embedded platform: a campaign that succeeds and places group orders
 * through the saga, invites, refusals, a campaign that expires, and thousands of concurrent joins on
 * one hot campaign giving an exact count.
 */
@PlatformTest
class GroupBuyingIT extends PlatformJourney {

  private final String vendor = acme.vendor("seller", "v-kettles");

  GroupBuyingIT(TestTenant acme) {
    super(acme);
    // products created over HTTP: Debezium carries them to the product table the topologies price with
    acme.createProduct("KETTLE", "v-kettles", 5000);
    acme.createProduct("OTHER", "v-others", 5000);
    acme.createProduct("HOTPOT", "v-kettles", 8000);
    acme.createProduct("LISTED", "v-kettles", 5000);
    acme.setStock("HOTPOT", 100);
    acme.setStock("KETTLE", 100);
  }

  private String campaign(String sku, int min, Integer max, long groupPrice, Instant endsAt) {
    ApiClient.Response accepted = api.post("/v1/campaigns", vendor, "{\"sku\":\"" + sku + "\",\"minParticipants\":" + min
        + (max == null ? "" : ",\"maxParticipants\":" + max) + ",\"groupPrice\":{\"amount\":" + groupPrice
        + ",\"currency\":\"USD\"},\"endsAt\":\"" + endsAt + "\"}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    String id = accepted.json().path("campaignId").asText();
    assertThat(api.get("/v1/campaigns/" + id + "?waitMs=10000&version=0", vendor).json().path("status").asText()).isEqualTo("OPEN");
    return id;
  }

  private ApiClient.Response join(String id, String customer, String ref) {
    String token = acme.token(customer, "customer");
    return api.post("/v1/campaigns/" + id + "/join" + (ref == null ? "" : "?ref=" + ref), token,
        "{\"customerId\":\"" + customer + "\",\"quantity\":1}");
  }

  @Test
  void aCampaignThatReachesItsMinimumPlacesGroupOrdersAtTheGroupPrice() {
    String id = campaign("KETTLE", 3, 10, 3900, Instant.now().plus(Duration.ofHours(1)));
    JsonNode view = api.get("/v1/campaigns/" + id, acme.token("someone", "customer")).json();
    assertThat(view.path("inviteUrl").asText()).startsWith(acme.platform().baseUrl() + "/v1/campaigns/" + id + "?ref=");
    assertThat(view.path("listPrice").path("amount").asLong()).isEqualTo(5000);

    assertThat(join(id, "alice", null).status()).isEqualTo(202);
    String alicesRef = participantOnce(id, "alice", admin).path("inviteUrl").asText().replaceFirst(".*ref=", "");
    assertThat(join(id, "bob", alicesRef).status()).isEqualTo(202);
    assertThat(join(id, "bob", alicesRef).json().path("status").asText()).isIn("JOINED", "PENDING");
    // invite codes are signed: the unkeyed code earlier versions gave alice, or a tampered one, is refused
    for (String forged : List.of(unsignedCodeOfEarlierVersions(acme.id(), id, "alice"),
        alicesRef.substring(0, alicesRef.length() - 1) + (alicesRef.endsWith("a") ? "b" : "a"))) {
      ApiClient.Response refused = join(id, "mallory", forged);
      assertThat(refused.status()).as(forged).isEqualTo(400); // the validation answer a malformed ref gets
      assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("ref");
    }
    assertThat(join(id, "carol", null).status()).isEqualTo(202);

    JsonNode succeeded = await().atMost(Duration.ofSeconds(20)).until(
        () -> api.get("/v1/campaigns/" + id, vendor).json(), v -> "SUCCEEDED".equals(v.path("status").asText()));
    assertThat(succeeded.path("participants").asInt()).isEqualTo(3);

    String bob = acme.token("bob", "customer");
    JsonNode bobInCampaign = await().atMost(Duration.ofSeconds(20)).until(
        () -> api.get("/v1/campaigns/" + id + "/participants/bob", bob).json(),
        p -> "CONFIRMED".equals(p.path("orderStatus").asText()));
    assertThat(bobInCampaign.path("referredBy").asText()).isEqualTo("alice");
    JsonNode order = api.get("/v1/orders/" + bobInCampaign.path("orderId").asText(), bob).json();
    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(order.path("items").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(3900);
    assertThat(participantOnce(id, "alice", admin).path("referrals").asInt()).isEqualTo(1);

    JsonNode everyone = api.get("/v1/campaigns/" + id + "/participants", vendor).json();
    assertThat(everyone.path("items").findValuesAsText("customerId")).containsExactly("alice", "bob", "carol");
    assertThat(api.get("/v1/campaigns/" + id + "/participants", bob).status()).isEqualTo(403);
    assertThat(api.get("/v1/campaigns/" + id + "/participants/alice", bob).status()).isEqualTo(404);
  }

  @Test
  void badCampaignsAreRefusedWithTheFieldAndNothingIsWritten() {
    String later = "\"endsAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"";
    ApiClient.Response tooDear = api.post("/v1/campaigns", vendor,
        "{\"sku\":\"KETTLE\",\"minParticipants\":3,\"groupPrice\":{\"amount\":5000,\"currency\":\"USD\"}," + later + "}");
    assertThat(tooDear.status()).isEqualTo(422);
    assertThat(tooDear.json().path("errors").findValuesAsText("field")).containsExactly("groupPrice.amount");
    ApiClient.Response wrongCurrency = api.post("/v1/campaigns", vendor,
        "{\"sku\":\"KETTLE\",\"minParticipants\":3,\"groupPrice\":{\"amount\":100,\"currency\":\"EUR\"}," + later + "}");
    assertThat(wrongCurrency.json().path("errors").findValuesAsText("field")).containsExactly("groupPrice.currency");
    ApiClient.Response past = api.post("/v1/campaigns", vendor,
        "{\"sku\":\"KETTLE\",\"minParticipants\":3,\"maxParticipants\":2,\"groupPrice\":{\"amount\":100,\"currency\":\"USD\"},"
            + "\"endsAt\":\"2020-01-01T00:00:00Z\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().path("errors").findValuesAsText("field")).contains("maxParticipants", "endsAt");
    assertThat(api.post("/v1/campaigns", vendor, "{\"sku\":\"OTHER\",\"minParticipants\":3,"
        + "\"groupPrice\":{\"amount\":100,\"currency\":\"USD\"}," + later + "}").status()).isEqualTo(403);
    assertThat(api.post("/v1/campaigns", vendor, "{\"sku\":\"NOPE\",\"minParticipants\":3,"
        + "\"groupPrice\":{\"amount\":100,\"currency\":\"USD\"}," + later + "}").status()).isEqualTo(422);
    assertThat(api.post("/v1/campaigns", acme.token("alice", "customer"), "{\"sku\":\"KETTLE\",\"minParticipants\":3,"
        + "\"groupPrice\":{\"amount\":100,\"currency\":\"USD\"}," + later + "}").status()).isEqualTo(403);
    assertThat(api.post("/v1/campaigns/nope/join", acme.token("alice", "customer"),
        "{\"customerId\":\"alice\"}").status()).isEqualTo(404);
  }

  @Test
  void aCampaignBelowItsMinimumExpiresWithinSecondsOfItsEnd() {
    Instant endsAt = Instant.now().plus(Duration.ofSeconds(4));
    String id = campaign("KETTLE", 5, null, 3900, endsAt);
    assertThat(join(id, "dora", null).status()).isEqualTo(202);
    JsonNode expired = await().atMost(Duration.ofSeconds(20)).until(
        () -> api.get("/v1/campaigns/" + id, vendor).json(), v -> "EXPIRED".equals(v.path("status").asText()));
    assertThat(Duration.between(endsAt, Instant.parse(expired.path("endedAt").asText()))).isLessThan(Duration.ofSeconds(3));
    assertThat(expired.path("orders").path("placed").asInt()).isZero();
    ApiClient.Response late = join(id, "eve", null);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().path("type").asText()).endsWith("campaign-not-open");
    assertThat(api.get("/v1/campaigns/" + id, acme.otherTenantToken("boss", "admin")).status()).isEqualTo(404);
  }

  @Test
  void thousandsOfConcurrentJoinsOnOneCampaignGiveAnExactCount() throws Exception {
    // 4,000 joins, 400 in flight at any moment, from 2,000 customers who each join twice
    int customers = 2000;
    // 1,500 places: the campaign succeeds with its last place, and 1,500 group orders meet 100 units of stock
    String id = campaign("HOTPOT", 1_500, 1_500, 6000, Instant.now().plus(Duration.ofHours(1)));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      tokens.add(acme.token("hot-" + i, "customer"));
    }
    HttpClient http = HttpClient.newHttpClient();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    List<CompletableFuture<?>> joins = new ArrayList<>();
    Semaphore inFlight = new Semaphore(400);
    for (int round = 0; round < 2; round++) { // everyone joins twice
      for (int i = 0; i < customers; i++) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(acme.platform().baseUrl() + "/v1/campaigns/" + id + "/join"))
            .header("Authorization", "Bearer " + tokens.get(i)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"hot-" + i + "\"}")).build();
        inFlight.acquire();
        // a join is idempotent, so a client whose connection dropped simply sends it again
        joins.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .exceptionallyCompose(dropped -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
            .thenAccept(r -> {
              if (r.statusCode() == 202) {
                accepted.incrementAndGet();
              } else if (r.statusCode() == 409) {
                full.incrementAndGet();
              }
            }).whenComplete((ok, error) -> inFlight.release()));
      }
    }
    CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get();
    assertThat(accepted.get() + full.get()).isEqualTo(2 * customers);
    JsonNode campaign = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
        () -> api.get("/v1/campaigns/" + id, vendor).json(), v -> v.path("participants").asInt() == 1_500);
    Thread.sleep(2000); // anything still in flight would push it past the maximum
    assertThat(api.get("/v1/campaigns/" + id, vendor).json().path("participants").asInt()).isEqualTo(1_500);
    assertThat(campaign.path("joinable").asBoolean()).isFalse();
    int listed = 0;
    String cursor = null;
    do {
      JsonNode page = api.get("/v1/campaigns/" + id + "/participants?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
          vendor).json();
      listed += page.path("items").size();
      cursor = page.path("next").isNull() ? null : page.path("next").asText(null);
    } while (cursor != null);
    assertThat(listed).isEqualTo(1_500);
    JsonNode settled = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
        () -> api.get("/v1/campaigns/" + id, vendor).json(),
        v -> v.path("orders").path("confirmed").asInt() + v.path("orders").path("rejected").asInt() == 1_500);
    assertThat(settled.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(settled.path("orders").path("placed").asInt()).isEqualTo(1_500);
    assertThat(settled.path("orders").path("confirmed").asInt()).isEqualTo(100);
    assertThat(api.get("/v1/inventory/HOTPOT", admin).json().path("available").asLong()).isZero();
  }

  @Test
  void campaignsAreListedBySkuAndStatusFromTheReadModel() {
    String first = campaign("LISTED", 2, null, 4000, Instant.now().plus(Duration.ofHours(2)));
    String second = campaign("LISTED", 2, null, 4100, Instant.now().plus(Duration.ofHours(2)));
    assertThat(join(first, "lena", null).status()).isEqualTo(202);
    assertThat(join(first, "mo", null).status()).isEqualTo(202);
    String shopper = acme.token("shopper", "customer");
    JsonNode listed = await().atMost(Duration.ofSeconds(20)).until(
        () -> api.get("/v1/campaigns?sku=LISTED", shopper).json(),
        l -> l.path("items").size() == 2 && l.path("items").get(1).path("participants").asInt() == 2);
    assertThat(listed.path("items").findValuesAsText("campaignId")).containsExactly(second, first);
    assertThat(listed.path("items").get(1).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.get("/v1/campaigns?sku=LISTED&status=SUCCEEDED", shopper).json().path("items")
        .findValuesAsText("campaignId")).containsExactly(first);
    JsonNode page = api.get("/v1/campaigns?sku=LISTED&limit=1", shopper).json();
    assertThat(page.path("items").findValuesAsText("campaignId")).containsExactly(second);
    assertThat(api.get("/v1/campaigns?sku=LISTED&limit=1&cursor=" + page.path("next").asText(), shopper).json()
        .path("items").findValuesAsText("campaignId")).containsExactly(first);
    ApiClient.Response bad = api.get("/v1/campaigns?status=LIVE&limit=0&colour=red", shopper);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field")).contains("status", "limit", "colour");
    assertThat(api.get("/v1/campaigns?sku=LISTED", acme.otherTenantToken("x", "customer")).json().path("items")).isEmpty();
  }

  private JsonNode participantOnce(String id, String customer, String token) {
    return await().atMost(Duration.ofSeconds(10)).until(
        () -> api.get("/v1/campaigns/" + id + "/participants/" + customer, token), r -> r.status() == 200).json();
  }


  /** The code earlier versions gave out: the first 12 bytes of an unkeyed SHA-256 of tenant, campaign, customer. */
  private static String unsignedCodeOfEarlierVersions(String tenant, String campaign, String customer) {
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    byte[] digest = sha256(String.join("\u001f", "invite", tenant, campaign, customer));
    return IntStream.range(0, 12).map(i -> alphabet.charAt(Byte.toUnsignedInt(digest[i]) % alphabet.length()))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
