package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.shipping.Carrier;
import io.fusioncommerce.connectors.shipping.CarrierWebhook;
import io.fusioncommerce.connectors.shipping.HttpCarrierSettings;
import io.fusioncommerce.connectors.shipping.HttpLabelCarrier;
import io.fusioncommerce.connectors.shipping.LabelService;
import io.fusioncommerce.connectors.shipping.LabelWorker;
import io.fusioncommerce.connectors.shipping.LocalCourier;
import io.fusioncommerce.connectors.shipping.ShipFromAddresses;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipping integration worker and the carriers it quotes, from the environment: the built-in local
 * courier always, an HTTP label API when {@code FUSION_CARRIER_URL} is set (see {@link HttpCarrierSettings}).
 */
final class ShippingWorkers {

  private ShippingWorkers() {}

  static LabelWorker labelWorker(String bootstrapServers, AvroSerdes serdes, ObjectStore objects, Map<String, String> env,
      String instanceId) {
    List<Carrier> carriers = new ArrayList<>();
    carriers.add(new LocalCourier());
    HttpCarrierSettings.fromEnvironment(env).map(HttpLabelCarrier::new).ifPresent(carriers::add);
    LabelService labels = new LabelService(carriers, objects, ShipFromAddresses.fromEnvironment(env));
    return new LabelWorker(bootstrapServers, serdes, labels, Clock.systemUTC(), instanceId).start();
  }

  /** The webhook verifiers of the HTTP carriers that have a webhook secret, by carrier name. */
  static Map<String, CarrierWebhook> webhooks(Map<String, String> env) {
    return HttpCarrierSettings.fromEnvironment(env).filter(s -> !s.webhookSecret().isEmpty())
        .map(s -> Map.of(s.name(), new CarrierWebhook(s.webhookSecret()))).orElse(Map.of());
  }
}
