package io.fusioncommerce.topologies.fraud;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.schemas.fraud.AssessOrderRisk;
import io.fusioncommerce.schemas.fraud.AssessedOrder;
import io.fusioncommerce.schemas.fraud.FraudActivity;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.fraud.FraudProfile;
import io.fusioncommerce.schemas.fraud.FraudReview;
import io.fusioncommerce.schemas.fraud.FraudSettings;
import io.fusioncommerce.schemas.fraud.OrderRiskAssessed;
import io.fusioncommerce.schemas.fraud.RecordFailedPayment;
import io.fusioncommerce.schemas.fraud.RecordHeldOrderStatus;
import io.fusioncommerce.schemas.fraud.SetFraudSettings;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies fraud commands on the tenant's partition: scores orders ({@link FraudFeatureBook} features over
 * {@link KafkaFeatureStores}, the injected {@link FraudScorer}), records failed payments, keeps the review
 * queue and the tenant's settings. An order is scored once: a repeated AssessOrderRisk (a client's retry, a
 * campaign's replay) is answered with the first assessment, so neither the features nor the answer change.
 */
final class FraudProcessor implements Processor<TenantKey, FraudCommand, OrderKey, SpecificRecord> {

  /** The reason given when the scorer failed: the order is held for a person rather than let through or lost. */
  static final String SCORING_FAILED = "SCORING_FAILED";

  private final FraudScorer scorer;
  private final StoreChangeListener changes;
  private ProcessorContext<OrderKey, SpecificRecord> context;
  private KeyValueStore<TenantKey, FraudSettings> settings;
  private KeyValueStore<String, AssessedOrder> assessed;
  private KeyValueStore<String, FraudReview> reviews;
  private KeyValueStore<SkuKey, Product> products;
  private FraudFeatureBook book;
  private Instant now = Instant.EPOCH;

  FraudProcessor(FraudScorer scorer, StoreChangeListener changes) {
    this.scorer = scorer;
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<OrderKey, SpecificRecord> context) {
    this.context = context;
    WindowStore<String, FraudActivity> activity = context.getStateStore(FraudTopology.ACTIVITY_STORE);
    KeyValueStore<String, FraudProfile> profiles = context.getStateStore(FraudTopology.PROFILE_STORE);
    this.settings = context.getStateStore(FraudTopology.SETTINGS_STORE);
    this.assessed = context.getStateStore(FraudTopology.ASSESSED_STORE);
    this.reviews = context.getStateStore(FraudTopology.REVIEW_STORE);
    this.products = context.getStateStore(FraudTopology.PRODUCT_STORE);
    this.book = new FraudFeatureBook(new KafkaFeatureStores(activity, profiles, () -> now));
    // the window store forgets by itself; profiles and scored orders are swept a budget at a time
    RetentionSettings retention = RetentionSettings.defaults();
    List<StoreRetention<?, ?>> sweeps = List.of(
        new StoreRetention<>(profiles, p -> Optional.of(p.getLastWritten().plus(FraudTopology.PROFILE_RETENTION)),
            retention.sweepBudget()),
        new StoreRetention<>(assessed, a -> Optional.of(a.getAssessedAt().plus(FraudTopology.ASSESSED_RETENTION)),
            retention.sweepBudget()));
    context.schedule(retention.sweepInterval(), PunctuationType.STREAM_TIME,
        streamTime -> sweeps.forEach(sweep -> sweep.sweep(streamTime)));
  }

  @Override
  public void process(Record<TenantKey, FraudCommand> record) {
    TenantKey key = record.key();
    FraudCommand command = record.value();
    if (key == null || command == null) {
      throw new InvalidCommandException("fraud record without key or value");
    }
    if (!key.getTenantId().equals(command.getTenantId())) {
      throw new InvalidCommandException("tenant of key (" + key.getTenantId() + ") differs from tenant of record ("
          + command.getTenantId() + ")");
    }
    now = Instant.ofEpochMilli(record.timestamp());
    Cause cause = Cause.of(command, record.headers(), record.timestamp());
    String tenantId = key.getTenantId();
    switch (command.getCommand()) {
      case AssessOrderRisk assess -> assess(tenantId, assess, cause);
      case RecordFailedPayment failed -> {
        AssessedOrder order = assessed.get(FraudTopology.orderKey(tenantId, failed.getOrderId()));
        if (order != null) { // an order scored before fraud scoring existed has nothing to count against
          book.recordFailedPayment(tenantId, order.getCustomerId(), order.getPaymentFingerprint(), now);
        }
      }
      case RecordHeldOrderStatus status -> heldOrder(tenantId, status);
      case SetFraudSettings set -> saveSettings(key, set);
      default -> throw new InvalidCommandException("unknown fraud command " + command.getCommand().getClass().getName());
    }
  }

