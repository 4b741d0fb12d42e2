package io.fusioncommerce.topologies.catalog;

import io.fusioncommerce.schemas.catalog.CatalogProductState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductArchived;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.catalog.ProductVariant;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.envelope.Cause;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog's rules, as a pure function of what the topology last processed for a product row and
 * the next change of that row.
 *
 * <ul>
 *   <li><b>Once only.</b> Debezium delivers at least once (a restarted connector repeats what it sent
 *       since its last offset commit) and a snapshot reads rows the stream already delivered. Every
 *       write increments the row's version, so a change whose version is not above the last processed
 *       one changes nothing and emits nothing. A deleted row is remembered with the log position of its
 *       delete: changes from before it are repeats, changes after it are a new row with the same SKU
 *       (whose version starts again).</li>
 *   <li><b>Created or updated</b> is decided by what the topology has seen: the first change it sees of
 *       a row (insert, snapshot read or update alike) is product.created, every later version
 *       product.updated (its whole new state, the previous version, and the fields that changed).</li>
 *   <li><b>Transitions:</b> to ARCHIVED is product.archived, PENDING to ACTIVE is product.approved, to
 *       REJECTED is product.rejected (with the row's rejection reason); they come on top of updated.
 *       Deleting a product that was not archived is product.archived with {@code deleted}.</li>
 *   <li><b>The table:</b> every processed change rewrites the row's entries in catalog.products (the
 *       product and each variant) and tombstones the variant SKUs it no longer has; a delete tombstones
 *       them all.</li>
 * </ul>
 *
 * <p>Event ids derive from the change (row, version, log position), so a change processed again after a
 * crash (exactly-once aborts and retries) yields the same ids. Events occur when the change committed.
 */
public final class ProductChanges {

  public static final String PENDING = "PENDING";
  public static final String ACTIVE = "ACTIVE";
  public static final String REJECTED = "REJECTED";
  public static final String ARCHIVED = "ARCHIVED";
  static final String UNSPECIFIED_REASON = "UNSPECIFIED";

  private ProductChanges() {}

  /**
   * What to do with a change.
   *
   * @param state the store's new value for the row; null when the change is a repeat and nothing happens
   * @param events domain events, in the order to publish them
   * @param table catalog.products entries by SKU (null values are tombstones)
   */
  public record Decision(CatalogProductState state, List<SpecificRecord> events, Map<String, Product> table) {

    static final Decision IGNORE = new Decision(null, List.of(), Map.of());

    public boolean ignored() {
      return state == null;
    }
  }

  public static Decision decide(CatalogProductState previous, ProductChange change) {
    return change.op() == DebeziumChange.Op.DELETE ? delete(previous, change) : write(previous, change);
  }

  private static Decision write(CatalogProductState previous, ProductChange change) {
    ProductRow row = change.row();
    boolean firstSight = previous == null || previous.getDeleted();
    if (!firstSight && row.version() <= previous.getVersion()) {
      return Decision.IGNORE; // delivered again, or a snapshot of a version already seen
    }
    if (previous != null && previous.getDeleted() && isAtOrBefore(change.lsn(), previous.getLsn())) {
      return Decision.IGNORE; // a change from before the delete, delivered again
    }
    List<SpecificRecord> events = new ArrayList<>();
    Map<String, Product> table;
    if (firstSight) {
      events.add(created(change, row));
      table = CatalogTable.entries(row);
    } else {
      events.add(updated(change, row, previous));
      transition(change, row, previous).ifPresent(events::add);
      table = CatalogTable.replacing(skus(previous), row);
    }
    return new Decision(state(row, change.lsn(), false), events, table);
  }

  private static Decision delete(CatalogProductState previous, ProductChange change) {
    ProductRow removed = change.row();
    if (previous == null) {
      // Never seen (it came and went before the topology started reading): nothing was announced, but
      // the old row names the SKUs a table written by someone else might hold.
      if (removed == null) {
        return new Decision(tombstoneState(change), List.of(), CatalogTable.removing(Set.of(change.key().getSku())));
      }
      return new Decision(state(removed, change.lsn(), true), List.of(), CatalogTable.removing(removed.skus()));
    }
    if (previous.getDeleted()) {
      return Decision.IGNORE; // delivered again
    }
    if (removed != null && removed.version() < previous.getVersion()) {
      return Decision.IGNORE; // the delete of an older row with this SKU, delivered again
    }
    Set<String> skus = new LinkedHashSet<>(skus(previous));
    if (removed != null) {
      skus.addAll(removed.skus());
    }
    List<SpecificRecord> events = new ArrayList<>();
    if (!ARCHIVED.equals(previous.getStatus())) {
      Cause cause = change.cause(previous.getTenantId());
      events.add(ProductArchived.newBuilder(cause.event(new ProductArchived(), cause.derive("archived")))
          .setSku(previous.getSku()).setVendorId(previous.getVendorId())
          .setPreviousStatus(previous.getStatus()).setVersion(previous.getVersion()).setDeleted(true).build());
    }
    CatalogProductState tombstone = CatalogProductState.newBuilder(previous).setDeleted(true).setLsn(change.lsn()).build();
    return new Decision(tombstone, events, CatalogTable.removing(skus));
  }

