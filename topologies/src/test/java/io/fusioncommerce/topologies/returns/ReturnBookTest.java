package io.fusioncommerce.topologies.returns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The split of a line's paid amount over its units, and return ids. */
class ReturnBookTest {

  @Test
  void unitsShareWhatWasPaidAndTheLastTakeTheRemainder() {
    // 1000 over 3 units: 333, 333, 334
    assertThat(ReturnBook.shareOfFirst(1000, 3, 1)).isEqualTo(333);
    assertThat(ReturnBook.shareOfFirst(1000, 3, 2)).isEqualTo(666);
    assertThat(ReturnBook.shareOfFirst(1000, 3, 3)).isEqualTo(1000);
    // never more than the line, whatever is asked
    assertThat(ReturnBook.shareOfFirst(1000, 3, 7)).isEqualTo(1000);
    assertThat(ReturnBook.shareOfFirst(1000, 3, 0)).isZero();
  }

  @Test
  void everyLineSplitsExactlyWithoutLosingAMinorUnit() {
    for (long quantity = 1; quantity <= 40; quantity++) {
      for (long paid : new long[] {0, 1, 7, 99, 1000, 5999, 123_457}) {
        long previous = 0;
        for (long units = 1; units <= quantity; units++) {
          long share = ReturnBook.shareOfFirst(paid, quantity, units);
          long unit = share - previous;
          assertThat(unit).as("unit %d of %d over %d", units, quantity, paid).isBetween(paid / quantity, paid / quantity + 1);
          previous = share;
        }
        assertThat(previous).as("all %d units of %d", quantity, paid).isEqualTo(paid);
      }
    }
  }

  @Test
  void returnIdsCarryTheirOrderAndNothingElseIsTakenForOne() {
    String id = ReturnIds.forRequest("9f1c-order-1", "command-1");
    assertThat(id).matches("9f1c-order-1\\.r[0-9a-f]{12}");
    assertThat(ReturnIds.orderOf(id)).contains("9f1c-order-1");
    assertThat(ReturnIds.forRequest("9f1c-order-1", "command-1")).isEqualTo(id);
    assertThat(ReturnIds.forRequest("9f1c-order-1", "command-2")).isNotEqualTo(id);
    assertThat(ReturnIds.orderOf("5c0ffee0-1234-5678-9abc-def012345678")).isEmpty();
    assertThat(ReturnIds.orderOf("a/b.r000000000000")).isEmpty();
    assertThat(ReturnIds.orderOf(null)).isEmpty();
  }
}
