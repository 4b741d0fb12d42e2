package io.fusioncommerce.ingress.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant isolation in the database itself: a query under tenant A's setting never returns, changes
 * or creates tenant B's rows, even when it forgets to say which tenant it means.
 */
class RowLevelSecurityIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.withOneVendorIn("acme", "globex");

  @Test
  void aQueryWithoutATenantPredicateSeesOnlyItsTenantsRows() {
    List<String> seen = postgres.database().inTenant("acme", h ->
        h.createQuery("select name from catalog.vendors").mapTo(String.class).list());
    assertThat(seen).containsExactly("acme vendor");
  }

  @Test
  void anUpdateWithoutATenantPredicateChangesOnlyItsTenantsRows() {
    int changed = postgres.database().inTenant("globex", h -> h.createUpdate("update catalog.vendors set name = name").execute());
    assertThat(changed).isEqualTo(1);
  }

  @Test
  void aRowForAnotherTenantCannotBeWritten() {
    assertThatThrownBy(() -> postgres.database().inTenant("acme", h -> h.createUpdate(
            "insert into catalog.vendors (tenant_id, vendor_id, name) values ('globex', 'sneaky', 'x')").execute()))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("row-level security");
  }

  @Test
  void theFullTextMatchThatRunsAsOwnerStillSeesOnlyTheTransactionsTenant() {
    for (String tenant : List.of("acme", "globex")) {
      postgres.database().inTenant(tenant, h -> h.createUpdate("insert into catalog.products (tenant_id, sku, vendor_id, name, "
              + "price_amount, currency, status) values (:t, 'LAMP-1', 'v1', 'Brass lamp', 100, 'USD', 'ACTIVE')")
          .bind("t", tenant).execute());
    }
    List<String> acme = postgres.database().inTenant("acme", h ->
        h.createQuery("select vendor_id || '@' || sku from catalog.matching_products('lamp')").mapTo(String.class).list());
    assertThat(acme).containsExactly("v1@LAMP-1");
    List<String> none = postgres.database().jdbi().withHandle(h ->
        h.createQuery("select sku from catalog.matching_products('lamp')").mapTo(String.class).list());
    assertThat(none).isEmpty();
  }

  @Test
  void withoutATenantNoRowsExist() {
    List<String> seen = postgres.database().jdbi().withHandle(h ->
        h.createQuery("select name from catalog.vendors").mapTo(String.class).list());
    assertThat(seen).isEmpty();
  }
}
