package io.fusioncommerce.topologies.pricing;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.pricing.PriceChanged;
import io.fusioncommerce.schemas.pricing.PricingCommand;
import io.fusioncommerce.schemas.pricing.PricingSignal;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies policies, demand signals and stock levels to each opted-in SKU's pricing state through
 * {@link PricingBook}; a punctuator closes each SKU's window when it is due (one timer per SKU, read by
 * due time, at most {@link #MAX_EVALUATIONS_PER_PUNCTUATION} per punctuation), and every move goes out
 * as price.changed and as the SKU's current price on pricing.current-prices.
 */
final class PricingProcessor implements Processor<SkuKey, SpecificRecord, SkuKey, SpecificRecord> {

  static final Duration TIMER_SCAN_INTERVAL = Duration.ofSeconds(1);
  static final int MAX_EVALUATIONS_PER_PUNCTUATION = 200;
  private static final Logger LOG = LoggerFactory.getLogger(PricingProcessor.class);

  private final StoreChangeListener changes;
  private ProcessorContext<SkuKey, SpecificRecord> context;
  private KeyValueStore<SkuKey, PricingState> states;
  private KeyValueStore<String, SkuKey> timers;
  private KeyValueStore<SkuKey, Product> products;

  PricingProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SkuKey, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(PricingTopology.STATE_STORE);
    this.timers = context.getStateStore(PricingTopology.TIMER_STORE);
    this.products = context.getStateStore(PricingTopology.PRODUCT_STORE);
    context.schedule(TIMER_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> evaluateDue(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<SkuKey, SpecificRecord> record) {
    SkuKey key = record.key();
    if (key == null || record.value() == null) {
      throw new InvalidCommandException("pricing record without key or value");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    PricingState current = states.get(key);
    switch (record.value()) {
      case PricingCommand command -> {
        if (!key.getTenantId().equals(command.getTenantId())) {
          throw new InvalidCommandException("pricing command of tenant " + command.getTenantId() + " under key of " + key.getTenantId());
        }
        if (!(command.getCommand() instanceof SetPricingPolicy policy)) {
          throw new InvalidCommandException("unknown pricing command " + command.getCommand().getClass().getName());
        }
        Cause cause = Cause.of(command, record.headers(), record.timestamp());
        PricingBook.Outcome outcome = PricingBook.policy(current, key.getTenantId(), key.getSku(), policy, list(key), at);
        if (outcome.refusal() != null) {
          LOG.warn("pricing policy for {} refused: {}", key.getSku(), outcome.refusal());
          return;
        }
        apply(key, current, outcome, cause);
      }
      case PricingSignal signal -> {
        PricingState next = DemandRelay.CAMPAIGN.equals(signal.getKind())
            ? PricingBook.campaign(current, signal.getCampaignId(), (int) Math.min(Integer.MAX_VALUE, signal.getQuantity()),
                signal.getOpen(), at)
            : PricingBook.ordered(current, signal.getQuantity(), at);
        save(key, next);
      }
      case StockLevelChanged stock -> save(key, PricingBook.stock(current, stock.getTotalAvailable(), at));
      default -> throw new InvalidCommandException("unexpected pricing input " + record.value().getClass().getName());
    }
  }

  /** The catalog price of the SKU, from the product table; null when it does not know the SKU. */
  private Money list(SkuKey key) {
    Product product = products.get(key);
    return product != null && key.getTenantId().equals(product.getTenantId()) ? product.getPrice() : null;
  }

  void evaluateDue(Instant now) {
    List<KeyValue<String, SkuKey>> due = new ArrayList<>();
    try (KeyValueIterator<String, SkuKey> iterator = timers.range(null, PricingTimers.upTo(now))) {
      while (iterator.hasNext() && due.size() < MAX_EVALUATIONS_PER_PUNCTUATION) {
        due.add(iterator.next());
      }
    }
    for (KeyValue<String, SkuKey> timer : due) {
      timers.delete(timer.key);
      SkuKey key = timer.value;
      PricingState current = states.get(key);
      if (current == null || current.getNextEvaluationAt() == null
          || !PricingTimers.key(current.getNextEvaluationAt(), key).equals(timer.key)) {
        continue; // a timer the policy replaced
      }
      Cause cause = Cause.ofTimer("pricing:" + timer.key, key.getTenantId(), "pricing:" + key.getSku(), now);
      apply(key, current, PricingBook.evaluate(current, list(key), now), cause);
    }
  }

  private void apply(SkuKey key, PricingState current, PricingBook.Outcome outcome, Cause cause) {
    PricingState next = outcome.next();
    if (next == null) {
      return;
    }
    if (current != null && current.getNextEvaluationAt() != null
        && !current.getNextEvaluationAt().equals(next.getNextEvaluationAt())) {
      timers.delete(PricingTimers.key(current.getNextEvaluationAt(), key));
    }
    if (next.getNextEvaluationAt() != null) {
      timers.put(PricingTimers.key(next.getNextEvaluationAt(), key), key);
    }
    save(key, next);
    if (outcome.publication() == PricingBook.Publication.PUT) {
      context.forward(new Record<SkuKey, SpecificRecord>(key, CurrentPrice.newBuilder().setTenantId(key.getTenantId())
          .setSku(key.getSku()).setPrice(next.getCurrentPrice()).setReason(next.getReason())
          .setValidFrom(next.getValidFrom()).build(), cause.timestamp(), cause.headers()),
          sinkName(Topics.PRICING_CURRENT_PRICES));
    } else if (outcome.publication() == PricingBook.Publication.REMOVE) {
      context.forward(new Record<SkuKey, SpecificRecord>(key, null, cause.timestamp(), cause.headers()),
          sinkName(Topics.PRICING_CURRENT_PRICES));
    }
    PricingBook.Change change = outcome.change();
    if (change != null) {
      PriceChanged event = PriceChanged.newBuilder(cause.event(new PriceChanged(),
              cause.derive("price-changed:" + key.getSku() + ":" + next.getVersion())))
          .setSku(key.getSku()).setPreviousPrice(change.previous()).setNewPrice(change.next())
          .setListPrice(change.list()).setReason(change.reason()).setSignals(change.signals()).build();
      context.forward(new Record<SkuKey, SpecificRecord>(key, event, cause.timestamp(), cause.headers()),
          sinkName(Topics.PRICE_CHANGED));
    }
  }

  private void save(SkuKey key, PricingState next) {
    if (next == null) {
      return;
    }
    states.put(key, next);
    changes.changed(PricingTopology.STATE_STORE, key);
  }
}
