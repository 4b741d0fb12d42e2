package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.http.ApiException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Stops the CSV parser before one row can fill the heap: the parser holds a whole cell in memory, so a
 * file of one 95 MiB cell would need hundreds of MiB. Counts the characters handed to the parser since the
 * last complete row and gives up past the row limit plus the parser's read-ahead.
 */
final class RowGuard extends FilterReader {

  /** More than the parser reads ahead of the row it is parsing (its buffer is 8 KiB). */
  static final int READ_AHEAD = 64 * 1024;

  /** Thrown through the parser when a row is too long; the caller knows which line it was on. */
  static final class TooLong extends RuntimeException {
    TooLong() {
      super(null, null, false, false);
    }
  }

  private final long limit;
  private long sinceRow;

  RowGuard(Reader in, int maxRowChars) {
    super(in);
    this.limit = (long) maxRowChars + READ_AHEAD;
  }

  /** The parser has returned a row: counting starts again. */
  void rowRead() {
    sinceRow = 0;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count(1);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    sinceRow += n;
    if (sinceRow > limit) {
      throw new TooLong();
    }
  }

  static ApiException tooLong(long line) {
    return new ApiException(413, "row-too-long", "Row too long", "line " + line + " is longer than "
        + CsvImport.MAX_ROW_CHARS + " characters; nothing was imported", List.of());
  }
}
