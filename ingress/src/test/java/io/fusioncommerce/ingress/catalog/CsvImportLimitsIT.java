package io.fusioncommerce.ingress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.TestServer.Response;
import io.fusioncommerce.ingress.catalog.csv.CsvImport;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.database.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV import's size limits and its cap on concurrent imports, over HTTP against Postgres. */
class CsvImportLimitsIT {

  private static final String HEADER = "sku,parent_sku,name,description,price_amount,currency\r\n";

  @TempDir static Path dir;
  static TestDatabases postgres;
  static Database database;
  static TestServer api;

  @BeforeAll
  static void start() {
    postgres = TestDatabases.start();
    database = postgres.newDatabase();
    api = TestServer.start(dir, List.of(new CategoryRoutes(database), new ProductTransferRoutes(database),
        new ProductRoutes(database)));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    database.close();
    postgres.close();
  }

  static Response importCsv(String token, String csv) {
    return api.send("POST", "/v1/products/import", token, "text/csv", csv, Map.of());
  }

  @Test
  void aCellPastTheLimitFailsItsRowNamingLineAndColumnAndOnlyThatProduct() {
    String admin = api.token("csv-cell", "boss", null, "admin");
    String csv = HEADER
        + "FINE-1,,Fine hat,,1500,USD\r\n"
        + "HUGE-1,,Huge hat," + "d".repeat(CsvImport.MAX_CELL_CHARS + 1) + ",1500,USD\r\n"
        + "HUGE-1-S,HUGE-1,,,,\r\n"
        + "FINE-2,,Fine cap,,900,USD\r\n";
    Response response = importCsv(admin, csv);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.path("created").asInt()).isEqualTo(2);
    assertThat(CatalogCsvIT.errors(report)).containsExactly("3|HUGE-1|description", "4|HUGE-1-S|parent_sku");
    assertThat(report.path("errors").get(0).path("message").asText())
        .isEqualTo("is longer than " + CsvImport.MAX_CELL_CHARS + " characters");
    assertThat(api.get("/v1/products/HUGE-1", admin).status()).isEqualTo(404);
    assertThat(api.get("/v1/products/FINE-2", admin).status()).isEqualTo(200);
  }

  @Test
  void aRowPastTheLimitRefusesTheWholeFileNamingItsLineAndChangesNothing() {
    String admin = api.token("csv-row", "boss", null, "admin");
    // far past the limit: the parser is stopped before it holds the row
    String csv = HEADER
        + "BEFORE-1,,Before,,1500,USD\r\n"
        + "WIDE-1,,\"" + "w".repeat(5 * CsvImport.MAX_ROW_CHARS) + "\",,1,USD\r\n"
        + "AFTER-1,,After,,1500,USD\r\n";
    JsonNode problem = importCsv(admin, csv).problem(413);
    assertThat(problem.path("detail").asText())
        .isEqualTo("line 3 is longer than " + CsvImport.MAX_ROW_CHARS + " characters; nothing was imported");
    assertThat(api.get("/v1/products/BEFORE-1", admin).status()).isEqualTo(404);

    // just past it (within what the parser reads ahead), in two cells: the row's own length decides
    String edge = HEADER
        + "EDGE-0,,Edge,,1,USD\r\n"
        + "EDGE-1,,\"" + "e".repeat(CsvImport.MAX_ROW_CHARS - 20) + "\",\"" + "e".repeat(30) + "\",1,USD\r\n";
    assertThat(importCsv(admin, edge).problem(413).path("detail").asText()).startsWith("line 3 is longer than");
    assertThat(api.get("/v1/products/EDGE-0", admin).status()).isEqualTo(404);
  }

  @Test
  void aVariantFarFromItsProductFailsNamingBoth() {
    String admin = api.token("csv-span", "boss", null, "admin");
    StringBuilder csv = new StringBuilder(HEADER).append("SPAN-1,,Spread hat,,1500,USD\r\n");
    for (int i = 0; i < CsvImport.MAX_PRODUCT_SPAN; i++) {
      csv.append("FILL-").append(i).append(",,Filler ").append(i).append(",,100,USD\r\n");
    }
    csv.append("SPAN-1-S,SPAN-1,,,,\r\n");
    JsonNode report = importCsv(admin, csv.toString()).json();
    long line = CsvImport.MAX_PRODUCT_SPAN + 3;
    assertThat(CatalogCsvIT.errors(report)).containsExactly(line + "|SPAN-1-S|parent_sku");
    assertThat(report.path("errors").get(0).path("message").asText())
        .contains("more than " + CsvImport.MAX_PRODUCT_SPAN + " rows after the first row of product SPAN-1 (line 2)");
    assertThat(report.path("created").asInt()).isEqualTo(CsvImport.MAX_PRODUCT_SPAN + 1);
    // within the span, a variant before its product still joins it
    JsonNode joined = importCsv(admin, "sku,parent_sku,name,price_amount,currency,option.size\r\n"
        + "NEAR-1-S,NEAR-1,,,,S\r\nFILL-X,,Filler,1,USD,\r\nNEAR-1,,Near,5,USD,\r\n").json();
    assertThat(joined.path("failedRows").asInt()).as(joined.toString()).isZero();
    assertThat(api.get("/v1/products/NEAR-1", admin).json().path("variants")).hasSize(1);
  }

  @Test
  void aThirdImportIsRefusedWhileTwoRun() throws IOException {
    String first = api.token("csv-busy-1", "boss", null, "admin");
    String second = api.token("csv-busy-2", "boss", null, "admin");
    String third = api.token("csv-busy-3", "boss", null, "admin");
    try (HeldImport one = HeldImport.admitted(first, "BUSY-1"); HeldImport two = HeldImport.admitted(second, "BUSY-2")) {
      assertThat(one.holdsPlace(first)).as("the first held import still runs").isTrue();
      Response refused = importCsv(third, HEADER + "LATE-1,,Late,,1,USD\r\n");
      assertThat(refused.problem(503).path("detail").asText()).contains("this node already runs 2 imports");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
      Response sameTenant = importCsv(first, HEADER + "LATE-1,,Late,,1,USD\r\n");
      assertThat(sameTenant.problem(429).path("detail").asText()).contains("this tenant already runs 1 import");
      assertThat(sameTenant.headers().firstValue("Retry-After")).hasValue("30");

      assertThat(one.finish()).isEqualTo(200);
      assertThat(two.finish()).isEqualTo(200);
    }
    assertThat(api.get("/v1/products/BUSY-1", first).status()).isEqualTo(200);
    assertThat(api.get("/v1/products/BUSY-2", second).status()).isEqualTo(200);
    assertThat(api.get("/v1/products/LATE-1", third).status()).isEqualTo(404);
    assertThat(importCsv(third, HEADER + "LATE-1,,Late,,1,USD\r\n").status()).isEqualTo(200);
  }

  /**
   * An import sent by hand over a socket: its request and the file's header go out at once, its one row only
   * when the test says so; meanwhile it holds its place.
   */
  private static final class HeldImport implements AutoCloseable {
    private final Socket socket;
    private final String row;

    private HeldImport(Socket socket, String row) {
      this.socket = socket;
      this.row = row;
    }

    /**
     * Sends it and waits until it holds its place: its tenant then answers 429 to an empty probe. Should a probe
     * have taken the tenant's place at the very moment it arrived (it is then refused itself), it is sent again.
     */
    static HeldImport admitted(String token, String sku) throws IOException {
      for (int attempt = 0; attempt < 20; attempt++) {
        HeldImport held = send(token, sku);
        // a few seconds per attempt: the first held import must still be well inside the server's idle
        // timeout when the second one has been admitted, or the server drops it and frees its place
        for (int poll = 0; poll < 100; poll++) {
          if (importCsv(token, "").status() == 429) {
            if (!held.refused()) {
              return held;
            }
            break;
          }
          sleep();
        }
        held.close();
      }
      throw new AssertionError("the held import was never admitted");
    }

    private static HeldImport send(String token, String sku) throws IOException {
      URI base = URI.create(api.baseUrl());
      Socket socket = new Socket(base.getHost(), base.getPort());
      socket.setTcpNoDelay(true);
      String row = sku + ",,Held hat,,1500,USD\r\n";
      String request = "POST /v1/products/import HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Authorization: Bearer " + token + "\r\nContent-Type: text/csv\r\n"
          + "Content-Length: " + (HEADER.length() + row.length()) + "\r\n\r\n";
      // the request and the first part of its body in one packet: Jetty dispatches a request with a body only
      // once some of the body has arrived, so a body that trails its headers would leave the import waiting
      // outside the handler, holding no place, for as long as the packet takes
      OutputStream out = socket.getOutputStream();
      out.write((request + HEADER).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new HeldImport(socket, row);
    }

    /** True while the server still holds the import's place: its tenant is refused a further import. */
    boolean holdsPlace(String token) {
      return importCsv(token, "").status() == 429;
    }

    /** True when the server already answered (it refused the import); false while it waits for the body. */
    private boolean refused() throws IOException {
      return socket.getInputStream().available() > 0;
    }

    /** Sends the rest of the body and answers the response's status. */
    int finish() throws IOException {
      socket.getOutputStream().write(row.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }

    private static void sleep() {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
