package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;

/**
 * Who sees and edits which product. Staff see everything of their tenant; a vendor sees its own
 * products in any status and other vendors' only when ACTIVE; everyone else sees ACTIVE products.
 * A product the caller may not see is answered as not found, never as forbidden.
 */
public final class ProductAccess {

  private ProductAccess() {}

  public static boolean isStaff(Principal principal) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR);
  }

  /** Staff and analysts read products in every status. */
  public static boolean readsEverything(Principal principal) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST);
  }

  public static boolean canSee(Principal principal, CatalogProduct product) {
    return product.status() == ProductStatus.ACTIVE || readsEverything(principal) || owns(principal, product);
  }

  public static boolean owns(Principal principal, CatalogProduct product) {
    return principal.has(Role.VENDOR) && principal.vendorId().filter(product.vendorId()::equals).isPresent();
  }

  public static CatalogProduct visible(Principal principal, CatalogProduct product) {
    if (!canSee(principal, product)) {
      throw notFound(product.sku());
    }
    return product;
  }

  public static CatalogProduct editable(Principal principal, CatalogProduct product) {
    visible(principal, product);
    if (!isStaff(principal) && !owns(principal, product)) {
      throw ApiException.forbidden("product " + product.sku() + " belongs to another vendor");
    }
    return product;
  }

  /** The vendor a writer's new product belongs to. */
  public static String vendorFor(Principal principal, String requested, String houseVendor) {
    if (isStaff(principal)) {
      return requested != null ? requested : houseVendor;
    }
    String own = principal.vendorId()
        .orElseThrow(() -> ApiException.forbidden("a vendor token must carry the vendor claim"));
    if (requested != null && !requested.equals(own)) {
      throw ApiException.forbidden("a vendor creates products only for itself");
    }
    return own;
  }

  public static ApiException notFound(String sku) {
    return ApiException.notFound("no product " + sku);
  }
}
