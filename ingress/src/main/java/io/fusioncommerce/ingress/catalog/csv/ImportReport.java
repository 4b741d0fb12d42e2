package io.fusioncommerce.ingress.catalog.csv;

import java.util.List;

/**
 * Answer of {@code POST /v1/products/import}: how many rows and products the file held, how many
 * products were created, updated or left unchanged, how many rows failed, and one entry per refused row with
 * its line (the header is line 1), SKU, column and what is wrong. With {@code ?report=all} also the
 * outcome of every row.
 */
public record ImportReport(int rows, int products, int created, int updated, int unchanged, int failedRows,
    List<RowError> errors, List<RowOutcome> results) {

  /** Why a row was not imported. {@code field} is the CSV column, when one is to blame. */
  public record RowError(long line, String sku, String field, String message) {}

  /** What happened to one row: CREATED, UPDATED, UNCHANGED or FAILED. */
  public record RowOutcome(long line, String sku, String outcome) {}
}
