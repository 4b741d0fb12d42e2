package io.fusioncommerce.topologies.catalog;

/** Where a product is in its review: only an ACTIVE product can be ordered or offered in a campaign. */
public enum ProductStatus {
  PENDING,
  ACTIVE,
  REJECTED,
  ARCHIVED;

  /**
   * Whether a stored status (from the catalog table, so possibly one this version does not know) is
   * this one.
   */
  public boolean is(String stored) {
    return name().equals(stored);
  }
}
