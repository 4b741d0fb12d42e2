package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.e2e.client.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The catalog at size: 100,000 products (a fifth of them with three variants) imported as CSV over
 * HTTP into one tenant, then full-text searches with two facet counts, against the launcher run as
 * its own process on this machine.
 *
 * <p>Run: {@code e2e/run-benchmark catalog [products] [seconds-per-phase]}
 */
public final class CatalogBenchmark {

  static final String[] ADJECTIVES = {"classic", "light", "rugged", "compact", "premium", "vintage", "modern", "soft",
      "waterproof", "slim", "heavy", "bright", "quiet", "smart", "tiny", "giant", "warm", "cool", "fast", "simple"};
  static final String[] MATERIALS = {"leather", "cotton", "steel", "bamboo", "wool", "canvas", "ceramic", "glass",
      "oak", "nylon"};
  static final String[] NOUNS = {"shoe", "jacket", "kettle", "lamp", "backpack", "chair", "watch", "mug", "scarf",
      "blender", "tent", "bottle", "hat", "desk", "pillow", "speaker", "wallet", "glove", "sofa", "boot", "bag", "belt",
      "knife", "pan", "rug", "towel", "shirt", "skirt", "camera", "bike"};
  static final String[] COLORS = {"red", "blue", "green", "black", "white", "grey", "yellow", "pink", "brown", "navy"};
  static final int CHUNK = 10_000;

  public static void main(String[] args) throws Exception {
    int products = BenchLauncher.argument(args, 0, 100_000);
    int seconds = BenchLauncher.argument(args, 1, 30);
    try (BenchLauncher launcher = BenchLauncher.start("catalog-bench")) {
      ApiClient api = launcher.api();
      String admin = launcher.admin();
      String shopper = launcher.token("shopper", "customer");
      List<String> leaves = categories(api, admin);

      System.out.printf("import: %d products in CSV files of %d products each%n", products, CHUNK);
      HttpClient http = HttpClient.newHttpClient();
      Random random = new Random(42);
      long rows = 0;
      long begin = System.nanoTime();
      for (int from = 0; from < products; from += CHUNK) {
        StringBuilder csv = new StringBuilder(
            "sku,parent_sku,name,description,price_amount,currency,vendor_id,category_ids,attr.color,attr.brand,attr.material,option.size\r\n");
        int count = Math.min(CHUNK, products - from);
        rows += csvChunk(csv, from, count, leaves, random);
        long chunkBegin = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(launcher.baseUrl() + "/v1/products/import"))
            .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode report = response.body().isEmpty() ? null : new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200 || report == null || report.path("failedRows").asInt() != 0 || report.path("created").asInt() != count) {
          throw new IllegalStateException("import answered " + response.statusCode() + ": "
              + response.body().substring(0, Math.min(500, response.body().length())));
        }
        System.out.printf("  file %d: %.0f rows/s%n", from / CHUNK + 1,
            report.path("rows").asInt() / ((System.nanoTime() - chunkBegin) / 1e9));
      }
      double importSeconds = (System.nanoTime() - begin) / 1e9;
      System.out.printf("  %d rows (%d products) in %.1f s: %.0f rows/s, %.0f products/s%n", rows, products,
          importSeconds, rows / importSeconds, products / importSeconds);

      settled(api, operatorOrAdmin(launcher), String.format("P-%06d", products - 1), begin);

      AsyncApi async = new AsyncApi(launcher.baseUrl());
      System.out.println("\nwarm-up: searches for 10 s");
      OpenLoop.run(20, Duration.ofSeconds(10), s -> search(async, shopper, textQuery() + "&facets=category,vendor"));
      for (int rate : new int[] {20, 50, 100}) {
        OpenLoop.Result text = OpenLoop.run(rate, Duration.ofSeconds(seconds),
            s -> search(async, shopper, textQuery() + "&facets=category,vendor"));
        System.out.printf("  %d/s  q=<words>&facets=category,vendor:   %s%n", rate, text.summary());
      }
      OpenLoop.Result filtered = OpenLoop.run(50, Duration.ofSeconds(seconds), s -> search(async, shopper,
          textQuery() + "&category=" + leaves.get(ThreadLocalRandom.current().nextInt(leaves.size()))
              .replaceFirst("-\\d+$", "") + "&facets=vendor,attr.color"));
      System.out.printf("  50/s  q=..&category=<subtree>&facets=vendor,attr.color: %s%n", filtered.summary());
      OpenLoop.Result browse = OpenLoop.run(50, Duration.ofSeconds(seconds), s -> search(async, shopper,
          "attr.color=" + COLORS[ThreadLocalRandom.current().nextInt(COLORS.length)] + "&facets=category,vendor"));
      System.out.printf("  50/s  attr.color=<c>&facets=category,vendor (no text): %s%n", browse.summary());
      OpenLoop.Result typo = OpenLoop.run(50, Duration.ofSeconds(seconds), s -> search(async, shopper,
          "q=" + typo(NOUNS[ThreadLocalRandom.current().nextInt(NOUNS.length)]) + "&facets=category,vendor"));
      System.out.printf("  50/s  q=<typo>&facets=category,vendor:       %s%n", typo.summary());

