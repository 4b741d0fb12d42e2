package io.fusioncommerce.ingress.catalog;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A product CSV made up as it is read, never whole in memory: a header, then {@code rows} products
 * {@code <prefix>-0000000...} of exactly {@code rowBytes} bytes each (the description pads them). The file
 * is wide: {@value #EMPTY_COLUMNS} attribute columns left empty, cheap on the wire (a comma each) and dear to
 * a parser that keeps every row (a map entry each).
 */
final class GeneratedCsv extends InputStream {

  static final String HEADER = "sku,parent_sku,name,description,price_amount,currency\r\n";
  static final int EMPTY_COLUMNS = 150;
  private static final String WIDE_HEADER = HEADER.strip() + java.util.stream.IntStream.range(0, EMPTY_COLUMNS)
      .mapToObj(i -> String.format(",attr.unused_%03d", i)).collect(java.util.stream.Collectors.joining()) + "\r\n";
  private static final String EMPTY_CELLS = ",".repeat(EMPTY_COLUMNS);

  private final String prefix;
  private final int rows;
  private final int rowBytes;
  private byte[] current = WIDE_HEADER.getBytes(StandardCharsets.US_ASCII);
  private int position;
  private int next;

  GeneratedCsv(String prefix, int rows, int rowBytes) {
    this.prefix = prefix;
    this.rows = rows;
    this.rowBytes = rowBytes;
  }

  /** The bytes the whole stream holds. */
  long length() {
    return WIDE_HEADER.length() + (long) rows * rowBytes;
  }

  private boolean advance() {
    if (position < current.length) {
      return true;
    }
    if (next >= rows) {
      return false;
    }
    String number = String.format("%07d", next++);
    String start = prefix + "-" + number + ",,Generated product " + number + ",";
    String end = ",1999,USD" + EMPTY_CELLS + "\r\n";
    char[] padding = new char[rowBytes - start.length() - end.length()];
    Arrays.fill(padding, 'x');
    current = (start + new String(padding) + end).getBytes(StandardCharsets.US_ASCII);
    position = 0;
    return true;
  }

  @Override
  public int read() {
    return advance() ? current[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }
}
