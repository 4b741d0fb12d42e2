package io.fusioncommerce.ingress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.catalog.csv.CsvImport;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two imports of more than 95 MiB at once, each made up while it is sent (no file, no copy in the test's
 * memory), into an ingress in this JVM whose heap is at most 1 GiB. The files are wide (150 empty attribute
 * columns): parsed whole, each of the 200,000 rows kept a map of 156 entries (some 7 KiB), well over a GiB for
 * one file. Streamed, what an import holds is bounded by the row, span and batch limits, so both succeed.
 * Heavy (400,000 products written): run it alone, under the shared lock.
 */
class LargeCsvImportIT {

  private static final int ROWS = CsvImport.MAX_ROWS;
  private static final int ROW_BYTES = 500;
  private static final long MIB = 1024 * 1024;

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.serving(database -> List.of(new ProductTransferRoutes(database), new ProductRoutes(database)));

  @Test
  void twoImportsOf95MiBAtOnceStreamThroughABoundedHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("the IT JVM's heap (it.argLine)").isLessThanOrEqualTo(1024 * MIB);
    assertThat(new GeneratedCsv("X", ROWS, ROW_BYTES).length()).isGreaterThanOrEqualTo(95 * MIB);
    String other = postgres.api().token("big-other", "boss", null, "admin");
    assertThat(postgres.api().send("POST", "/v1/products/import", other, "text/csv",
        GeneratedCsv.HEADER + "SMALL-1,,Small,,100,USD\r\n", java.util.Map.of()).status()).isEqualTo(200);

    HttpClient http = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> first = send(http, postgres.api().token("big-1", "boss", null, "admin"), "BIGA");
    CompletableFuture<HttpResponse<String>> second = send(http, postgres.api().token("big-2", "boss", null, "admin"), "BIGB");
    // other routes keep answering while both run
    assertThat(postgres.api().get("/v1/products/SMALL-1", other).status()).isEqualTo(200);

    ObjectMapper json = new ObjectMapper();
    for (CompletableFuture<HttpResponse<String>> answer : List.of(first, second)) {
      HttpResponse<String> response = answer.join();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode report = json.readTree(response.body());
      assertThat(report.path("rows").asInt()).isEqualTo(ROWS);
      assertThat(report.path("created").asInt()).isEqualTo(ROWS);
      assertThat(report.path("failedRows").asInt()).isZero();
    }
    String reader = postgres.api().token("big-2", "reader", null, "admin");
    assertThat(postgres.api().get("/v1/products/BIGB-" + String.format("%07d", ROWS - 1), reader).status()).isEqualTo(200);
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient http, String token, String prefix) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(postgres.api().baseUrl() + "/v1/products/import"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(prefix, ROWS, ROW_BYTES))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
