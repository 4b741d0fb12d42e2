package io.fusioncommerce.ingress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.ingress.TestServer.Response;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk CSV: export streams every product, import checks every row and never half-imports a product. */
class CatalogCsvIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.serving(database -> List.of(new CategoryRoutes(database),
      new ProductTransferRoutes(database), new ProductRoutes(database)));

  static Response importCsv(String token, String csv, String query) {
    return postgres.api().send("POST", "/v1/products/import" + query, token, "text/csv", csv, Map.of());
  }

  @Test
  void anExportedCatalogImportsUnchangedIntoAnotherTenantAndAgainAsUnchanged() throws Exception {
    String acme = postgres.api().token("csv-acme", "boss", null, "admin");
    postgres.api().post("/v1/categories", acme, "{\"id\":\"shoes\",\"name\":\"Shoes\"}");
    postgres.api().post("/v1/products", acme, "{\"sku\":\"SHOE-1\",\"vendorId\":\"v1\",\"name\":\"Shoe, \\\"trail\\\"\","
        + "\"description\":\"two\\nlines\",\"price\":{\"amount\":5999,\"currency\":\"USD\"},\"categoryIds\":[\"shoes\"],"
        + "\"attributes\":{\"brand\":\"acme\",\"color\":\"red\"},\"variants\":[{\"sku\":\"SHOE-1-42\",\"options\":{\"size\":\"42\"}},"
        + "{\"sku\":\"SHOE-1-43\",\"options\":{\"size\":\"43\"},\"price\":{\"amount\":6499,\"currency\":\"USD\"}}]}");
    postgres.api().post("/v1/products", acme, "{\"sku\":\"YEN-1\",\"name\":\"Tea\",\"price\":{\"amount\":500,\"currency\":\"JPY\"}}");

    Response export = postgres.api().get("/v1/products/export", acme);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/csv"));
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(export.body())).getRecords();
    assertThat(rows).extracting(r -> r.get("sku")).containsExactly("SHOE-1", "SHOE-1-42", "SHOE-1-43", "YEN-1");
    assertThat(rows.get(0).get("name")).isEqualTo("Shoe, \"trail\"");
    assertThat(rows.get(0).get("attr.color")).isEqualTo("red");
    assertThat(rows.get(2).get("option.size")).isEqualTo("43");
    assertThat(rows.get(2).get("price_amount")).isEqualTo("6499");
    assertThat(rows.get(1).get("parent_sku")).isEqualTo("SHOE-1");

    String globex = postgres.api().token("csv-globex", "boss", null, "admin");
    postgres.api().post("/v1/categories", globex, "{\"id\":\"shoes\",\"name\":\"Shoes\"}");
    JsonNode report = importCsv(globex, export.body(), "").json();
    assertThat(report.path("rows").asInt()).isEqualTo(4);
    assertThat(report.path("created").asInt()).isEqualTo(2);
    assertThat(report.path("failedRows").asInt()).isZero();
    JsonNode copy = postgres.api().get("/v1/products/SHOE-1", globex).json();
    JsonNode original = postgres.api().get("/v1/products/SHOE-1", acme).json();
    for (String field : List.of("name", "description", "price", "vendorId", "categoryIds", "attributes", "variants")) {
      assertThat(copy.path(field)).as(field).isEqualTo(original.path(field));
    }
    assertThat(postgres.api().get("/v1/products/YEN-1", globex).json().path("price").path("amount").asLong()).isEqualTo(500);

    JsonNode again = importCsv(globex, export.body(), "?report=all").json();
    assertThat(again.path("unchanged").asInt()).isEqualTo(2);
    assertThat(again.path("results").findValuesAsText("outcome")).containsOnly("UNCHANGED");
    assertThat(postgres.api().get("/v1/products/SHOE-1", globex).json().path("version").asLong()).isEqualTo(1);
  }

  @Test
  void aBrokenRowRejectsItsWholeProductAndOnlyThat() {
    String admin = postgres.api().token("csv-broken", "boss", null, "admin");
    String csv = String.join("\r\n",
        "sku,parent_sku,name,price_amount,currency,attr.color,option.size",
        "GOOD-1,,Good hat,1500,USD,blue,",
        "BAD-1,,Bad hat,2000,USD,red,",
        "BAD-1-S,BAD-1,,12.50,,,S",
        "BAD-1-M,BAD-1,,,,,M",
        "ORPHAN-1,NOBODY,,,,,L",
        "GOOD-1,,Twice,1,USD,,",
        "CHEAP-1,,Cheap hat,-5,usd,,",
        "") ;
    Response response = importCsv(admin, csv, "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.path("created").asInt()).isEqualTo(1);
    assertThat(report.path("failedRows").asInt()).isEqualTo(6);
    assertThat(errors(report)).contains(
        "4|BAD-1-S|price_amount", "3|BAD-1|null", "5|BAD-1-M|null", "6|ORPHAN-1|parent_sku", "7|GOOD-1|sku",
        "8|CHEAP-1|price_amount", "8|CHEAP-1|currency");
    assertThat(postgres.api().get("/v1/products/GOOD-1", admin).json().path("name").asText()).isEqualTo("Good hat");
    assertThat(postgres.api().get("/v1/products/BAD-1", admin).status()).isEqualTo(404);
    assertThat(postgres.api().get("/v1/products/CHEAP-1", admin).status()).isEqualTo(404);
  }

  @Test
  void aBadFileIsRefusedAsAWholeAndChangesNothing() {
    String admin = postgres.api().token("csv-bad-file", "boss", null, "admin");
    Response unknownColumn = importCsv(admin, "sku,name,price_amount,currency,colour\r\nX-1,X,1,USD,red\r\n", "");
    assertThat(unknownColumn.problem(400).path("errors").findValuesAsText("message")).contains("unknown column colour");
    Response missing = importCsv(admin, "sku,name\r\nX-1,X\r\n", "");
    assertThat(missing.problem(400).path("errors").findValuesAsText("message"))
        .contains("column price_amount is missing", "column currency is missing");
    postgres.api().send("POST", "/v1/products/import", admin, "application/json", "{}", Map.of()).problem(415);
    assertThat(postgres.api().get("/v1/products/X-1", admin).status()).isEqualTo(404);
  }

  @Test
  void aVendorImportsAndExportsOnlyItsOwnProducts() {
    String admin = postgres.api().token("csv-vendors", "boss", null, "admin");
    String vendor = postgres.api().token("csv-vendors", "seller", "v-own", "vendor");
    postgres.api().post("/v1/products", admin, "{\"sku\":\"THEIRS-1\",\"vendorId\":\"v-other\",\"name\":\"Theirs\",\"price\":{\"amount\":1,\"currency\":\"USD\"}}");
    JsonNode report = importCsv(vendor, String.join("\r\n", "sku,name,price_amount,currency,vendor_id",
        "MINE-1,Mine,100,USD,", "THEIRS-1,Taken over,1,USD,", "ALSO-1,Also,1,USD,v-other", ""), "").json();
    assertThat(report.path("created").asInt()).isEqualTo(1);
    assertThat(errors(report)).contains("3|THEIRS-1|null", "4|ALSO-1|null");
    assertThat(postgres.api().get("/v1/products/THEIRS-1", admin).json().path("name").asText()).isEqualTo("Theirs");
    assertThat(postgres.api().get("/v1/products/MINE-1", admin).json().path("vendorId").asText()).isEqualTo("v-own");
    String export = postgres.api().get("/v1/products/export", vendor).body();
    assertThat(export).contains("MINE-1").doesNotContain("THEIRS-1");
  }

  @Test
  void aLargeImportRefreshesThePlannersStatistics() {
    String admin = postgres.api().token("csv-large", "boss", null, "admin");
    StringBuilder csv = new StringBuilder("sku,name,price_amount,currency,attr.color\r\n");
    for (int i = 0; i < 1200; i++) {
      csv.append("BULK-").append(i).append(",Bulk item ").append(i).append(",").append(100 + i).append(",USD,red\r\n");
    }
    assertThat(importCsv(admin, csv.toString(), "").json().path("created").asInt()).isEqualTo(1200);
    // ANALYZE writes pg_class.reltuples at once (a table never analyzed says -1)
    double tuples = postgres.database().jdbi().withHandle(h -> h.createQuery(
        "select reltuples from pg_class where oid = 'catalog.products'::regclass").mapTo(Double.class).one());
    assertThat(tuples).isGreaterThanOrEqualTo(1200);
  }

  static List<String> errors(JsonNode report) {
    List<String> errors = new java.util.ArrayList<>();
    report.path("errors").forEach(e -> errors.add(e.path("line").asLong() + "|" + e.path("sku").asText(null) + "|"
        + (e.path("field").isNull() ? "null" : e.path("field").asText())));
    return errors;
  }
}
