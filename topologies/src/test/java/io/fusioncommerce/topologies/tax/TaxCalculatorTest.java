package io.fusioncommerce.topologies.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.tax.TaxRates;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaxCalculatorTest {

  @Test
  void exclusiveTaxIsAddedAndRoundedHalfUpPerLine() {
    assertThat(TaxCalculator.line(11000, new BigDecimal("0.0725"), false)).isEqualTo(new TaxCalculator.LineTax(798, 11798));
    assertThat(TaxCalculator.line(1999, new BigDecimal("0.0725"), false)).isEqualTo(new TaxCalculator.LineTax(145, 2144));
    // exactly half a cent rounds up, just under half rounds down
    assertThat(TaxCalculator.line(10, new BigDecimal("0.05"), false).tax()).isEqualTo(1); // 0.5 → 1
    assertThat(TaxCalculator.line(9, new BigDecimal("0.05"), false).tax()).isEqualTo(0); // 0.45 → 0
  }

  @Test
  void inclusiveTaxIsExtractedFromThePriceWhichStaysWhatTheCustomerPays() {
    // 119.00 EUR with 19 % VAT: 19.00 of it is tax
    assertThat(TaxCalculator.line(11900, new BigDecimal("0.19"), true)).isEqualTo(new TaxCalculator.LineTax(1900, 11900));
    // 9.99 EUR: 999 × 0.19 / 1.19 = 159.50… → 160
    assertThat(TaxCalculator.line(999, new BigDecimal("0.19"), true)).isEqualTo(new TaxCalculator.LineTax(160, 999));
  }

  @Test
  void jpyHasNoMinorUnitSoItsTaxIsInWholeYen() {
    // 3 × 1,080 yen with 10 % consumption tax included: 3240 × 0.1 / 1.1 = 294.5… → 295 yen
    assertThat(TaxCalculator.line(3240, new BigDecimal("0.10"), true)).isEqualTo(new TaxCalculator.LineTax(295, 3240));
    // 1,000 yen plus 8 %: 80 yen
    assertThat(TaxCalculator.line(1000, new BigDecimal("0.08"), false)).isEqualTo(new TaxCalculator.LineTax(80, 1080));
  }

  @Test
  void noTaxAndZeroAmountsCostNothingAndNegativesAreRefused() {
    assertThat(TaxCalculator.line(0, new BigDecimal("0.19"), false)).isEqualTo(new TaxCalculator.LineTax(0, 0));
    assertThat(TaxCalculator.none(500)).isEqualTo(new TaxCalculator.LineTax(0, 500));
    assertThatThrownBy(() -> TaxCalculator.line(-1, BigDecimal.ONE, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaxCalculator.line(1, new BigDecimal("-0.1"), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRegionsRateReplacesTheCountrysAndRatesAreCheckedAsDecimals() {
    TaxRule us = TaxRule.of(TaxRates.newBuilder().setTenantId("acme").setCountry("US").setRate("0.00").setInclusive(false)
        .setRegions(Map.of("CA", "0.0725")).setUpdatedAt(Instant.EPOCH).setUpdatedBy("admin").build());
    assertThat(us.rateFor("CA")).isEqualByComparingTo("0.0725");
    assertThat(us.rateFor("NY")).isEqualByComparingTo("0");
    assertThat(us.rateFor(null)).isEqualByComparingTo("0");

    assertThat(TaxRule.check("rate", "0.19")).isEmpty();
    assertThat(TaxRule.check("rate", "1")).isEmpty();
    for (String bad : new String[] {"1.01", "-0.1", "0.1e2", "abc", "", "0.1234567", "NaN"}) {
      assertThat(TaxRule.check("rate", bad)).as(bad).extracting(TaxRule.Problem::field).containsExactly("rate");
    }
  }
}
