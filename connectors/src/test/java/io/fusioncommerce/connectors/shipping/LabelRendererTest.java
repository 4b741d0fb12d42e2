package io.fusioncommerce.connectors.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import java.awt.image.BufferedImage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class LabelRendererTest {

  static final PostalAddress FROM = new PostalAddress("Vendor v-shoes", "1 Dispatch Way", null, "Springfield", "IL",
      "62701", "US");
  static final PostalAddress TO = new PostalAddress("Alice Buyer", "742 Evergreen Terrace", "Apt 2", "Shelbyville",
      null, "62565", "US");

  @Test
  void theLabelIsOneFourBySixInchPageWithBothAddressesAndTheTrackingNumber() throws Exception {
    byte[] pdf = new LabelRenderer().render(new LabelContent("local-courier", "standard", "LC0000123456789012", FROM, TO,
        "order-42", "shp-1", 3, 1500));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      PDRectangle size = document.getPage(0).getMediaBox();
      assertThat(size.getWidth()).isEqualTo(288f);
      assertThat(size.getHeight()).isEqualTo(432f);
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Vendor v-shoes", "1 Dispatch Way", "62701 Springfield, IL")
          .contains("Alice Buyer", "742 Evergreen Terrace", "Apt 2", "62565 Shelbyville")
          .contains("LC0000123456789012", "LOCAL-COURIER", "order-42");
    }
  }

  @Test
  void theBarcodeScansAsTheTrackingNumber() throws Exception {
    byte[] pdf = new LabelRenderer().render(new LabelContent("parcel-api", "ground", "PA0000000042", FROM, TO,
        "order-42", "shp-1", 1, 500));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 203); // a thermal printer's resolution
      int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
          new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
      Result scanned = new Code128Reader().decode(bitmap);
      assertThat(scanned.getText()).isEqualTo("PA0000000042");
    }
  }

  @Test
  void charactersTheStandardFontCannotShowPrintAsQuestionMarks() {
    byte[] pdf = new LabelRenderer().render(new LabelContent("local-courier", "standard", "LC1",
        FROM, new PostalAddress("山田 Taro", "1-2-3 Ginza", null, "Tokyo", null, "104-0061", "JP"), "o", "s", 1, 500));
    assertThat(pdf).isNotEmpty();
  }
}
