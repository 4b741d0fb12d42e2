package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Seeds the benchmark's products and stock into a running platform: {@code SeedBench <base> <kafka> <registry> <data-dir>}. */
public final class SeedBench {
  public static void main(String[] args) {
    DevTokenIssuer tokens = BenchLauncher.issuer(Path.of(args[3]));
    String admin = tokens.issue("bench-admin", "bench", List.of("admin"), null, null, Duration.ofHours(2));
    OrderBenchmark.seed(args[1], args[2], new ApiClient(args[0]), admin);
  }
}
