package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.store.CategoryStore;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.catalog.store.TenantStore;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The catalog's write rules: who may create and change which product, the status a product starts
 * in, the approval workflow and archiving. Every method works inside the caller's tenant transaction
 * and checks everything before it writes, so a refused request changes nothing.
 */
public final class ProductCatalog {

  private ProductCatalog() {}

  public static CatalogProduct create(Handle handle, Principal principal, ProductDraft requested, ProductStore.Change change) {
    TenantStore.TenantSettings tenant = new TenantStore(handle).settings(principal.tenantId());
    ProductDraft draft = requested.withVendor(
        ProductAccess.vendorFor(principal, requested.vendorId(), tenant.houseVendorId()));
    check(handle, principal.tenantId(), draft);
    ProductStore products = new ProductStore(handle);
    if (products.find(principal.tenantId(), draft.sku(), false).isPresent()) {
      throw ApiException.conflict("product " + draft.sku() + " exists already");
    }
    requireFreeSkus(products, principal.tenantId(), draft);
    ProductStatus status = ProductStatus.initial(!ProductAccess.isStaff(principal), tenant.requiresApproval());
    return products.insert(CatalogProduct.from(principal.tenantId(), draft, status), change);
  }

  public static CatalogProduct get(Handle handle, Principal principal, String sku) {
    return ProductAccess.visible(principal, find(handle, principal, sku, false));
  }

  /**
   * Applies {@code edit} to the product's writable fields. With {@code expectedVersion} the change
   * only happens if nobody changed the product since the caller read that version.
   */
  public static CatalogProduct revise(Handle handle, Principal principal, String sku, Optional<Long> expectedVersion,
      UnaryOperator<ProductDraft> edit, ProductStore.Change change) {
    CatalogProduct current = ProductAccess.editable(principal, find(handle, principal, sku, true));
    requireVersion(current, expectedVersion);
    if (current.status() == ProductStatus.ARCHIVED) {
      throw ApiException.conflict("product " + sku + " is archived; restore it before editing");
    }
    ProductDraft draft = edit.apply(current.asDraft());
    if (draft.vendorId() == null) {
      throw ApiException.invalidField("vendorId", "a product always belongs to a vendor");
    }
    if (!draft.vendorId().equals(current.vendorId()) && !ProductAccess.isStaff(principal)) {
      throw ApiException.forbidden("only an admin moves a product to another vendor");
    }
    check(handle, principal.tenantId(), draft);
    ProductStore products = new ProductStore(handle);
    requireFreeSkus(products, principal.tenantId(), draft);
    boolean approvalRequired = new TenantStore(handle).settings(principal.tenantId()).requiresApproval();
    CatalogProduct revised = current.revisedBy(draft);
    if (!ProductAccess.isStaff(principal)) {
      ProductStatus next = current.status().afterVendorEdit(approvalRequired);
      revised = revised.withStatus(next, next == ProductStatus.REJECTED ? current.rejectionReason() : null);
    }
    return write(products, revised, change);
  }

  public static CatalogProduct archive(Handle handle, Principal principal, String sku, ProductStore.Change change) {
    CatalogProduct current = ProductAccess.editable(principal, find(handle, principal, sku, true));
    if (current.status() == ProductStatus.ARCHIVED) {
      return current;
    }
    return write(new ProductStore(handle), current.withStatus(ProductStatus.ARCHIVED, null), change);
  }

  /** Staff put an archived product back on sale. */
  public static CatalogProduct restore(Handle handle, Principal principal, String sku, ProductStore.Change change) {
    CatalogProduct current = find(handle, principal, sku, true);
    if (current.status() != ProductStatus.ARCHIVED) {
      throw ApiException.conflict("product " + sku + " is " + current.status() + ", not ARCHIVED");
    }
    return write(new ProductStore(handle), current.withStatus(ProductStatus.ACTIVE, null), change);
  }

