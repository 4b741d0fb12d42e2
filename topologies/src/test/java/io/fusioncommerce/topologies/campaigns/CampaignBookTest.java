package io.fusioncommerce.topologies.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.campaigns.CreateCampaign;
import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.campaigns.JoinCampaign;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The group-buying rules: campaign + command → the campaign after it, or why not. */
class CampaignBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final InviteCodes INVITES = InviteCodes.withSecret("a passphrase long enough to sign invite codes");

  @Test
  void a_campaign_on_an_active_product_below_its_list_price_opens() {
    CampaignState campaign = open(create(900, 3), product("ACTIVE", 1_000));

    assertThat(campaign.getStatus()).isEqualTo(CampaignStatus.OPEN.name());
    assertThat(campaign.getListPrice().getAmount()).isEqualTo(1_000);
  }

  @Test
  void a_campaign_is_refused_with_its_reason() {
    assertThat(open(create(900, 3), product("PENDING", 1_000)).getRejectionReason()).isEqualTo("UNKNOWN_SKU");
    assertThat(open(create(1_000, 3), product("ACTIVE", 1_000)).getRejectionReason())
        .isEqualTo("GROUP_PRICE_NOT_BELOW_LIST_PRICE");
    assertThat(open(create(900, 1), product("ACTIVE", 1_000)).getRejectionReason()).isEqualTo("BAD_PARTICIPANT_LIMITS");
    assertThat(open(create(900, 3), Optional.empty()).getStatus()).isEqualTo(CampaignStatus.REJECTED.name());
  }

  @Test
  void a_join_is_admitted_while_the_campaign_runs_and_refused_after() {
    CampaignState campaign = open(create(900, 3), product("ACTIVE", 1_000));

    assertThat(CampaignBook.admission(campaign, join("c1", 1), NOW)).isEmpty();
    assertThat(CampaignBook.admission(campaign, join("c1", 1), NOW.plus(Duration.ofDays(8))))
        .contains(CampaignBook.Refusals.ENDED);
    assertThat(CampaignBook.admission(campaign, join("c1", 0), NOW)).contains(CampaignBook.Refusals.BAD_QUANTITY);
    assertThat(CampaignBook.admission(null, join("c1", 1), NOW)).contains(CampaignBook.Refusals.NOT_FOUND);
  }

  @Test
  void the_campaign_succeeds_the_moment_its_minimum_joins() {
    CampaignState campaign = open(create(900, 2), product("ACTIVE", 1_000));

    CampaignState one = CampaignBook.joined(campaign, join("c1", 2), NOW);
    CampaignState two = CampaignBook.joined(one, join("c2", 1), NOW);

    assertThat(one.getStatus()).isEqualTo(CampaignStatus.OPEN.name());
    assertThat(two.getStatus()).isEqualTo(CampaignStatus.SUCCEEDED.name());
    assertThat(two.getParticipants()).isEqualTo(2);
    assertThat(two.getUnits()).isEqualTo(3);
  }

  @Test
  void a_campaign_that_ends_below_its_minimum_expires() {
    CampaignState campaign = CampaignBook.joined(open(create(900, 2), product("ACTIVE", 1_000)), join("c1", 1), NOW);

    CampaignState ended = CampaignBook.ended(campaign, NOW.plus(Duration.ofDays(7)));

    assertThat(ended.getStatus()).isEqualTo(CampaignStatus.EXPIRED.name());
    assertThat(CampaignBook.ended(ended, NOW.plus(Duration.ofDays(8)))).isNull();
  }

  @Test
  void a_group_order_is_counted_once_when_it_is_confirmed_or_rejected() {
    CampaignState campaign = open(create(900, 2), product("ACTIVE", 1_000));
    CampaignParticipant placed = participant("CREATED");

    CampaignState confirmed = CampaignBook.orderProgressed(campaign, placed, outcome("CONFIRMED"), NOW);
    CampaignState again = CampaignBook.orderProgressed(confirmed, participant("CONFIRMED"), outcome("CONFIRMED"), NOW);
    CampaignState rejected = CampaignBook.orderProgressed(campaign, placed, outcome("REJECTED"), NOW);

    assertThat(confirmed.getOrdersConfirmed()).isEqualTo(1);
    assertThat(again.getOrdersConfirmed()).isEqualTo(1);
    assertThat(rejected.getOrdersRejected()).isEqualTo(1);
  }

  private static CampaignState open(CreateCampaign create, Optional<Product> product) {
    return CampaignBook.open(INVITES, "t1", create, product, NOW, "vendor-1", "corr-1");
  }

  private static CreateCampaign create(long groupPrice, int minParticipants) {
    return CreateCampaign.newBuilder().setCampaignId("camp-1").setSku("sku-1").setMinParticipants(minParticipants)
        .setGroupPrice(new Money(groupPrice, "EUR")).setStartsAt(NOW).setEndsAt(NOW.plus(Duration.ofDays(7))).build();
  }

  private static Optional<Product> product(String status, long price) {
    return Optional.of(Product.newBuilder().setTenantId("t1").setSku("sku-1").setVendorId("vendor-1").setName("Kettle")
        .setPrice(new Money(price, "EUR")).setStatus(status).setOptions(Map.of()).setVersion(1).setUpdatedAt(NOW)
        .build());
  }

  private static JoinCampaign join(String customerId, int quantity) {
    return JoinCampaign.newBuilder().setCampaignId("camp-1").setCustomerId(customerId).setQuantity(quantity).build();
  }

  private static CampaignParticipant participant(String orderStatus) {
    return CampaignParticipant.newBuilder().setCustomerId("c1").setQuantity(1).setJoinedAt(NOW).setInviteCode("code")
        .setOrderId("order-1").setOrderStatus(orderStatus).build();
  }

  private static GroupOrderOutcome outcome(String status) {
    return GroupOrderOutcome.newBuilder().setEventId("e1").setTenantId("t1").setCampaignId("camp-1")
        .setCustomerId("c1").setOrderId("order-1").setStatus(status).setOccurredAt(NOW).build();
  }
}
