package io.fusioncommerce.ingress.database;

import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Postgres setup every ingress IT repeated: one embedded server per test class, one fresh migrated
 * database on it and, when routes are given, a {@link TestServer} serving them over that database.
 * Register it as a static field ({@code @RegisterExtension static final PostgresFixture postgres = ...});
 * it starts before the class's own {@code @BeforeAll} methods, so those can seed rows through it.
 */
public final class PostgresFixture implements BeforeAllCallback, AfterAllCallback {

  private final Function<Database, List<ApiModule>> routes;
  private final List<String> vendorTenants;
  private TestDatabases server;
  private Database database;
  private Path keys;
  private TestServer api;

  private PostgresFixture(Function<Database, List<ApiModule>> routes, List<String> vendorTenants) {
    this.routes = routes;
    this.vendorTenants = vendorTenants;
  }

  /** A database only, no HTTP server. */
  public static PostgresFixture databaseOnly() {
    return new PostgresFixture(null, List.of());
  }

  /** A database with one vendor {@code v1}, named "&lt;tenant&gt; vendor", in each tenant (for tenancy checks). */
  public static PostgresFixture withOneVendorIn(String... tenants) {
    return new PostgresFixture(null, List.of(tenants));
  }

  /** A database and an ingress serving {@code routes} over it. */
  public static PostgresFixture serving(Function<Database, List<ApiModule>> routes) {
    return new PostgresFixture(routes, List.of());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = TestDatabases.start();
    database = server.newDatabase();
    vendorTenants.forEach(tenant -> database.inTenant(tenant, h -> h.createUpdate(
            "insert into catalog.vendors (tenant_id, vendor_id, name) values (:t, 'v1', :t || ' vendor')")
        .bind("t", tenant).execute()));
    if (routes != null) {
      keys = Files.createTempDirectory("ingress-it-keys");
      api = TestServer.start(keys, routes.apply(database));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try (TestDatabases closingServer = server; Database closingDatabase = database; TestServer closingApi = api) {
      // closed in reverse order: the HTTP server, then the pool, then Postgres
    } finally {
      deleteKeys();
    }
  }

  public Database database() {
    return database;
  }

  /** The ingress serving the routes given to {@link #serving}. */
  public TestServer api() {
    if (api == null) {
      throw new IllegalStateException("this fixture serves no routes; use PostgresFixture.serving(...)");
    }
    return api;
  }

  /** The database, logged in as {@code role} (the server trusts loopback). */
  public Jdbi login(String role) {
    return server.login(role);
  }

  private void deleteKeys() throws IOException {
    if (keys == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(keys)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
