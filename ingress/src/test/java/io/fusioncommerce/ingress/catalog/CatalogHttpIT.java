package io.fusioncommerce.ingress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.ingress.TestServer.Response;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog over HTTP against the real Postgres server: taxonomy, products with variants, the
 * approval workflow, search with facets and cursors, idempotency and tenant isolation.
 */
class CatalogHttpIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.serving(database -> List.of(new CategoryRoutes(database),
      new ProductRoutes(database), new TenantSettingsRoutes(database)));
  static String admin;
  static String vendorA;
  static String vendorB;
  static String customer;

  @BeforeAll
  static void start() {
    admin = postgres.api().token("acme", "admin-1", null, "admin");
    vendorA = postgres.api().token("acme", "seller-a", "vendor-a", "vendor");
    vendorB = postgres.api().token("acme", "seller-b", "vendor-b", "vendor");
    customer = postgres.api().token("acme", "alice", null, "customer");
    category("apparel", "Apparel", null);
    category("shoes", "Shoes", "apparel");
    category("trail", "Trail shoes", "shoes");
    category("hats", "Hats", "apparel");
    category("kitchen", "Kitchen", null);
  }

  static void category(String id, String name, String parent) {
    String body = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"" + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
    assertThat(postgres.api().post("/v1/categories", admin, body).status()).isEqualTo(201);
  }

  static String product(String sku, String name, long price, String categories, String attributes) {
    return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"description\":\"A fine " + name.toLowerCase()
        + "\",\"price\":{\"amount\":" + price + ",\"currency\":\"USD\"},\"categoryIds\":[" + categories
        + "],\"attributes\":{" + attributes + "}}";
  }

  static JsonNode create(String token, String body) {
    Response created = postgres.api().post("/v1/products", token, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  @Test
  void categoriesFormATreeOfAnyDepth() {
    JsonNode tree = postgres.api().get("/v1/categories", customer).json();
    JsonNode apparel = tree.path("items").get(0);
    assertThat(apparel.path("id").asText()).isEqualTo("apparel");
    assertThat(apparel.path("children").findValuesAsText("id")).contains("shoes", "hats", "trail");
    assertThat(postgres.api().post("/v1/categories", admin, "{\"id\":\"shoes\",\"name\":\"Again\"}").status()).isEqualTo(409);
    assertThat(postgres.api().post("/v1/categories", admin, "{\"id\":\"x\",\"name\":\"X\",\"parentId\":\"nowhere\"}")
        .problem(400).path("errors").get(0).path("field").asText()).isEqualTo("parentId");
    postgres.api().post("/v1/categories", customer, "{\"id\":\"y\",\"name\":\"Y\"}").problem(403);
  }

  @Test
  void aProductWithVariantsIsCreatedForTheRightVendor() {
    JsonNode houseProduct = create(admin, "{\"sku\":\"TRAIL-1\",\"name\":\"Trail shoe\",\"price\":{\"amount\":5999,\"currency\":\"USD\"},"
        + "\"categoryIds\":[\"trail\"],\"attributes\":{\"brand\":\"acme\"},\"variants\":["
        + "{\"sku\":\"TRAIL-1-42-RED\",\"options\":{\"size\":\"42\",\"color\":\"red\"}},"
        + "{\"sku\":\"TRAIL-1-43-RED\",\"options\":{\"size\":\"43\",\"color\":\"red\"},\"price\":{\"amount\":6499,\"currency\":\"USD\"}}]}");
    assertThat(houseProduct.path("vendorId").asText()).isEqualTo("house");
    assertThat(houseProduct.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(houseProduct.path("variants").get(1).path("price").path("amount").asLong()).isEqualTo(6499);

    JsonNode vendorProduct = create(vendorA, product("CAP-1", "Cap", 1500, "\"hats\"", ""));
    assertThat(vendorProduct.path("vendorId").asText()).isEqualTo("vendor-a");
    postgres.api().post("/v1/products", vendorA, product("CAP-2", "Cap", 1500, "", "").replace("{\"sku\"",
        "{\"vendorId\":\"vendor-b\",\"sku\"")).problem(403);
    postgres.api().post("/v1/products", customer, product("CAP-3", "Cap", 1500, "", "")).problem(403);

    Response reused = postgres.api().post("/v1/products", admin, "{\"sku\":\"OTHER-1\",\"name\":\"Other\",\"price\":{\"amount\":1,\"currency\":\"USD\"},"
        + "\"variants\":[{\"sku\":\"TRAIL-1-42-RED\",\"options\":{\"size\":\"1\"}}]}");
    assertThat(reused.problem(409).path("errors").get(0).path("field").asText()).isEqualTo("variants[0].sku");
    assertThat(postgres.api().get("/v1/products/OTHER-1", admin).status()).isEqualTo(404);
    assertThat(postgres.api().post("/v1/products", admin, product("TRAIL-1", "Again", 1, "", "")).status()).isEqualTo(409);
  }

  @Test
  void badProductsAreRefusedWithEveryWrongFieldAndNothingIsStored() {
    Response bad = postgres.api().post("/v1/products", admin, "{\"sku\":\"bad sku\",\"name\":\"\",\"price\":{\"amount\":-1,\"currency\":\"usd\"},"
        + "\"categoryIds\":[\"Not An Id\"],\"variants\":[{\"sku\":\"V-1\",\"options\":{}},{\"sku\":\"V-1\",\"options\":{\"size\":\"1\"},"
        + "\"price\":{\"amount\":5,\"currency\":\"EUR\"}}]}");
    assertThat(bad.problem(400).path("errors").findValuesAsText("field")).contains("sku", "name", "price.amount",
        "price.currency", "categoryIds[0]", "variants[0].options", "variants[1].sku");
    Response unknownCategory = postgres.api().post("/v1/products", admin, product("NOCAT-1", "Thing", 100, "\"nowhere\"", ""));
    assertThat(unknownCategory.problem(400).path("errors").get(0).path("field").asText()).isEqualTo("categoryIds");
    assertThat(postgres.api().post("/v1/products", admin, "{\"sku\":\"P\",\"price\":\"cheap\"}").problem(400)
        .path("errors").get(0).path("field").asText()).isEqualTo("price");
    assertThat(postgres.api().get("/v1/products/NOCAT-1", admin).status()).isEqualTo(404);
    assertThat(postgres.api().post("/v1/products", admin, product("export", "Export", 1, "", "")).problem(400)
        .path("errors").get(0).path("field").asText()).isEqualTo("sku");
  }

  @Test
  void editsAreGuardedByOwnershipVersionAndStatus() {
    JsonNode created = create(vendorA, product("MUG-1", "Mug", 900, "\"kitchen\"", "\"color\":\"white\""));
    Response read = postgres.api().get("/v1/products/MUG-1", customer);
    assertThat(read.headers().firstValue("ETag")).contains("\"1\"");

    Response renamed = postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json",
        "{\"name\":\"Big mug\",\"description\":null}", Map.of("If-Match", "\"1\""));
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("Big mug");
    assertThat(renamed.json().path("description").isNull()).isTrue();
    assertThat(renamed.json().path("price").path("amount").asLong()).isEqualTo(900);
    assertThat(renamed.json().path("version").asLong()).isEqualTo(created.path("version").asLong() + 1);

    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json", "{\"name\":\"Stale\"}",
        Map.of("If-Match", "\"1\"")).problem(412);
    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorB, "application/json", "{\"name\":\"Mine now\"}", Map.of()).problem(403);
    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json", "{\"vendorId\":\"vendor-b\"}", Map.of()).problem(403);
    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json", "{\"price\":{\"amount\":5,\"currency\":\"XXQ\"}}",
        Map.of()).problem(400);
    assertThat(postgres.api().get("/v1/products/MUG-1", customer).json().path("name").asText()).isEqualTo("Big mug");

    Response archived = postgres.api().send("DELETE", "/v1/products/MUG-1", vendorA, null, null, Map.of());
    assertThat(archived.json().path("status").asText()).isEqualTo("ARCHIVED");
    assertThat(postgres.api().get("/v1/products/MUG-1", customer).status()).isEqualTo(404);
    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json", "{\"name\":\"Zombie\"}", Map.of()).problem(409);
    postgres.api().send("PATCH", "/v1/products/MUG-1", vendorA, "application/json", "{\"status\":\"ACTIVE\"}", Map.of()).problem(403);
    Response restored = postgres.api().send("PATCH", "/v1/products/MUG-1", admin, "application/json", "{\"status\":\"ACTIVE\"}", Map.of());
    assertThat(restored.json().path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void vendorProductsWaitForApprovalWhenTheTenantRequiresIt() {
    String tenantAdmin = postgres.api().token("strict", "boss", null, "admin");
    String seller = postgres.api().token("strict", "seller", "s1", "vendor");
    String shopper = postgres.api().token("strict", "shopper", null, "customer");
    Response settings = postgres.api().send("PUT", "/v1/tenant/settings", tenantAdmin, "application/json",
        "{\"requiresApproval\":true,\"orderHoldSeconds\":600}", Map.of());
    assertThat(settings.json().path("requiresApproval").asBoolean()).isTrue();
    postgres.api().send("PUT", "/v1/tenant/settings", seller, "application/json", "{\"requiresApproval\":false}", Map.of()).problem(403);

    assertThat(create(seller, product("LAMP-1", "Lamp", 3000, "", "")).path("status").asText()).isEqualTo("PENDING");
    assertThat(create(tenantAdmin, product("DESK-1", "Desk", 30000, "", "")).path("status").asText()).isEqualTo("ACTIVE");
    assertThat(postgres.api().get("/v1/products/LAMP-1", shopper).status()).isEqualTo(404);
    assertThat(postgres.api().get("/v1/products?q=lamp", shopper).json().path("items")).isEmpty();
    assertThat(postgres.api().get("/v1/products/LAMP-1", seller).json().path("status").asText()).isEqualTo("PENDING");
    postgres.api().post("/v1/products/LAMP-1/approve", seller, "{}").problem(403);

    Response rejected = postgres.api().post("/v1/products/LAMP-1/reject", tenantAdmin, "{\"reason\":\"photos missing\"}");
    assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.json().path("rejectionReason").asText()).isEqualTo("photos missing");
    postgres.api().post("/v1/products/LAMP-1/reject", tenantAdmin, "{}").problem(400);

    Response resubmitted = postgres.api().send("PATCH", "/v1/products/LAMP-1", seller, "application/json",
        "{\"description\":\"Now with photos\"}", Map.of());
    assertThat(resubmitted.json().path("status").asText()).isEqualTo("PENDING");

    assertThat(postgres.api().post("/v1/products/LAMP-1/approve", tenantAdmin, "{}").json().path("status").asText()).isEqualTo("ACTIVE");
    postgres.api().post("/v1/products/LAMP-1/approve", tenantAdmin, "{}").problem(409);
    assertThat(postgres.api().get("/v1/products/LAMP-1", shopper).json().path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void searchFindsByTextWithTyposFiltersAndCountsFacets() {
    String tenantAdmin = postgres.api().token("search", "boss", null, "admin");
    String shopper = postgres.api().token("search", "shopper", null, "customer");
    for (String[] c : new String[][] {{"apparel", "Apparel", null}, {"shoes", "Shoes", "apparel"},
        {"trail", "Trail", "shoes"}, {"kitchen", "Kitchen", null}}) {
      String body = "{\"id\":\"" + c[0] + "\",\"name\":\"" + c[1] + "\"" + (c[2] == null ? "" : ",\"parentId\":\"" + c[2] + "\"") + "}";
      assertThat(postgres.api().post("/v1/categories", tenantAdmin, body).status()).isEqualTo(201);
    }
    create(tenantAdmin, withVendor(product("S-1", "Running shoe", 5000, "\"trail\"", "\"color\":\"red\""), "v1"));
    create(tenantAdmin, withVendor(product("S-2", "Trail running shoes", 7000, "\"trail\"", "\"color\":\"blue\""), "v2"));
    create(tenantAdmin, withVendor(product("S-3", "Walking shoe", 4000, "\"shoes\"", "\"color\":\"red\""), "v1"));
    create(tenantAdmin, withVendor(product("K-1", "Red kettle", 3000, "\"kitchen\"", "\"color\":\"red\""), "v2"));

    assertThat(skus(postgres.api().get("/v1/products?q=shoes", shopper))).containsExactlyInAnyOrder("S-1", "S-2", "S-3");
    Response typo = postgres.api().get("/v1/products?q=runnign", shopper);
    assertThat(skus(typo)).contains("S-1", "S-2");
    assertThat(typo.json().path("fuzzy").asBoolean()).isTrue();
    assertThat(typo.json().path("correctedQuery").asText()).isEqualTo("running");
    assertThat(skus(postgres.api().get("/v1/products?q=ketle", shopper))).containsExactly("K-1");
    // a renamed product's new words join the vocabulary that typos are corrected against
    assertThat(postgres.api().send("PATCH", "/v1/products/K-1", tenantAdmin, "application/json", "{\"name\":\"Red teapot\"}",
        Map.of()).status()).isEqualTo(200);
    Response renamedTypo = postgres.api().get("/v1/products?q=teapto", shopper);
    assertThat(skus(renamedTypo)).containsExactly("K-1");
    assertThat(renamedTypo.json().path("correctedQuery").asText()).isEqualTo("teapot");
    assertThat(postgres.api().get("/v1/products?q=zzzzqqq", shopper).json().path("items")).isEmpty();
    assertThat(postgres.api().get("/v1/products?q=running", shopper).json().path("fuzzy").asBoolean()).isFalse();
    assertThat(skus(postgres.api().get("/v1/products?q=red", shopper))).contains("K-1", "S-1", "S-3");
    assertThat(skus(postgres.api().get("/v1/products?category=apparel", shopper))).containsExactly("S-1", "S-2", "S-3");
    assertThat(skus(postgres.api().get("/v1/products?category=trail&maxPrice=6000", shopper))).containsExactly("S-1");
    assertThat(skus(postgres.api().get("/v1/products?attr.color=red&vendor=v1", shopper))).containsExactly("S-1", "S-3");
    assertThat(skus(postgres.api().get("/v1/products?attr.color=red&attr.color=blue&minPrice=4500", shopper))).containsExactly("S-1", "S-2");

    JsonNode faceted = postgres.api().get("/v1/products?q=shoe&vendor=v1&facets=vendor,attr.color,category", shopper).json();
    assertThat(faceted.path("items").findValuesAsText("sku")).containsExactlyInAnyOrder("S-1", "S-3");
    // disjunctive: the vendor counts ignore the vendor filter, the color counts honour it
    assertThat(counts(faceted.path("facets").path("vendor"))).isEqualTo(Map.of("v1", 2L, "v2", 1L));
    assertThat(counts(faceted.path("facets").path("attr.color"))).isEqualTo(Map.of("red", 2L));
    assertThat(counts(faceted.path("facets").path("category"))).isEqualTo(Map.of("trail", 1L, "shoes", 1L));

    List<String> walked = new ArrayList<>();
    String path = "/v1/products?limit=1&q=shoe";
    for (int page = 0; page < 10 && path != null; page++) {
      JsonNode body = postgres.api().get(path, shopper).json();
      walked.addAll(body.path("items").findValuesAsText("sku"));
      path = body.path("next").isNull() || body.path("next").isMissingNode() ? null
          : "/v1/products?limit=1&q=shoe&cursor=" + body.path("next").asText();
    }
    assertThat(walked).hasSize(3).containsExactlyInAnyOrder("S-1", "S-2", "S-3");
    assertThat(new HashSet<>(walked)).hasSize(3);

    Response badParams = postgres.api().get("/v1/products?limit=900&minPrice=-1&facets=colour&sort=price", shopper);
    assertThat(badParams.problem(400).path("errors").findValuesAsText("field"))
        .contains("limit", "minPrice", "facets", "sort");
    postgres.api().get("/v1/products?cursor=garbage", shopper).problem(400);
  }

  @Test
  void anotherTenantSeesNoneOfItAndMayKeepItsOwnSkus() {
    create(admin, product("SHARED-1", "Blender", 8000, "\"kitchen\"", ""));
    String other = postgres.api().token("globex", "boss", null, "admin");
    assertThat(postgres.api().get("/v1/products/SHARED-1", other).status()).isEqualTo(404);
    assertThat(postgres.api().get("/v1/products?q=blender", other).json().path("items")).isEmpty();
    assertThat(postgres.api().send("PATCH", "/v1/products/SHARED-1", other, "application/json", "{\"name\":\"x\"}", Map.of()).status())
        .isEqualTo(404);
    assertThat(postgres.api().send("DELETE", "/v1/products/SHARED-1", other, null, null, Map.of()).status()).isEqualTo(404);
    assertThat(postgres.api().post("/v1/products/SHARED-1/approve", other, "{}").status()).isEqualTo(404);
    assertThat(postgres.api().get("/v1/categories", other).json().path("items")).isEmpty();
    // a category of acme does not exist for globex
    assertThat(postgres.api().post("/v1/products", other, product("SHARED-1", "Their blender", 1, "\"kitchen\"", "")).status()).isEqualTo(400);
    assertThat(create(other, product("SHARED-1", "Their blender", 1, "", "")).path("name").asText()).isEqualTo("Their blender");
    assertThat(postgres.api().get("/v1/products/SHARED-1", customer).json().path("name").asText()).isEqualTo("Blender");
  }

  @Test
  void theSameIdempotencyKeyCreatesOneProductAndADifferentBodyIsRefused() {
    String body = product("IDEM-1", "Whisk", 700, "\"kitchen\"", "");
    Map<String, String> key = Map.of("Idempotency-Key", "create-whisk");
    Response first = postgres.api().send("POST", "/v1/products", admin, "application/json", body, key);
    Response again = postgres.api().send("POST", "/v1/products", admin, "application/json", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.headers().firstValue("Location")).contains("/v1/products/IDEM-1");
    postgres.api().send("POST", "/v1/products", admin, "application/json", product("IDEM-2", "Whisk", 700, "", ""), key).problem(422);
    assertThat(postgres.api().get("/v1/products/IDEM-2", admin).status()).isEqualTo(404);
  }

  static String withVendor(String body, String vendor) {
    return body.replace("{\"sku\"", "{\"vendorId\":\"" + vendor + "\",\"sku\"");
  }

  static List<String> skus(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().path("items").findValuesAsText("sku");
  }

  static Map<String, Long> counts(JsonNode facet) {
    Map<String, Long> counts = new java.util.HashMap<>();
    facet.forEach(v -> counts.put(v.path("value").asText(), v.path("count").asLong()));
    return counts;
  }

}
