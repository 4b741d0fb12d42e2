package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.http.EnvironmentSettings;
import java.util.Map;

/**
 * How many CSV imports run at once on one ingress node. Each holds a database connection, a spooled copy of
 * its file on local disk (at most 100 MiB) and a bounded amount of heap; past these caps an import is
 * refused at once, before its body is read, with a Retry-After.
 *
 * @param maxConcurrent imports running on this node at most (503 beyond)
 * @param maxConcurrentPerTenant imports of one tenant running at most (429 beyond)
 */
public record ImportSettings(int maxConcurrent, int maxConcurrentPerTenant) {

  public static final int DEFAULT_MAX_CONCURRENT = 2;
  public static final int DEFAULT_MAX_CONCURRENT_PER_TENANT = 1;
  public static final String MAX_CONCURRENT_VARIABLE = "FUSION_IMPORT_MAX_CONCURRENT";
  public static final String MAX_CONCURRENT_PER_TENANT_VARIABLE = "FUSION_IMPORT_MAX_CONCURRENT_PER_TENANT";

  public ImportSettings {
    if (maxConcurrent < 1 || maxConcurrentPerTenant < 1) {
      throw new IllegalArgumentException(MAX_CONCURRENT_VARIABLE + " and " + MAX_CONCURRENT_PER_TENANT_VARIABLE
          + " must be at least 1");
    }
  }

  public static ImportSettings defaults() {
    return new ImportSettings(DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_CONCURRENT_PER_TENANT);
  }

  /** {@value #MAX_CONCURRENT_VARIABLE} (default 2) and {@value #MAX_CONCURRENT_PER_TENANT_VARIABLE} (default 1). */
  public static ImportSettings fromEnvironment(Map<String, String> env) {
    return new ImportSettings(EnvironmentSettings.wholeNumber(env, MAX_CONCURRENT_VARIABLE, DEFAULT_MAX_CONCURRENT),
        EnvironmentSettings.wholeNumber(env, MAX_CONCURRENT_PER_TENANT_VARIABLE, DEFAULT_MAX_CONCURRENT_PER_TENANT));
  }
}