      long exportBegin = System.nanoTime();
      HttpResponse<java.io.InputStream> export = http.send(HttpRequest.newBuilder(URI.create(launcher.baseUrl() + "/v1/products/export"))
          .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofInputStream());
      long bytes;
      try (var in = export.body()) {
        bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      double exportSeconds = (System.nanoTime() - exportBegin) / 1e9;
      System.out.printf("%nexport: %d MiB in %.1f s (%.0f rows/s)%n", bytes >> 20, exportSeconds, rows / exportSeconds);
    }
  }

  static String operatorOrAdmin(BenchLauncher launcher) {
    return launcher.token("bench-operator", "admin", "operator");
  }

  /**
   * Waits until the last imported product is orderable: Debezium, the catalog topology and the order
   * topology's product table have caught up with the import (searches are measured after that, not
   * while the CDC pipeline is still busy with 100,000 changes).
   */
  static void settled(ApiClient api, String staff, String lastSku, long importBegin) throws InterruptedException {
    api.put("/v1/inventory/" + lastSku, staff, "{\"available\":1000}");
    int attempt = 0;
    while (true) {
      ApiClient.Response placed = api.post("/v1/orders", staff,
          "{\"customerId\":\"settle-" + attempt + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"" + lastSku + "\",\"quantity\":1}]}");
      JsonNode order = api.get("/v1/orders/" + placed.json().path("orderId").asText() + "?waitMs=10000&status=CREATED",
          staff).json();
      if (order != null && "CONFIRMED".equals(order.path("status").asText())) {
        System.out.printf("  the last imported product was orderable %.1f s after the import began%n",
            (System.nanoTime() - importBegin) / 1e9);
        return;
      }
      attempt++;
      Thread.sleep(1000);
    }
  }

  /** A search as a storefront asks for it: the first page of 20 with the requested facet counts. */
  static java.util.concurrent.CompletableFuture<AsyncApi.Response> search(AsyncApi async, String token, String query) {
    return async.get("/v1/products?limit=20&" + query, token).thenApply(r -> {
      if (r.status() != 200) {
        throw new IllegalStateException("search answered " + r.status() + " " + r.json());
      }
      return r;
    });
  }

  static String textQuery() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return random.nextBoolean()
        ? "q=" + NOUNS[random.nextInt(NOUNS.length)]
        : "q=" + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "+" + NOUNS[random.nextInt(NOUNS.length)];
  }

  static String typo(String word) {
    int i = ThreadLocalRandom.current().nextInt(word.length() - 1);
    return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
  }

  /** 4 roots, 5 children each, 5 leaves under each child: 124 categories, 100 leaves. */
  static List<String> categories(ApiClient api, String admin) {
    List<String> leaves = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      String root = "root-" + r;
      api.post("/v1/categories", admin, "{\"id\":\"" + root + "\",\"name\":\"Root " + r + "\"}");
      for (int m = 0; m < 5; m++) {
        String mid = root + "-" + m;
        api.post("/v1/categories", admin, "{\"id\":\"" + mid + "\",\"name\":\"Mid " + m + "\",\"parentId\":\"" + root + "\"}");
        for (int l = 0; l < 5; l++) {
          String leaf = mid + "-" + l;
          api.post("/v1/categories", admin, "{\"id\":\"" + leaf + "\",\"name\":\"Leaf " + l + "\",\"parentId\":\"" + mid + "\"}");
          leaves.add(leaf);
        }
      }
    }
    return leaves;
  }

  static int csvChunk(StringBuilder csv, int from, int count, List<String> leaves, Random random) {
    int rows = 0;
    for (int i = from; i < from + count; i++) {
      String sku = String.format("P-%06d", i);
      String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
      String material = MATERIALS[random.nextInt(MATERIALS.length)];
      String noun = NOUNS[random.nextInt(NOUNS.length)];
      String color = COLORS[random.nextInt(COLORS.length)];
      long price = 100 + random.nextInt(100_000);
      csv.append(sku).append(",,").append(adjective).append(' ').append(material).append(' ').append(noun)
          .append(",A ").append(adjective).append(' ').append(noun).append(" made of ").append(material)
          .append(" for everyday use,").append(price).append(",USD,v-").append(random.nextInt(50)).append(',')
          .append(leaves.get(random.nextInt(leaves.size()))).append(',').append(color).append(",brand-")
          .append(random.nextInt(50)).append(',').append(material).append(",\r\n");
      rows++;
      if (i % 5 == 0) {
        for (String size : new String[] {"S", "M", "L"}) {
          csv.append(sku).append('-').append(size).append(',').append(sku).append(",,,,,,,,,,").append(size).append("\r\n");
          rows++;
        }
      }
    }
    return rows;
  }

}
