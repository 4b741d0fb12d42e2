package io.fusioncommerce.ingress.catalog;

import java.util.Optional;

/**
 * Where a product stands. Only ACTIVE products are shown to customers and can be ordered; the
 * transitions are the vendor approval workflow plus archiving.
 */
public enum ProductStatus {
  PENDING,
  ACTIVE,
  REJECTED,
  ARCHIVED;

  /** An admin's approval: a waiting or a rejected product goes on sale. */
  public Optional<ProductStatus> approve() {
    return this == PENDING || this == REJECTED ? Optional.of(ACTIVE) : Optional.empty();
  }

  /** An admin's rejection: of a product waiting for approval, or one taken off sale. */
  public Optional<ProductStatus> reject() {
    return this == PENDING || this == ACTIVE ? Optional.of(REJECTED) : Optional.empty();
  }

  /** A vendor's edit of a rejected product submits it again when the tenant requires approval. */
  public ProductStatus afterVendorEdit(boolean approvalRequired) {
    return this == REJECTED && approvalRequired ? PENDING : this;
  }

  public static ProductStatus initial(boolean byVendor, boolean approvalRequired) {
    return byVendor && approvalRequired ? PENDING : ACTIVE;
  }
}
