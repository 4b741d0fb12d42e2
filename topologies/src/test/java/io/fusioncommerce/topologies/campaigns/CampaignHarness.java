package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignCommand;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.campaigns.CreateCampaign;
import io.fusioncommerce.schemas.campaigns.JoinCampaign;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.topologies.orders.SagaHarness;
import io.fusioncommerce.topologies.orders.SagaWiredHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The campaign topics in a TopologyTestDriver, wired to the order saga (order and inventory
 * topologies in their own drivers): group orders go into the saga and their outcomes come back, as
 * on the broker.
 */
final class CampaignHarness extends SagaWiredHarness {

  static final String TENANT = "acme";
  static final Actor VENDOR = Actor.newBuilder().setSubject("seller").setRoles(List.of("vendor")).build();

  final KeyValueStore<CampaignKey, CampaignState> campaignStore;
  final KeyValueStore<String, CampaignParticipant> participantStore;
  int placedOrders;

  /** The platform's invite code signer in these tests (the secret a deployment configures). */
  static final InviteCodes INVITES = InviteCodes.withSecret("test-secret-of-the-campaign-topology-tests-0123456789");

  CampaignHarness(Path stateDir) {
    super(stateDir, "campaigns", new CampaignTopology(INVITES));
    // group orders ask for their risk like any order: every one is accepted here
    saga.withFraud((features, thresholds) -> new io.fusioncommerce.topologies.fraud.RiskAssessment(0.01,
        io.fusioncommerce.topologies.fraud.RiskDecision.ACCEPT, List.of()));
    campaignStore = store(CampaignTopology.CAMPAIGN_STORE);
    participantStore = store(CampaignTopology.PARTICIPANT_STORE);
  }

  Instant now() {
    return saga.now();
  }

  void product(String sku, long price, String vendor) {
    saga.product(TENANT, sku, price, "USD", vendor, "ACTIVE");
    topics.input(Topics.CATALOG_PRODUCTS).pipeInput(
        new SkuKey(TENANT, sku), Product.newBuilder().setTenantId(TENANT).setSku(sku).setVendorId(vendor)
        .setName("Product " + sku).setPrice(new Money(price, "USD")).setStatus("ACTIVE").setVersion(1)
        .setUpdatedAt(SagaHarness.T0).build(), now());
  }

  void create(String campaignId, String sku, int min, Integer max, long groupPrice, Duration startsIn, Duration endsIn,
      String vendorId) {
    command(campaignId, "create-" + campaignId, CreateCampaign.newBuilder().setCampaignId(campaignId).setSku(sku)
        .setMinParticipants(min).setMaxParticipants(max).setGroupPrice(new Money(groupPrice, "USD"))
        .setStartsAt(now().plus(startsIn)).setEndsAt(now().plus(endsIn)).setVendorId(vendorId).build());
  }

  void join(String campaignId, String customer, int quantity, String referralCode) {
    join(campaignId, customer, quantity, referralCode, UUID.randomUUID().toString());
  }

  void join(String campaignId, String customer, int quantity, String referralCode, String commandId) {
    command(campaignId, commandId, JoinCampaign.newBuilder().setCampaignId(campaignId).setCustomerId(customer)
        .setQuantity(quantity).setReferralCode(referralCode).build());
  }

  void command(String campaignId, String commandId, Object command) {
    topics.input(Topics.CAMPAIGN_COMMANDS).pipeInput(
        new CampaignKey(TENANT, campaignId), CampaignCommand.newBuilder().setCommandId(commandId)
        .setTenantId(TENANT).setIssuedAt(now()).setCorrelationId("corr-" + commandId).setIssuedBy(VENDOR)
        .setCommand(command).build(), now());
    relay();
  }

  void advance(Duration duration) {
    topics.driver().advanceWallClockTime(duration);
    saga.advance(duration);
    relay();
  }

  /** Group orders and stock reservations go to the saga, the orders' outcomes come back. */
  @Override
  protected boolean relayOnce() {
    int placed = forwardOrderCommands();
    placedOrders += placed;
    boolean moved = placed > 0;
    for (TestRecord<SkuKey, InventoryCommand> r : topics.output(Topics.INVENTORY_COMMANDS).readRecordsToList()) {
      saga.inventoryCommand(r.key(), r.value());
      moved = true;
    }
    for (var r : topics.output(Topics.FRAUD_COMMANDS).readRecordsToList()) {
      saga.fraudCommand(r.key(), r.value());
      moved = true;
    }
    saga.relay();
    moved |= forwardStatusChanges(changed -> { }) > 0;
    // campaign.group-orders is written and read by the same topology: the driver pipes it itself
    return moved;
  }

  CampaignState campaign(String campaignId) {
    return campaignStore.get(new CampaignKey(TENANT, campaignId));
  }

  CampaignParticipant participant(String campaignId, String customer) {
    return participantStore.get(CampaignCodes.participantKey(TENANT, campaignId, customer));
  }
}
