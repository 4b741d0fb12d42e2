package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;

/**
 * The launcher a benchmark measures: {@code fusion start} as its own process (as users run it) on a
 * fresh data dir in a work dir of its own, with the tenant "bench", tokens signed by the launcher's own
 * development issuer (its key is in the data dir) and a client. The work dir holds the data dir and any
 * scratch files of the benchmark; closing stops the launcher, then deletes the work dir.
 */
record BenchLauncher(Path work, LauncherProcess process, ApiClient api, DevTokenIssuer tokens) implements AutoCloseable {

  static final String TENANT = "bench";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

  /** A launcher whose rate limits are far above any benchmark's load (see LauncherProcess). */
  static BenchLauncher start(String name) throws IOException {
    return start(name, LauncherProcess.LOAD_TEST_RATE_LIMITS);
  }

  /** A launcher with these environment variables added to its own (FUSION_* settings). */
  static BenchLauncher start(String name, Map<String, String> environment) throws IOException {
    Path work = Files.createTempDirectory("fusion-" + name);
    LauncherProcess process = null;
    try {
      process = LauncherProcess.start(work.resolve("data"), START_TIMEOUT, environment);
      return new BenchLauncher(work, process, new ApiClient(process.baseUrl()), issuer(work.resolve("data")));
    } catch (RuntimeException e) {
      if (process != null) {
        process.close();
      }
      PathUtils.deleteDirectory(work);
      throw e;
    }
  }

  /** The benchmark's command-line argument {@code index} as a whole number, {@code fallback} when not given. */
  static int argument(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  /** The issuer of a launcher's development tokens, read from its data dir. */
  static DevTokenIssuer issuer(Path dataDir) {
    return DevTokenIssuer.loadOrCreate(dataDir.resolve("keys/dev-issuer.jwk.json"), Clock.systemUTC());
  }

  String baseUrl() {
    return process.baseUrl();
  }

  /** Where the launcher keeps its data (its state stores are under streams/). */
  Path data() {
    return work.resolve("data");
  }

  String bootstrapServers() {
    return process.banner("Kafka");
  }

  String schemaRegistryUrl() {
    return process.banner("Schema registry");
  }

  /** A token of tenant "bench", valid for two hours. */
  String token(String subject, String... roles) {
    return tokens().issue(subject, TENANT, List.of(roles), null, null, TOKEN_LIFETIME);
  }

  String admin() {
    return token("bench-admin", "admin");
  }

  /** Products written straight into catalog.products of tenant "bench" (see CatalogSeed). */
  void seed(Consumer<CatalogSeed> products) {
    try (CatalogSeed catalog = new CatalogSeed(bootstrapServers(), schemaRegistryUrl())) {
      products.accept(catalog);
    }
  }

  /** Sets the stock and waits until the topology has it. */
  void setStock(String sku, long available, String admin) {
    api.put("/v1/inventory/" + sku, admin, "{\"available\":" + available + "}");
    api.get("/v1/inventory/" + sku + "?waitMs=10000&version=0", admin);
  }

  @Override
  public void close() throws IOException {
    try {
      process.close();
    } finally {
      PathUtils.deleteDirectory(work);
    }
  }
}
