package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.orders.OrderRoutes;
import java.util.List;

/** Every bounded context's HTTP routes. */
final class ApiModules {

  private ApiModules() {}

  static List<ApiModule> all(Database database) {
    return List.of(new InventoryRoutes(), new OrderRoutes(database));
  }
}
