package io.fusioncommerce.topologies.campaigns;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignCommand;
import io.fusioncommerce.schemas.campaigns.CampaignCreated;
import io.fusioncommerce.schemas.campaigns.CampaignExpired;
import io.fusioncommerce.schemas.campaigns.CampaignJoinRefused;
import io.fusioncommerce.schemas.campaigns.CampaignJoined;
import io.fusioncommerce.schemas.campaigns.CampaignListRow;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignRejected;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.campaigns.CampaignSucceeded;
import io.fusioncommerce.schemas.campaigns.CreateCampaign;
import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.campaigns.JoinCampaign;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.topologies.orders.OrderPlacement;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies campaign commands, group-order outcomes and the end-of-window timers through
 * {@link CampaignBook}, and turns what changed into events, group orders (through the normal order
 * saga) and store writes.
 */
final class CampaignProcessor implements Processor<CampaignKey, SpecificRecord, SpecificRecord, SpecificRecord> {

  static final Duration TIMER_SCAN_INTERVAL = Duration.ofSeconds(1);
  private static final Actor SYSTEM = Actor.newBuilder().setSubject("campaign-topology").setRoles(List.of()).build();

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<CampaignKey, CampaignState> campaigns;
  private KeyValueStore<String, CampaignParticipant> participants;
  private KeyValueStore<String, String> invites;
  private KeyValueStore<String, String> timers;
  private KeyValueStore<SkuKey, Product> products;
  private KeyValueStore<CampaignKey, Long> staleRows;

  private final InviteCodes inviteCodes;

