package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.Topics;
import static io.fusioncommerce.topologies.campaigns.CampaignHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.campaigns.CampaignJoinRefused;
import io.fusioncommerce.schemas.campaigns.CampaignJoined;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.orders.OrderState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTopologyTest {

  @TempDir Path dir;
  CampaignHarness h;

  @BeforeEach
  void start() {
    h = new CampaignHarness(dir);
    h.product("SKU-1", 5000, "v1");
    h.saga.stock(TENANT, "SKU-1", "main", 100);
    h.saga.relay();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** A campaign on SKU-1 open from now for {@code endsIn}, joined by alice and bob (one each). */
  private void aliceAndBobJoin(String campaignId, int minParticipants, Duration endsIn) {
    h.create(campaignId, "SKU-1", minParticipants, null, 3999, Duration.ZERO, endsIn, null);
    h.join(campaignId, "alice", 1, null);
    h.join(campaignId, "bob", 1, null);
  }

  /** A campaign alice and bob join, one short of its minimum: open a minute before its end, expired just after. */
  private CampaignState expiresAfterThirtyMinutes(String campaignId) {
    aliceAndBobJoin(campaignId, 3, Duration.ofMinutes(30));
    h.advance(Duration.ofMinutes(29));
    assertThat(h.campaign(campaignId).getStatus()).isEqualTo("OPEN");
    h.advance(Duration.ofSeconds(61));
    CampaignState campaign = h.campaign(campaignId);
    assertThat(campaign.getStatus()).isEqualTo("EXPIRED");
    return campaign;
  }

  @Test
  void aCampaignOpensForAnActiveProductBelowItsListPrice() {
    h.create("c1", "SKU-1", 3, 10, 3999, Duration.ZERO, Duration.ofHours(1), "v1");
    CampaignState campaign = h.campaign("c1");
    assertThat(campaign.getStatus()).isEqualTo("OPEN");
    assertThat(campaign.getListPrice().getAmount()).isEqualTo(5000);
    assertThat(campaign.getInviteCode()).hasSize(InviteCodes.CODE_LENGTH);
    assertThat(CampaignHarness.INVITES.verify(TENANT, "c1", campaign.getInviteCode())).isTrue();
    assertThat(h.topics.output(Topics.CAMPAIGN_CREATED).readValuesToList()).singleElement()
        .satisfies(e -> assertThat(e.getGroupPrice().getAmount()).isEqualTo(3999));
  }

  @Test
  void theTopologyRefusesTermsTheIngressShouldHaveRefused() {
    h.create("too-dear", "SKU-1", 3, null, 5000, Duration.ZERO, Duration.ofHours(1), null);
    h.create("unknown", "NOPE", 3, null, 10, Duration.ZERO, Duration.ofHours(1), null);
    h.create("not-mine", "SKU-1", 3, null, 10, Duration.ZERO, Duration.ofHours(1), "v2");
    h.create("backwards", "SKU-1", 3, null, 10, Duration.ofHours(2), Duration.ofHours(1), null);
    assertThat(h.topics.output(Topics.CAMPAIGN_REJECTED).readValuesToList())
        .extracting(r -> r.getCampaignId() + ":" + r.getReason()).containsExactly(
        "too-dear:GROUP_PRICE_NOT_BELOW_LIST_PRICE", "unknown:UNKNOWN_SKU", "not-mine:NOT_THE_VENDORS_PRODUCT",
        "backwards:BAD_WINDOW");
    assertThat(h.campaign("too-dear").getStatus()).isEqualTo("REJECTED");
    assertThat(h.topics.output(Topics.CAMPAIGN_CREATED).readValuesToList()).isEmpty();
  }

  @Test
  void aProductTheTableHasNotSeenYetIsTakenFromTheCatalogsAnswerInTheCommand() {
    h.command("fresh", "create-fresh", io.fusioncommerce.schemas.campaigns.CreateCampaign.newBuilder()
        .setCampaignId("fresh").setSku("BRAND-NEW").setMinParticipants(2)
        .setGroupPrice(new io.fusioncommerce.schemas.common.Money(700L, "USD"))
        .setStartsAt(h.now()).setEndsAt(h.now().plus(Duration.ofHours(1)))
        .setProduct(new io.fusioncommerce.schemas.campaigns.CampaignProduct("v1", "Brand new",
            new io.fusioncommerce.schemas.common.Money(1000L, "USD"))).build());
    assertThat(h.campaign("fresh").getStatus()).isEqualTo("OPEN");
    assertThat(h.campaign("fresh").getProductName()).isEqualTo("Brand new");
  }

  @Test
  void theMinimumTurnsTheCampaignSuccessfulAndPlacesGroupOrdersAtTheGroupPrice() {
    h.create("c1", "SKU-1", 3, 5, 3999, Duration.ZERO, Duration.ofHours(1), null);
    h.join("c1", "alice", 1, null);
    h.join("c1", "bob", 2, null);
    assertThat(h.campaign("c1").getStatus()).isEqualTo("OPEN");
    assertThat(h.placedOrders).isZero();

    h.join("c1", "carol", 1, null);
    CampaignState campaign = h.campaign("c1");
    assertThat(campaign.getStatus()).isEqualTo("SUCCEEDED");
    assertThat(campaign.getParticipants()).isEqualTo(3);
    assertThat(campaign.getUnits()).isEqualTo(4);
    assertThat(h.topics.output(Topics.CAMPAIGN_SUCCEEDED).readValuesToList())
        .singleElement().satisfies(e -> assertThat(e.getParticipants()).isEqualTo(3));
    assertThat(campaign.getOrdersPlaced()).isEqualTo(3);
    assertThat(campaign.getOrdersConfirmed()).isEqualTo(3);

    CampaignParticipant bob = h.participant("c1", "bob");
    assertThat(bob.getOrderStatus()).isEqualTo("CONFIRMED");
    OrderState order = h.saga.order(TENANT, bob.getOrderId());
    assertThat(order.getCampaignId()).isEqualTo("c1");
    assertThat(order.getLines().get(0).getUnitPrice().getAmount()).isEqualTo(3999);
    assertThat(order.getTotal().getAmount()).isEqualTo(2 * 3999);
    assertThat(h.saga.reserved(TENANT, "SKU-1")).isEqualTo(4);

    // later joins still get the group price, up to the maximum
    h.join("c1", "dave", 1, null);
    assertThat(h.participant("c1", "dave").getOrderStatus()).isEqualTo("CONFIRMED");
    h.join("c1", "erin", 1, null);
    h.join("c1", "frank", 1, null);
    assertThat(h.campaign("c1").getParticipants()).isEqualTo(5);
    assertThat(h.topics.output(Topics.CAMPAIGN_JOIN_REFUSED).readValuesToList())
        .extracting(CampaignJoinRefused::getReason).containsExactly("FULL");
    assertThat(h.participant("c1", "frank")).isNull();
  }

  @Test
  void joiningTwiceCountsOnce() {
    h.create("c1", "SKU-1", 3, null, 3999, Duration.ZERO, Duration.ofHours(1), null);
    h.join("c1", "alice", 1, null, "same-command");
    h.join("c1", "alice", 1, null, "same-command");
    h.join("c1", "alice", 3, null);
    assertThat(h.campaign("c1").getParticipants()).isEqualTo(1);
    assertThat(h.participant("c1", "alice").getQuantity()).isEqualTo(1);
    assertThat(h.topics.output(Topics.CAMPAIGN_JOINED).readValuesToList()).hasSize(1);
  }

  @Test
  void joinsBeforeTheStartOrAfterTheEndAreRefused() {
    h.create("later", "SKU-1", 2, null, 3999, Duration.ofHours(1), Duration.ofHours(2), null);
    h.join("later", "alice", 1, null);
    h.create("c1", "SKU-1", 2, null, 3999, Duration.ZERO, Duration.ofMinutes(10), null);
    h.advance(Duration.ofMinutes(11));
    h.join("c1", "bob", 1, null);
    h.join("missing", "carol", 1, null);
    assertThat(h.topics.output(Topics.CAMPAIGN_JOIN_REFUSED).readValuesToList())
        .extracting(CampaignJoinRefused::getReason)
        .containsExactly("NOT_STARTED", "NOT_OPEN", "NOT_FOUND");
  }

  @Test
  void aCampaignBelowItsMinimumExpiresWhenTheWindowEndsAndNobodyIsCharged() {
    CampaignState campaign = expiresAfterThirtyMinutes("c1");
    assertThat(campaign.getEndedAt()).isNotNull();
    assertThat(h.topics.output(Topics.CAMPAIGN_EXPIRED).readValuesToList())
        .singleElement().satisfies(e -> assertThat(e.getParticipants()).isEqualTo(2));
    assertThat(h.placedOrders).isZero();
    assertThat(h.saga.reserved(TENANT, "SKU-1")).isZero();
  }

  @Test
  void aSucceededCampaignClosesAtTheEndWithoutExpiring() {
    aliceAndBobJoin("c1", 2, Duration.ofMinutes(5));
    h.advance(Duration.ofMinutes(6));
    assertThat(h.campaign("c1").getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.campaign("c1").getEndedAt()).isNotNull();
    assertThat(h.topics.output(Topics.CAMPAIGN_EXPIRED).readValuesToList()).isEmpty();
    h.join("c1", "carol", 1, null);
    assertThat(h.topics.output(Topics.CAMPAIGN_JOIN_REFUSED).readValuesToList())
        .extracting(CampaignJoinRefused::getReason).containsExactly("ENDED");
  }

  /** An ended campaign leaves the stores with its participants a month after it ended; an open one stays. */
  @Test
  void anExpiredCampaignAndItsParticipantsGoThirtyDaysAfterItEnded() {
    expiresAfterThirtyMinutes("c1");

    h.advance(Duration.ofDays(29));
    h.create("c2", "SKU-1", 3, null, 3999, Duration.ZERO, Duration.ofDays(60), null); // moves stream time
    assertThat(h.campaign("c1")).as("ended 29 days ago").isNotNull();

    h.advance(Duration.ofDays(2));
    h.join("c2", "carol", 1, null);
    h.join("c2", "dave", 1, null); // a few records: each sweep does a bounded share
    assertThat(h.campaignStore.get(new CampaignKey(TENANT, "c1"))).as("ended 31 days ago").isNull();
    assertThat(h.participant("c1", "alice")).isNull();
    assertThat(h.participant("c1", "bob")).isNull();
    assertThat(h.campaign("c2").getStatus()).isEqualTo("OPEN");
    assertThat(h.participant("c2", "carol")).isNotNull();
  }

  @Test
  void aParticipantWhoseOrderFindsNoStockIsShownAsRejected() {
    h.product("RARE", 1000, "v1");
    h.saga.stock(TENANT, "RARE", "main", 2);
    h.saga.relay();
    h.create("c1", "RARE", 3, null, 800, Duration.ZERO, Duration.ofHours(1), null);
    h.join("c1", "alice", 1, null);
    h.join("c1", "bob", 1, null);
    h.join("c1", "carol", 1, null);
    CampaignState campaign = h.campaign("c1");
    assertThat(campaign.getOrdersConfirmed()).isEqualTo(2);
    assertThat(campaign.getOrdersRejected()).isEqualTo(1);
    assertThat(java.util.stream.Stream.of("alice", "bob", "carol").map(c -> h.participant("c1", c)))
        .filteredOn(p -> "REJECTED".equals(p.getOrderStatus()))
        .singleElement().satisfies(p -> assertThat(p.getOrderReason()).isEqualTo("INSUFFICIENT_STOCK"));
    assertThat(h.saga.available(TENANT, "RARE")).isZero();
  }

  @Test
  void invitesRecordWhoBroughtWhom() {
    h.create("c1", "SKU-1", 10, null, 3999, Duration.ZERO, Duration.ofHours(1), null);
    h.join("c1", "alice", 1, h.campaign("c1").getInviteCode());
    String alicesCode = h.participant("c1", "alice").getInviteCode();
    h.join("c1", "bob", 1, alicesCode);
    h.join("c1", "carol", 1, alicesCode.toUpperCase());
    String bobsCode = h.participant("c1", "bob").getInviteCode();
    h.join("c1", "dave", 1, bobsCode);
    h.join("c1", "erin", 1, "nonsense-code");
    assertThat(h.participant("c1", "alice").getReferredBy()).isNull();
    assertThat(h.participant("c1", "alice").getReferrals()).isEqualTo(2);
    assertThat(h.participant("c1", "bob").getReferredBy()).isEqualTo("alice");
    assertThat(h.participant("c1", "bob").getReferrals()).isEqualTo(1);
    assertThat(h.participant("c1", "dave").getReferredBy()).isEqualTo("bob");
    assertThat(h.participant("c1", "erin").getReferredBy()).isNull();
    assertThat(h.topics.output(Topics.CAMPAIGN_JOINED).readValuesToList()).extracting(CampaignJoined::getReferredBy)
        .containsExactly(null, "alice", "alice", "bob", null);
    assertThat(alicesCode).isNotEqualTo(bobsCode).doesNotContain("alice");
  }

  /**
   * Codes are signed: the unkeyed code of earlier versions (which anyone could compute from a customer id)
   * and a code computed with another secret refer nobody.
   */
  @Test
  void onlySignedInviteCodesRefer() throws Exception {
    h.create("c1", "SKU-1", 10, null, 3999, Duration.ZERO, Duration.ofHours(1), null);
    h.join("c1", "alice", 1, null);
    String alicesCode = h.participant("c1", "alice").getInviteCode();
    assertThat(CampaignHarness.INVITES.verify(TENANT, "c1", alicesCode)).isTrue();
    assertThat(CampaignHarness.INVITES.verify(TENANT, "c2", alicesCode)).as("another campaign").isFalse();
    assertThat(CampaignHarness.INVITES.verify("other", "c1", alicesCode)).as("another tenant").isFalse();

    h.join("c1", "mallory", 1, unsignedCodeOfEarlierVersions(TENANT, "c1", "alice"));
    h.join("c1", "trent", 1, InviteCodes.withSecret("a-guess-at-the-secret-that-is-long-enough-0123").issue(TENANT, "c1", "alice"));
    String tampered = alicesCode.substring(0, alicesCode.length() - 1) + (alicesCode.endsWith("a") ? "b" : "a");
    h.join("c1", "oscar", 1, tampered);
    h.join("c1", "bob", 1, alicesCode);

    assertThat(h.participant("c1", "mallory").getReferredBy()).isNull();
    assertThat(h.participant("c1", "trent").getReferredBy()).isNull();
    assertThat(h.participant("c1", "oscar").getReferredBy()).isNull();
    assertThat(h.participant("c1", "bob").getReferredBy()).isEqualTo("alice");
    assertThat(h.participant("c1", "alice").getReferrals()).isEqualTo(1);
  }

  /** The code earlier versions gave out: the first 12 bytes of an unkeyed SHA-256, in the same alphabet. */
  private static String unsignedCodeOfEarlierVersions(String tenant, String campaign, String customer) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(("invite\u001f" + tenant + "\u001f"
        + campaign + "\u001f" + customer).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      code.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
    }
    return code.toString();
  }
}
