package io.fusioncommerce.topologies.promotions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A discount split over lines never loses or invents a minor unit, and no line gets more than it costs. */
class DiscountAllocationPropertyTest {

  record Case(long discount, List<Long> amounts) {}

  @Provide
  Arbitrary<Case> discountsOverLines() {
    Arbitrary<List<Long>> amounts = Arbitraries.longs().between(0, 10_000_000).list().ofMinSize(1).ofMaxSize(100);
    return amounts.flatMap(lines -> {
      long sum = lines.stream().mapToLong(Long::longValue).sum();
      return Arbitraries.longs().between(0, sum).map(discount -> new Case(discount, lines));
    });
  }

  @Property(tries = 2000)
  void sharesAlwaysAddUpToTheDiscountAndStayWithinEachLine(@ForAll("discountsOverLines") Case c) {
    List<Long> shares = DiscountAllocation.allocate(c.discount(), c.amounts());
    assertThat(shares).hasSameSizeAs(c.amounts());
    assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(c.discount());
    for (int i = 0; i < shares.size(); i++) {
      assertThat(shares.get(i)).isBetween(0L, c.amounts().get(i));
    }
  }

  @Property(tries = 500)
  void sharesAreWithinOneUnitOfTheExactProportion(@ForAll("discountsOverLines") Case c) {
    List<Long> shares = DiscountAllocation.allocate(c.discount(), c.amounts());
    long sum = c.amounts().stream().mapToLong(Long::longValue).sum();
    if (sum == 0) {
      return;
    }
    for (int i = 0; i < shares.size(); i++) {
      // |share − discount × amount / sum| < 1, in integers: |share × sum − discount × amount| < sum
      BigInteger gap = BigInteger.valueOf(shares.get(i)).multiply(BigInteger.valueOf(sum))
          .subtract(BigInteger.valueOf(c.discount()).multiply(BigInteger.valueOf(c.amounts().get(i)))).abs();
      assertThat(gap).isLessThan(BigInteger.valueOf(sum));
    }
  }

  @Example
  void aThirdOffThreeEqualLinesGivesTheRemainderToTheFirst() {
    assertThat(DiscountAllocation.allocate(100, List.of(1000L, 1000L, 1000L))).containsExactly(34L, 33L, 33L);
    assertThat(DiscountAllocation.allocate(0, List.of(5L, 7L))).containsExactly(0L, 0L);
    assertThat(DiscountAllocation.allocate(3, List.of(0L, 0L))).containsExactly(2L, 1L);
  }
}
