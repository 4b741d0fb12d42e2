package io.fusioncommerce.topologies.pricing;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Dynamic pricing: each opted-in SKU's policy, demand signals and current price ({@value #STATE_STORE})
 * on the partition that owns the SKU, beside the inventory's own stock events (same key). Order lines
 * and campaign rows are re-keyed by SKU onto {@code pricing.signals}; the catalog's product table (a
 * global store) gives the list price. Every move is a {@code price.changed} event and the SKU's entry
 * on the compacted {@code pricing.current-prices}, which the order topology prices with. See
 * {@link PricingBook} for the rules.
 */
public final class PricingTopology extends WiredTopology {

  public static final String CONTEXT = "pricing";
  public static final String STATE_STORE = "pricing-states";
  public static final String TIMER_STORE = "pricing-timers";
  public static final String PRODUCT_STORE = "pricing-catalog-products";

  public PricingTopology() {
    super(CONTEXT, STATE_STORE);
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.relay("order-demand-relay", Topics.ORDER_CREATED, Topics.PRICING_SIGNALS, DemandRelay::orderLines);
    wiring.relay("campaign-demand-relay", Topics.CAMPAIGNS_VIEW, Topics.PRICING_SIGNALS, DemandRelay::campaignRows);
    wiring.processor("pricing-processor", () -> new PricingProcessor(changes))
        .reads(Topics.PRICING_COMMANDS, Topics.PRICING_SIGNALS, Topics.INVENTORY_STOCK_CHANGED)
        .keeps(wiring.store(STATE_STORE, SkuKey.class, PricingState.class),
            // timer keys sort by due time as strings (see PricingTimers), which Avro's varint encoding would not
            Wiring.store(TIMER_STORE, Serdes.String(), wiring.value(SkuKey.class)))
        .writes(Topics.PRICE_CHANGED, Topics.PRICING_CURRENT_PRICES);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
  }
}
