package io.fusioncommerce.connectors.shipping;

import com.google.zxing.oned.Code128Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a 4x6 inch label (288 x 432 pt, the thermal printers' size) as a one-page PDF with PDFBox:
 * carrier and service, ship-from and ship-to blocks, the tracking number as a Code 128 barcode and as
 * text, and the order's reference. ZXing encodes the barcode into modules; the bars are drawn as vector
 * rectangles, so they stay sharp at any printer resolution.
 */
public final class LabelRenderer {

  public static final PDRectangle FOUR_BY_SIX = new PDRectangle(4 * 72, 6 * 72);
  static final float MARGIN = 14;
  static final float BARCODE_HEIGHT = 72;

  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  public byte[] render(LabelContent label) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage(FOUR_BY_SIX);
      document.addPage(page);
      document.getDocumentInformation().setTitle("Shipping label " + label.trackingNumber());
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        float width = FOUR_BY_SIX.getWidth();
        float top = FOUR_BY_SIX.getHeight() - MARGIN;

        text(content, bold, 14, MARGIN, top - 12, label.carrier().toUpperCase(Locale.ROOT));
        text(content, regular, 9, MARGIN, top - 24, label.service() + "  ·  " + label.units() + " item(s), "
            + label.weightGrams() + " g");
        rule(content, top - 32, width);

        text(content, bold, 7, MARGIN, top - 44, "FROM");
        float y = block(content, regular, 8, MARGIN, top - 54, label.shipFrom().lines(), 10);
        rule(content, y - 4, width);

        text(content, bold, 7, MARGIN, y - 16, "SHIP TO");
        y = block(content, bold, 13, MARGIN, y - 32, label.shipTo().lines(), 16);
        rule(content, y - 6, width);

        float barcodeTop = y - 18;
        barcode(content, label.trackingNumber(), MARGIN, barcodeTop - BARCODE_HEIGHT, width - 2 * MARGIN);
        text(content, bold, 11, MARGIN, barcodeTop - BARCODE_HEIGHT - 16, "TRACKING # " + label.trackingNumber());
        rule(content, barcodeTop - BARCODE_HEIGHT - 26, width);

        text(content, regular, 7, MARGIN, MARGIN + 10, "Order " + label.orderId());
        text(content, regular, 7, MARGIN, MARGIN, "Shipment " + label.shipmentId());
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the label of " + label.shipmentId(), e);
    }
  }

  /** The tracking number's Code 128 modules (ZXing's encoding, quiet zones included) as bars filling {@code maxWidth}. */
  private static void barcode(PDPageContentStream content, String value, float x, float y, float maxWidth)
      throws IOException {
    boolean[] modules = new Code128Writer().encode(value);
    float module = maxWidth / modules.length;
    for (int i = 0; i < modules.length; i++) {
      int run = 0;
      while (i + run < modules.length && modules[i + run]) {
        run++;
      }
      if (run > 0) {
        content.addRect(x + i * module, y, run * module, BARCODE_HEIGHT);
        i += run - 1;
      }
    }
    content.fill();
  }

  private float block(PDPageContentStream content, PDType1Font font, float size, float x, float y, List<String> lines,
      float leading) throws IOException {
    for (String line : lines) {
      text(content, font, size, x, y, line);
      y -= leading;
    }
    return y + leading - size;
  }

  private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(printable(font, text));
    content.endText();
  }

  /** The standard fonts cover WinAnsi only: anything else prints as '?' rather than failing the label. */
  static String printable(PDType1Font font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      String c = new String(Character.toChars(cp));
      try {
        font.encode(c);
        out.append(c);
      } catch (IOException | IllegalArgumentException e) {
        out.append('?');
      }
    });
    return out.toString();
  }

  private static void rule(PDPageContentStream content, float y, float width) throws IOException {
    content.setLineWidth(1);
    content.moveTo(MARGIN, y);
    content.lineTo(width - MARGIN, y);
    content.stroke();
  }
}
