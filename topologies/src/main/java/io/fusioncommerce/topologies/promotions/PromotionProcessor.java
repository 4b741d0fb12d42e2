package io.fusioncommerce.topologies.promotions;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.promotions.CreatePromotion;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionRedemptionOutcome;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.schemas.promotions.RedeemPromotion;
import io.fusioncommerce.schemas.promotions.Redemption;
import io.fusioncommerce.schemas.promotions.ReleaseRedemption;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies promotion commands through {@link PromotionRules} and {@link PromotionBook}. */
final class PromotionProcessor implements Processor<PromotionKey, PromotionCommand, SpecificRecord, SpecificRecord> {

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<PromotionKey, PromotionState> promotions;
  private KeyValueStore<String, Redemption> redemptions;
  private KeyValueStore<String, Long> customers;

  PromotionProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    promotions = context.getStateStore(PromotionTopology.PROMOTION_STORE);
    redemptions = context.getStateStore(PromotionTopology.REDEMPTION_STORE);
    customers = context.getStateStore(PromotionTopology.CUSTOMER_STORE);
  }

  @Override
  public void process(Record<PromotionKey, PromotionCommand> record) {
    PromotionKey key = record.key();
    PromotionCommand command = record.value();
    if (key == null || command == null) {
      throw new InvalidCommandException("promotion record without key or value");
    }
    if (!key.getTenantId().equals(command.getTenantId())) {
      throw new InvalidCommandException("tenant of key (" + key.getTenantId() + ") differs from tenant of record ("
          + command.getTenantId() + ")");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    Cause cause = Cause.of(command, record.headers(), record.timestamp());
    PromotionState state = promotions.get(key);
    switch (command.getCommand()) {
      case CreatePromotion create -> {
        var promotion = create.getPromotion();
        if (state != null || !key.getTenantId().equals(promotion.getTenantId())
            || !key.getPromotionId().equals(promotion.getPromotionId()) || !PromotionRules.check(promotion).isEmpty()) {
          return; // a repeat, or a promotion the ingress would not have sent: nothing is created
        }
        save(key, new PromotionState(promotion, 0L, 1L), cause);
      }
      case RedeemPromotion redeem -> {
        String redemptionKey = redemptionKey(key, redeem.getOrderId());
        String customerKey = customerKey(key, redeem.getCustomerId());
        PromotionBook.Decision decision = PromotionBook.redeem(state, redemptions.get(redemptionKey),
            count(customerKey), redeem.getOrderId(), redeem.getCustomerId(), at);
        apply(key, redemptionKey, customerKey, decision, cause);
        Redemption told = decision.redemption();
        boolean redeemed = PromotionBook.Status.REDEEMED.name().equals(told.getStatus());
        context.forward(new Record<SpecificRecord, SpecificRecord>(new OrderKey(key.getTenantId(), redeem.getOrderId()),
            PromotionRedemptionOutcome.newBuilder(cause.event(new PromotionRedemptionOutcome(), cause.derive("outcome")))
                .setOrderId(redeem.getOrderId()).setPromotionId(key.getPromotionId()).setRedeemed(redeemed)
                .setReason(redeemed ? null : told.getReason()).build(),
            cause.timestamp(), cause.headers()), sinkName(Topics.PROMOTION_REDEMPTIONS));
      }
      case ReleaseRedemption release -> {
        String redemptionKey = redemptionKey(key, release.getOrderId());
        Redemption existing = redemptions.get(redemptionKey);
        String customerKey = customerKey(key, existing == null ? "" : existing.getCustomerId());
        apply(key, redemptionKey, customerKey, PromotionBook.release(state, existing, count(customerKey),
            release.getOrderId(), release.getReason(), at), cause);
      }
      default -> throw new InvalidCommandException("unknown promotion command " + command.getCommand().getClass().getName());
    }
  }

  private void apply(PromotionKey key, String redemptionKey, String customerKey, PromotionBook.Decision decision, Cause cause) {
    if (decision.redemption() != null) {
      redemptions.put(redemptionKey, decision.redemption());
    }
    if (decision.next() != null) {
      customers.put(customerKey, decision.customerCount());
      save(key, decision.next(), cause);
    }
  }

  private void save(PromotionKey key, PromotionState state, Cause cause) {
    promotions.put(key, state);
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, state, cause.timestamp(), cause.headers()),
        sinkName(Topics.PROMOTIONS_DEFINITIONS));
    changes.changed(PromotionTopology.PROMOTION_STORE, key);
  }

  private long count(String customerKey) {
    Long count = customers.get(customerKey);
    return count == null ? 0 : count;
  }

  private static String redemptionKey(PromotionKey key, String orderId) {
    return key.getTenantId() + "|" + key.getPromotionId() + "|" + orderId;
  }

  private static String customerKey(PromotionKey key, String customerId) {
    return key.getTenantId() + "|" + key.getPromotionId() + "|" + customerId;
  }
}
