package io.fusioncommerce.topologies.pricing;

import io.fusioncommerce.schemas.common.SkuKey;
import java.time.Instant;

/**
 * Keys of the evaluation timers: {@code <due time, 13-digit millis>|<tenant>|<sku>}, so that sorted as
 * strings they sort by due time and the punctuator reads only what is due with one range scan. The
 * value is the SkuKey itself, so nothing is parsed back out of the key.
 */
final class PricingTimers {

  private PricingTimers() {}

  static String key(Instant dueAt, SkuKey sku) {
    return String.format("%013d|%s|%s", dueAt.toEpochMilli(), sku.getTenantId(), sku.getSku());
  }

  /** The largest key due at {@code now}: every key of an earlier or equal millisecond sorts below it. */
  static String upTo(Instant now) {
    return String.format("%013d|~", now.toEpochMilli());
  }
}