  public static CatalogProduct approve(Handle handle, Principal principal, String sku, ProductStore.Change change) {
    return review(handle, principal, sku, ProductStatus::approve, "approved", null, change);
  }

  public static CatalogProduct reject(Handle handle, Principal principal, String sku, String reason,
      ProductStore.Change change) {
    return review(handle, principal, sku, ProductStatus::reject, "rejected", reason, change);
  }

  /** A review decision: the status it leads to from the current one, or 409 when there is none. */
  private static CatalogProduct review(Handle handle, Principal principal, String sku,
      Function<ProductStatus, Optional<ProductStatus>> decision, String decided, String reason,
      ProductStore.Change change) {
    CatalogProduct current = find(handle, principal, sku, true);
    ProductStatus next = decision.apply(current.status()).orElseThrow(() ->
        ApiException.conflict("a product that is " + current.status() + " cannot be " + decided));
    return write(new ProductStore(handle), current.withStatus(next, reason), change);
  }

  public static CatalogProduct addMedia(Handle handle, Principal principal, String sku, MediaItem media,
      ProductStore.Change change) {
    CatalogProduct current = ProductAccess.editable(principal, find(handle, principal, sku, true));
    if (current.media().stream().anyMatch(m -> m.key() != null && m.key().equals(media.key()))) {
      return current; // the same upload again (a retried request): attached already
    }
    if (current.status() == ProductStatus.ARCHIVED) {
      throw ApiException.conflict("product " + sku + " is archived; restore it before adding media");
    }
    List<MediaItem> items = new ArrayList<>(current.media());
    items.add(media);
    return write(new ProductStore(handle), current.withMedia(items), change);
  }

  /** The rules of a draft plus what only the database knows: its categories must exist. */
  static void check(Handle handle, String tenantId, ProductDraft draft) {
    List<FieldError> errors = new ArrayList<>(ProductRules.check(draft));
    if (errors.isEmpty()) {
      Set<String> missing = new CategoryStore(handle).missing(tenantId, draft.categoryIds());
      missing.forEach(id -> errors.add(new FieldError("categoryIds", "no category " + id)));
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }

  private static void requireFreeSkus(ProductStore products, String tenantId, ProductDraft draft) {
    List<String> skus = new ArrayList<>();
    skus.add(draft.sku());
    draft.variants().forEach(v -> skus.add(v.sku()));
    Map<String, String> taken = products.takenSkus(tenantId, draft.sku(), skus);
    if (!taken.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      taken.forEach((taken1, owner) -> errors.add(new FieldError(
          taken1.equals(draft.sku()) ? "sku" : "variants[" + indexOf(draft, taken1) + "].sku",
          "SKU " + taken1 + " already belongs to product " + owner)));
      throw new ApiException(409, "sku-taken", "SKU taken", "a SKU of this product names another product", errors);
    }
  }

  private static int indexOf(ProductDraft draft, String sku) {
    for (int i = 0; i < draft.variants().size(); i++) {
      if (draft.variants().get(i).sku().equals(sku)) {
        return i;
      }
    }
    return -1;
  }

  private static CatalogProduct find(Handle handle, Principal principal, String sku, boolean forUpdate) {
    return new ProductStore(handle).find(principal.tenantId(), sku, forUpdate)
        .orElseThrow(() -> ProductAccess.notFound(sku));
  }

  private static void requireVersion(CatalogProduct current, Optional<Long> expected) {
    if (expected.isPresent() && expected.get() != current.version()) {
      throw new ApiException(412, "version-mismatch", "Precondition failed",
          "product " + current.sku() + " is at version " + current.version() + ", not " + expected.get(), List.of());
    }
  }

  private static CatalogProduct write(ProductStore products, CatalogProduct product, ProductStore.Change change) {
    return products.update(product, change).orElseThrow(() ->
        ApiException.conflict("product " + product.sku() + " changed at the same time; read it and try again"));
  }
}