  CampaignProcessor(StoreChangeListener changes, InviteCodes inviteCodes) {
    this.changes = changes;
    this.inviteCodes = inviteCodes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.campaigns = context.getStateStore(CampaignTopology.CAMPAIGN_STORE);
    this.participants = context.getStateStore(CampaignTopology.PARTICIPANT_STORE);
    this.invites = context.getStateStore(CampaignTopology.INVITE_STORE);
    this.timers = context.getStateStore(CampaignTopology.TIMER_STORE);
    this.products = context.getStateStore(CampaignTopology.PRODUCT_STORE);
    this.staleRows = context.getStateStore(CampaignTopology.STALE_ROWS_STORE);
    context.schedule(TIMER_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
      endDueCampaigns(Instant.ofEpochMilli(now));
      refreshStaleRows(Instant.ofEpochMilli(now));
    });
  }

  @Override
  public void process(Record<CampaignKey, SpecificRecord> record) {
    CampaignKey key = record.key();
    if (key == null || record.value() == null) {
      throw new InvalidCommandException("campaign record without key or value");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    switch (record.value()) {
      case CampaignCommand command -> {
        requireTenant(key, command.getTenantId());
        Cause cause = Cause.of(command, record.headers(), record.timestamp());
        Arrival.requireSame("campaign", key.getCampaignId(), command.getCommand());
        switch (command.getCommand()) {
          case CreateCampaign create -> {
            create(key, create, cause);
          }
          case JoinCampaign join -> {
            join(key, join, cause);
          }
          default -> throw new InvalidCommandException("unknown campaign command " + command.getCommand().getClass().getName());
        }
      }
      case GroupOrderOutcome outcome -> {
        requireTenant(key, outcome.getTenantId());
        orderProgressed(key, outcome, at);
      }
      default -> throw new InvalidCommandException("unexpected record " + record.value().getClass().getName());
    }
  }

  private void create(CampaignKey key, CreateCampaign create, Cause cause) {
    if (campaigns.get(key) != null) {
      return; // a retry of the same command, or an id collision: the first one stands
    }
    // the product table may lag a product created a moment ago: then the catalog's own answer, which the
    // ingress read from Postgres and sent along, stands in for it
    Optional<Product> product = Optional.ofNullable(products.get(new SkuKey(key.getTenantId(), create.getSku())))
        .or(() -> Optional.ofNullable(create.getProduct()).map(p -> Product.newBuilder().setTenantId(key.getTenantId())
            .setSku(create.getSku()).setVendorId(p.getVendorId()).setName(p.getName()).setPrice(p.getListPrice())
            .setStatus("ACTIVE").setVersion(0).setUpdatedAt(cause.at()).build()));
    CampaignState state = CampaignBook.open(inviteCodes, key.getTenantId(), create, product, cause.at(),
        cause.actor().getSubject(), cause.correlationId());
    save(key, state);
    if (CampaignStatus.REJECTED.name().equals(state.getStatus())) {
      forward(key, CampaignRejected.newBuilder(cause.event(new CampaignRejected(), cause.derive("rejected")))
          .setCampaignId(key.getCampaignId()).setReason(state.getRejectionReason()).build(),
          cause, sinkName(Topics.CAMPAIGN_REJECTED));
      return;
    }
    timers.put(CampaignCodes.timerKey(state.getEndsAt().toEpochMilli(), key.getTenantId(), key.getCampaignId()), "end");
    forward(key, CampaignCreated.newBuilder(cause.event(new CampaignCreated(), cause.derive("created")))
        .setCampaignId(key.getCampaignId()).setSku(state.getSku())
        .setVendorId(state.getVendorId()).setMinParticipants(state.getMinParticipants())
        .setMaxParticipants(state.getMaxParticipants()).setGroupPrice(state.getGroupPrice())
        .setStartsAt(state.getStartsAt()).setEndsAt(state.getEndsAt()).build(), cause, sinkName(Topics.CAMPAIGN_CREATED));
  }

  private void join(CampaignKey key, JoinCampaign join, Cause cause) {
    String participantKey = CampaignCodes.participantKey(key.getTenantId(), key.getCampaignId(), join.getCustomerId());
    if (participants.get(participantKey) != null) {
      return; // joining twice counts once
    }
    CampaignState campaign = campaigns.get(key);
    Optional<String> refusal = CampaignBook.admission(campaign, join, cause.at());
    if (refusal.isPresent()) {
      forward(key, CampaignJoinRefused.newBuilder(cause.event(new CampaignJoinRefused(), cause.derive("join-refused")))
          .setCampaignId(key.getCampaignId()).setCustomerId(join.getCustomerId())
          .setReason(refusal.get()).build(), cause, sinkName(Topics.CAMPAIGN_JOIN_REFUSED));
      return;
    }
    String referredBy = referrer(key, join);
    CampaignParticipant participant = CampaignBook.participant(inviteCodes, key.getTenantId(), campaign, join, referredBy, cause.at());
    CampaignState next = CampaignBook.joined(campaign, join, cause.at());
    invites.put(CampaignCodes.inviteKey(key.getTenantId(), key.getCampaignId(), participant.getInviteCode()),
        join.getCustomerId());
    if (referredBy != null) {
      String referrerKey = CampaignCodes.participantKey(key.getTenantId(), key.getCampaignId(), referredBy);
      CampaignParticipant referrer = participants.get(referrerKey);
      participants.put(referrerKey, CampaignParticipant.newBuilder(referrer).setReferrals(referrer.getReferrals() + 1).build());
    }
    forward(key, CampaignJoined.newBuilder(cause.event(new CampaignJoined(), cause.derive("joined")))
        .setCampaignId(key.getCampaignId()).setCustomerId(join.getCustomerId())
        .setQuantity(join.getQuantity()).setParticipants(next.getParticipants()).setReferredBy(referredBy).build(),
        cause, sinkName(Topics.CAMPAIGN_JOINED));
    boolean succeededNow = !campaign.getStatus().equals(next.getStatus());
    if (succeededNow) {
      participants.put(participantKey, participant);
      forward(key, CampaignSucceeded.newBuilder(cause.event(new CampaignSucceeded(), cause.derive("succeeded")))
          .setCampaignId(key.getCampaignId()).setParticipants(next.getParticipants()).build(),
          cause, sinkName(Topics.CAMPAIGN_SUCCEEDED));
      next = placeOrdersForEveryone(key, next, cause);
    } else if (CampaignStatus.SUCCEEDED.name().equals(next.getStatus())) {
      participant = placeOrder(key, next, participant, cause);
      participants.put(participantKey, participant);
      next = CampaignState.newBuilder(next).setOrdersPlaced(next.getOrdersPlaced() + 1).build();
    } else {
      participants.put(participantKey, participant);
    }
    save(key, next);
  }

  /** The participant whose invite code the join carries, if it is one (and not the joiner itself). */
  private String referrer(CampaignKey key, JoinCampaign join) {
    // a code that does not verify (forged, or an unsigned one of an earlier version) refers nobody
    if (join.getReferralCode() == null
        || !inviteCodes.verify(key.getTenantId(), key.getCampaignId(), join.getReferralCode())) {
      return null;
    }
    String customer = invites.get(CampaignCodes.inviteKey(key.getTenantId(), key.getCampaignId(), join.getReferralCode()));
    return customer == null || customer.equals(join.getCustomerId()) ? null : customer;
  }

  private CampaignState placeOrdersForEveryone(CampaignKey key, CampaignState campaign, Cause cause) {
    List<KeyValue<String, CampaignParticipant>> everyone = new ArrayList<>();
    try (KeyValueIterator<String, CampaignParticipant> iterator = participants.prefixScan(
        CampaignCodes.participantPrefix(key.getTenantId(), key.getCampaignId()), new StringSerializer())) {
      iterator.forEachRemaining(everyone::add);
    }
    int placed = 0;
    for (KeyValue<String, CampaignParticipant> entry : everyone) {
      if (entry.value.getOrderId() == null) {
        participants.put(entry.key, placeOrder(key, campaign, entry.value, cause));
        placed++;
      }
    }
    return CampaignState.newBuilder(campaign).setOrdersPlaced(campaign.getOrdersPlaced() + placed).build();
  }

  /**
   * Places the participant's group order through the normal saga: PlaceOrder at the group price and,
   * as the ingress does for any order, the reservation on the SKU's own partition and the risk assessment
   * on the tenant's fraud partition. The order id is
   * derived from campaign and customer, so a replay places the same order, which the order topology
   * recognises.
   */
  private CampaignParticipant placeOrder(CampaignKey key, CampaignState campaign, CampaignParticipant participant,
      Cause cause) {
    String orderId = CampaignCodes.groupOrderId(key.getTenantId(), key.getCampaignId(), participant.getCustomerId());
    PlaceOrder place = PlaceOrder.newBuilder()
        .setOrderId(orderId).setCustomerId(participant.getCustomerId()).setCurrency(campaign.getGroupPrice().getCurrency())
        .setLines(List.of(new RequestedLine(campaign.getSku(), (long) participant.getQuantity())))
        .setShippingAddress(participant.getShippingAddress())
        .setRequestHash("campaign:" + key.getCampaignId() + ":" + participant.getCustomerId())
        .setAgreedUnitPrice(campaign.getGroupPrice()).setCampaignId(key.getCampaignId()).build();
    OrderPlacement placement = OrderPlacement.of(cause, SYSTEM, place);
    context.forward(new Record<SpecificRecord, SpecificRecord>(placement.order().key(), placement.order().command(),
        cause.timestamp(), cause.headers()), sinkName(Topics.ORDER_COMMANDS));
    placement.reservations().forEach(reservation -> context.forward(new Record<SpecificRecord, SpecificRecord>(
        reservation.key(), reservation.command(), cause.timestamp(), cause.headers()), sinkName(Topics.INVENTORY_COMMANDS)));
    context.forward(new Record<SpecificRecord, SpecificRecord>(placement.assessment().key(), placement.assessment().command(),
        cause.timestamp(), cause.headers()), sinkName(Topics.FRAUD_COMMANDS));
    return CampaignParticipant.newBuilder(participant).setOrderId(orderId).setOrderStatus(OrderStatus.CREATED.name()).build();
  }

  private void orderProgressed(CampaignKey key, GroupOrderOutcome outcome, Instant at) {
    CampaignState campaign = campaigns.get(key);
    String participantKey = CampaignCodes.participantKey(key.getTenantId(), key.getCampaignId(), outcome.getCustomerId());
    CampaignParticipant participant = participants.get(participantKey);
    if (campaign == null || participant == null || !outcome.getOrderId().equals(participant.getOrderId())
        || outcome.getStatus().equals(participant.getOrderStatus())) {
      return; // not this campaign's order, or a repeat
    }
    save(key, CampaignBook.orderProgressed(campaign, participant, outcome, at));
    participants.put(participantKey, CampaignParticipant.newBuilder(participant).setOrderStatus(outcome.getStatus())
        .setOrderReason(outcome.getReason()).build());
  }

  private void endDueCampaigns(Instant now) {
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = timers.range(null, CampaignCodes.timersUpTo(now.toEpochMilli()))) {
      iterator.forEachRemaining(entry -> due.add(entry.key));
    }
    for (String timer : due) {
      timers.delete(timer);
      String[] parts = CampaignCodes.timerParts(timer);
      CampaignKey key = new CampaignKey(parts[1], parts[2]);
      CampaignState campaign = campaigns.get(key);
      CampaignState ended = CampaignBook.ended(campaign, now);
      if (ended == null) {
        continue;
      }
      save(key, ended);
      if (CampaignStatus.EXPIRED.name().equals(ended.getStatus())) {
        Cause cause = Cause.ofTimer("end:" + timer, key.getTenantId(), campaign.getCorrelationId(), now);
        forward(key, CampaignExpired.newBuilder(cause.event(new CampaignExpired(), cause.derive("expired")))
            .setCampaignId(key.getCampaignId()).setParticipants(ended.getParticipants()).build(),
            cause, sinkName(Topics.CAMPAIGN_EXPIRED));
      }
    }
  }

  private void save(CampaignKey key, CampaignState state) {
    CampaignState before = campaigns.get(key);
    campaigns.put(key, state);
    changes.changed(CampaignTopology.CAMPAIGN_STORE, key);
    if (before == null || !before.getStatus().equals(state.getStatus())
        || !java.util.Objects.equals(before.getEndedAt(), state.getEndedAt())) {
      emitRow(key, state); // a new campaign or a new status is listed at once
    } else if (before.getParticipants() != state.getParticipants()) {
      staleRows.put(key, state.getVersion()); // a count is listed within a second (at most one row a second)
    }
  }

  private void refreshStaleRows(Instant now) {
    List<CampaignKey> stale = new ArrayList<>();
    try (KeyValueIterator<CampaignKey, Long> iterator = staleRows.all()) {
      iterator.forEachRemaining(entry -> stale.add(entry.key));
    }
    for (CampaignKey key : stale) {
      staleRows.delete(key);
      CampaignState state = campaigns.get(key);
      if (state != null) {
        emitRow(key, state);
      }
    }
  }

  private void emitRow(CampaignKey key, CampaignState state) {
    staleRows.delete(key);
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, CampaignListRow.newBuilder()
        .setTenantId(key.getTenantId()).setCampaignId(key.getCampaignId()).setSku(state.getSku())
        .setProductName(state.getProductName()).setVendorId(state.getVendorId()).setStatus(state.getStatus())
        .setParticipants(state.getParticipants()).setMinParticipants(state.getMinParticipants())
        .setMaxParticipants(state.getMaxParticipants()).setGroupPriceAmount(state.getGroupPrice().getAmount())
        .setCurrency(state.getGroupPrice().getCurrency()).setStartsAt(state.getStartsAt()).setEndsAt(state.getEndsAt())
        .setCreatedAt(state.getCreatedAt()).setUpdatedAt(state.getUpdatedAt()).setVersion(state.getVersion()).build(),
        state.getUpdatedAt().toEpochMilli()), sinkName(Topics.CAMPAIGNS_VIEW));
  }

  private void forward(CampaignKey key, SpecificRecord value, Cause cause, String sink) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, value, cause.timestamp(), cause.headers()), sink);
  }

  private static void requireTenant(CampaignKey key, String tenantId) {
    if (!key.getTenantId().equals(tenantId)) {
      throw new InvalidCommandException("tenant of key (" + key.getTenantId() + ") differs from tenant of record (" + tenantId + ")");
    }
  }

}
