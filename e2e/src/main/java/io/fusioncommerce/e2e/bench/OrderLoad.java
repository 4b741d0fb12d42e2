package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Order load against a platform that is already running (for profiling it while it works):
 * {@code OrderLoad <base-url> <data-dir> <rate> <seconds>}; products SKU-0..SKU-199 of tenant
 * "bench" must exist with stock (OrderBenchmark seeds them).
 */
public final class OrderLoad {

  public static void main(String[] args) {
    String base = args[0];
    DevTokenIssuer tokens = BenchLauncher.issuer(Path.of(args[1]));
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    List<String> customers = new ArrayList<>();
    List<String> customerTokens = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      customers.add("customer-" + i);
      customerTokens.add(tokens.issue("customer-" + i, "bench", List.of("customer"), null, null, Duration.ofHours(2)));
    }
    OrderBenchmark.orders(new AsyncApi(base), customers, customerTokens, rate, Duration.ofSeconds(seconds),
        new ConcurrentLinkedQueue<>());
    System.exit(0);
  }
}
