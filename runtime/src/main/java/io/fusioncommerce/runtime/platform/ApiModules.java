package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.orders.OrderRoutes;
import java.util.List;

/** Every bounded context's HTTP routes. */
final class ApiModules {

  private ApiModules() {}

  /**
   * @param database the catalog and read models
   * @param objectStore binary objects; product media is {@code new ProductMediaRoutes(objectStore, catalog,
   *     MediaSettings.fromEnvironment(System.getenv()))} with the catalog's {@code ProductMediaCatalog}
   */
  static List<ApiModule> all(Database database, ObjectStore objectStore) {
    return List.of(new InventoryRoutes(), new OrderRoutes());
  }
}