  private static ProductCreated created(ProductChange change, ProductRow row) {
    Cause cause = change.cause(row.tenantId());
    return ProductCreated.newBuilder(cause.event(new ProductCreated(), cause.derive("created")))
        .setSku(row.sku()).setVendorId(row.vendorId()).setName(row.name()).setDescription(row.description())
        .setPrice(row.price()).setCategoryIds(row.categoryIds()).setAttributes(row.attributes())
        .setVariants(row.variants()).setStatus(row.status()).build();
  }

  private static ProductUpdated updated(ProductChange change, ProductRow row, CatalogProductState previous) {
    Cause cause = change.cause(row.tenantId());
    return ProductUpdated.newBuilder(cause.event(new ProductUpdated(), cause.derive("updated")))
        .setSku(row.sku()).setVendorId(row.vendorId()).setName(row.name()).setDescription(row.description())
        .setPrice(row.price()).setCategoryIds(row.categoryIds()).setAttributes(row.attributes())
        .setVariants(row.variants()).setStatus(row.status()).setRejectionReason(row.rejectionReason())
        .setVersion(row.version()).setPreviousVersion(previous.getVersion())
        .setChangedFields(changedFields(previous, row)).build();
  }

  private static Optional<SpecificRecord> transition(ProductChange change, ProductRow row,
      CatalogProductState previous) {
    String from = previous.getStatus();
    String to = row.status();
    if (from.equals(to)) {
      return Optional.empty();
    }
    Cause cause = change.cause(row.tenantId());
    SpecificRecord event = switch (to) {
      case ARCHIVED -> ProductArchived.newBuilder(cause.event(new ProductArchived(), cause.derive("archived")))
          .setSku(row.sku()).setVendorId(row.vendorId())
          .setPreviousStatus(from).setVersion(row.version()).setDeleted(false).build();
      case REJECTED -> ProductRejected.newBuilder(cause.event(new ProductRejected(), cause.derive("rejected")))
          .setSku(row.sku()).setVendorId(row.vendorId())
          .setReason(row.rejectionReason() == null || row.rejectionReason().isBlank() ? UNSPECIFIED_REASON
              : row.rejectionReason())
          .setPreviousStatus(from).setVersion(row.version()).build();
      case ACTIVE -> PENDING.equals(from) ? ProductApproved.newBuilder(cause.event(new ProductApproved(), cause.derive("approved")))
          .setSku(row.sku()).setVendorId(row.vendorId())
          .setVersion(row.version()).build() : null;
      default -> null; // e.g. back to PENDING after a rejection: updated says it
    };
    return Optional.ofNullable(event);
  }

  static List<String> changedFields(CatalogProductState previous, ProductRow row) {
    List<String> changed = new ArrayList<>();
    check(changed, "vendorId", previous.getVendorId(), row.vendorId());
    check(changed, "name", previous.getName(), row.name());
    check(changed, "description", previous.getDescription(), row.description());
    check(changed, "price", previous.getPrice(), row.price());
    check(changed, "categoryIds", previous.getCategoryIds(), row.categoryIds());
    check(changed, "attributes", previous.getAttributes(), row.attributes());
    check(changed, "variants", previous.getVariants(), row.variants());
    check(changed, "media", previous.getMedia(), row.media());
    check(changed, "status", previous.getStatus(), row.status());
    check(changed, "rejectionReason", previous.getRejectionReason(), row.rejectionReason());
    return changed;
  }

  private static void check(List<String> changed, String field, Object before, Object after) {
    if (!Objects.equals(normal(before), normal(after))) {
      changed.add(field);
    }
  }

  /** Avro hands strings back as Utf8 in some paths and maps as HashMaps: compare by value. */
  private static Object normal(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ProductChanges::normal).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((k, v) -> copy.put(k.toString(), normal(v)));
      return copy;
    }
    if (value instanceof ProductVariant variant) {
      return List.of(variant.getSku().toString(), normal(variant.getOptions()), Objects.toString(variant.getPrice()));
    }
    return value;
  }

  private static Set<String> skus(CatalogProductState state) {
    Set<String> skus = new LinkedHashSet<>();
    skus.add(state.getSku());
    state.getVariants().forEach(v -> skus.add(v.getSku()));
    return skus;
  }

  private static CatalogProductState state(ProductRow row, Long lsn, boolean deleted) {
    return CatalogProductState.newBuilder().setTenantId(row.tenantId()).setSku(row.sku()).setVersion(row.version())
        .setLsn(lsn).setDeleted(deleted).setVendorId(row.vendorId()).setName(row.name())
        .setDescription(row.description()).setPrice(row.price()).setCategoryIds(row.categoryIds())
        .setAttributes(row.attributes()).setVariants(row.variants()).setStatus(row.status())
        .setRejectionReason(row.rejectionReason()).setMedia(row.media()).setUpdatedAt(row.updatedAt()).build();
  }

  /** The deleted marker of a row the topology never saw whole. */
  private static CatalogProductState tombstoneState(ProductChange change) {
    return CatalogProductState.newBuilder().setTenantId(change.key().getTenantId()).setSku(change.key().getSku())
        .setVersion(0).setLsn(change.lsn()).setDeleted(true).setVendorId("").setName("")
        .setPrice(new Money(0L, "XXX")).setStatus(ARCHIVED)
        .setUpdatedAt(change.committedAt()).build();
  }

  /** Whether a log position is known to be at or before another; unknown positions are not. */
  private static boolean isAtOrBefore(Long lsn, Long other) {
    return lsn != null && other != null && lsn <= other;
  }
}
