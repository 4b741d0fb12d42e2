package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.recommendations.CategoryPopularity;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import java.util.Optional;

/**
 * One tenant's recommendation rows as an answer reads them: the topology's stores (interactive queries),
 * a test driver's stores, or the offline evaluation's maps. Every lookup is within the tenant the view was
 * made for, so an answer can never see another tenant's rows.
 */
public interface RecommendationState {

  Optional<SkuNeighbours> neighbours(String sku);

  /** A category's popularity; {@link RecommendationBook#WHOLE_TENANT} for the tenant's. */
  Optional<CategoryPopularity> popularity(String categoryId);

  Optional<CustomerProfile> customer(String customerId);

  /** Whether the SKU may be recommended: it is in the tenant's catalog and ACTIVE. */
  boolean answerable(String sku);
}