  private void assess(String tenantId, AssessOrderRisk assess, Cause cause) {
    String orderKey = FraudTopology.orderKey(tenantId, assess.getOrderId());
    AssessedOrder order = assessed.get(orderKey);
    if (order == null) {
      FraudSettings tenant = settings.get(new TenantKey(tenantId));
      OrderObservation observation = OrderObservations.of(assess,
          sku -> Optional.ofNullable(products.get(new SkuKey(tenantId, sku))).filter(p -> tenantId.equals(p.getTenantId())),
          tenant == null ? java.util.Set.of() : new HashSet<>(tenant.getHighRiskCategories()), now);
      RiskAssessment risk = score(book.features(tenantId, observation), thresholds(tenant));
      book.record(tenantId, observation);
      order = AssessedOrder.newBuilder().setTenantId(tenantId).setOrderId(assess.getOrderId())
          .setCustomerId(assess.getCustomerId()).setPaymentFingerprint(observation.paymentFingerprint())
          .setClientAddress(observation.clientAddress())
          .setTotal(new Money(observation.totalMinor(), observation.currency()))
          .setScore(risk.score()).setDecision(risk.decision().name()).setReasons(risk.reasons())
          .setAssessedAt(now).build();
      assessed.put(orderKey, order);
    }
    OrderRiskAssessed event = OrderRiskAssessed.newBuilder(cause.event(new OrderRiskAssessed(),
            EventIds.derive(assess.getOrderId(), "risk-assessed")))
        .setOrderId(assess.getOrderId()).setScore(order.getScore()).setDecision(order.getDecision())
        .setReasons(order.getReasons()).build();
    context.forward(new Record<OrderKey, SpecificRecord>(new OrderKey(tenantId, assess.getOrderId()), event,
        cause.timestamp(), cause.headers()), sinkName(Topics.FRAUD_ASSESSED));
  }

  /** The scorer's assessment; a scorer that fails holds the order for review instead of failing the record. */
  private RiskAssessment score(FraudFeatures features, FraudThresholds thresholds) {
    try {
      RiskAssessment risk = scorer.assess(features, thresholds);
      if (risk != null && risk.score() >= 0 && risk.score() <= 1) {
        return risk;
      }
    } catch (RuntimeException e) {
      // fall through: a person decides
    }
    return new RiskAssessment(thresholds.review(), RiskDecision.REVIEW, List.of(SCORING_FAILED));
  }

  private void heldOrder(String tenantId, RecordHeldOrderStatus status) {
    String orderKey = FraudTopology.orderKey(tenantId, status.getOrderId());
    if (OrderStatus.HELD.name().equals(status.getToStatus())) {
      AssessedOrder order = assessed.get(orderKey);
      reviews.put(orderKey, FraudReview.newBuilder().setTenantId(tenantId).setOrderId(status.getOrderId())
          .setCustomerId(status.getCustomerId()).setTotal(status.getTotal())
          .setScore(order == null ? null : order.getScore()).setDecision(order == null ? null : order.getDecision())
          .setReasons(order == null ? List.of() : order.getReasons()).setHeldAt(now).build());
    } else {
      reviews.delete(orderKey);
    }
    changes.changed(FraudTopology.REVIEW_STORE, new TenantKey(tenantId));
  }

  private void saveSettings(TenantKey key, SetFraudSettings set) {
    try {
      new FraudThresholds(set.getReviewThreshold(), set.getRejectThreshold());
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException(e.getMessage());
    }
    FraudSettings before = settings.get(key);
    settings.put(key, FraudSettings.newBuilder().setTenantId(key.getTenantId())
        .setReviewThreshold(set.getReviewThreshold()).setRejectThreshold(set.getRejectThreshold())
        .setHighRiskCategories(List.copyOf(new java.util.TreeSet<>(set.getHighRiskCategories())))
        .setUpdatedAt(now).setVersion(before == null ? 1 : before.getVersion() + 1).build());
    changes.changed(FraudTopology.SETTINGS_STORE, key);
  }

  private static FraudThresholds thresholds(FraudSettings tenant) {
    return tenant == null ? FraudThresholds.DEFAULTS
        : new FraudThresholds(tenant.getReviewThreshold(), tenant.getRejectThreshold());
  }
}
