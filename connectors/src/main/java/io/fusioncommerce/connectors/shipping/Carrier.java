package io.fusioncommerce.connectors.shipping;

import java.util.List;

/**
 * A way to ship a parcel: quote it, then buy a label for one of the quotes. Implementations call
 * outside systems and are used only by the label worker, never by a stream processor.
 */
public interface Carrier {

  /** The name on labels, in events and in webhook paths ({@code [a-z0-9-]+}). */
  String name();

  /** What the carrier would charge, possibly several services; empty when it does not serve the route. */
  List<RateQuote> quote(Parcel parcel);

  /**
   * Buys the label for {@code quote}. The same {@code idempotencyKey} twice buys one label: the worker
   * may be handed a request again after a crash.
   */
  PurchasedLabel buy(RateQuote quote, Parcel parcel, String idempotencyKey);
}
