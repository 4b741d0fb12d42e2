package io.fusioncommerce.ingress.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application pool logs in as a role that is neither a superuser nor exempt from row-level
 * security, so a statement injected into one of its queries cannot switch back to the owner and read
 * another tenant's rows.
 */
class LeastPrivilegeLoginIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.withOneVendorIn("acme", "globex");

  @Test
  void thePoolLogsInAsARoleWithoutSuperuserOrBypassRls() {
    Map<String, Object> login = postgres.database().jdbi().withHandle(h -> h.createQuery("""
            select session_user as login, current_user as acting, r.rolsuper as super, r.rolbypassrls as bypass
            from pg_roles r where r.rolname = session_user""").mapToMap().one());
    assertThat(login).containsEntry("login", Database.APP_ROLE).containsEntry("acting", Database.APP_ROLE)
        .containsEntry("super", false).containsEntry("bypass", false);
    boolean memberOfAPrivilegedRole = postgres.database().jdbi().withHandle(h -> h.createQuery("""
            select exists (select from pg_roles r where (r.rolsuper or r.rolbypassrls)
                                                  and pg_has_role(session_user, r.oid, 'member'))""")
        .mapTo(Boolean.class).one());
    assertThat(memberOfAPrivilegedRole).isFalse();
  }

  @Test
  void anInjectedRoleSwitchStillSeesOnlyItsTenant() {
    List<String> seen = postgres.database().inTenant("acme", h -> {
      h.execute("reset role"); // what "'; reset role; select ..." would try
      return h.createQuery("select name from catalog.vendors").mapTo(String.class).list();
    });
    assertThat(seen).containsExactly("acme vendor");
    int withoutTenant = postgres.database().jdbi().withHandle(h -> {
      h.execute("reset role");
      return h.createQuery("select count(*) from catalog.vendors").mapTo(Integer.class).one();
    });
    assertThat(withoutTenant).as("without a tenant, no rows at all").isZero();
  }

  @Test
  void theOwnerAndSuperusersCannotBeBecome() {
    for (String statement : List.of("set role postgres", "set session authorization postgres")) {
      assertThatThrownBy(() -> postgres.database().jdbi().useHandle((Handle h) -> h.execute(statement))).as(statement)
          .hasMessageContaining("permission denied");
    }
  }
}
