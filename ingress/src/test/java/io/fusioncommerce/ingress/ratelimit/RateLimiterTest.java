package io.fusioncommerce.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The limiter's policy on a clock the test moves: no wall-clock time involved. */
class RateLimiterTest {

  private static final Optional<String> ACME = Optional.of("acme");
  private static final Optional<String> GLOBEX = Optional.of("globex");

  private final ManualTimeMeter time = new ManualTimeMeter();

  private RateLimiter limiter(RateLimit caller, RateLimit tenant, Map<String, RateLimitSettings.TenantLimits> tenants,
      long maxCallers) {
    return new RateLimiter(new RateLimitSettings(true, caller, tenant, tenants, maxCallers), time);
  }

  private static long allowed(RateLimiter limiter, Optional<String> tenant, String caller, int attempts) {
    return IntStream.range(0, attempts).filter(i -> limiter.tryAcquire(tenant, caller).allowed()).count();
  }

  @Test
  void aCallerGetsItsBurstThenWaitsForTheRefill() {
    RateLimiter limiter = limiter(new RateLimit(2, 5), new RateLimit(1000, 1000), Map.of(), 100);

    assertThat(allowed(limiter, ACME, "alice", 5)).isEqualTo(5);
    RateLimiter.Decision refused = limiter.tryAcquire(ACME, "alice");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.scope()).isEqualTo("caller");
    assertThat(refused.limit()).isEqualTo(5);
    // 2 a second: the next token comes in half a second, which Retry-After rounds up to one whole second
    assertThat(refused.nanosToWait()).isEqualTo(500_000_000L);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    time.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire(ACME, "alice").allowed()).isFalse();
    time.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire(ACME, "alice").allowed()).isTrue();
    assertThat(limiter.tryAcquire(ACME, "alice").allowed()).isFalse();

    time.advance(Duration.ofSeconds(10)); // refills up to the burst, not beyond
    assertThat(allowed(limiter, ACME, "alice", 10)).isEqualTo(5);
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUp() {
    RateLimiter limiter = limiter(new RateLimit(1, 1), new RateLimit(1000, 1000), Map.of(), 100);
    limiter.tryAcquire(ACME, "alice");
    time.advance(Duration.ofMillis(1));
    RateLimiter.Decision refused = limiter.tryAcquire(ACME, "alice");
    assertThat(refused.nanosToWait()).isEqualTo(999_000_000L);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    RateLimiter slow = limiter(new RateLimit(1, 1), new RateLimit(1000, 1000),
        Map.of("acme", new RateLimitSettings.TenantLimits(new RateLimit(1, 1), new RateLimit(1, 1))), 100);
    assertThat(slow.tryAcquire(ACME, "a").allowed()).isTrue();
    RateLimiter.Decision byTenant = slow.tryAcquire(ACME, "b");
    assertThat(byTenant.scope()).isEqualTo("tenant");
    assertThat(byTenant.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void callersOfOneTenantShareItsBucketAndOtherTenantsAreUnaffected() {
    RateLimiter limiter = limiter(new RateLimit(100, 100), new RateLimit(1, 10), Map.of(), 100);

    assertThat(allowed(limiter, ACME, "alice", 6)).isEqualTo(6);
    assertThat(allowed(limiter, ACME, "bob", 6)).isEqualTo(4);
    RateLimiter.Decision refused = limiter.tryAcquire(ACME, "carol");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.scope()).isEqualTo("tenant");

    assertThat(allowed(limiter, GLOBEX, "alice", 10)).isEqualTo(10);
  }

  @Test
  void aThrottledCallerDoesNotDrainItsTenantsBucket() {
    RateLimiter limiter = limiter(new RateLimit(1, 2), new RateLimit(1, 5), Map.of(), 100);

    assertThat(allowed(limiter, ACME, "greedy", 1000)).isEqualTo(2);
    // the 998 refused requests took nothing from the tenant: three tokens are left for the others
    assertThat(allowed(limiter, ACME, "alice", 2) + allowed(limiter, ACME, "bob", 2)).isEqualTo(3);
  }

  @Test
  void aCallerRefusedByTheTenantGetsItsOwnTokenBack() {
    RateLimiter limiter = limiter(new RateLimit(1, 3), new RateLimit(1, 2), Map.of(), 100);
    assertThat(allowed(limiter, ACME, "bob", 2)).isEqualTo(2);
    assertThat(limiter.tryAcquire(ACME, "alice").scope()).isEqualTo("tenant");
    time.advance(Duration.ofSeconds(2)); // the tenant refills 2; alice's bucket was full (3) all along
    assertThat(allowed(limiter, ACME, "alice", 3)).isEqualTo(2);
    time.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire(ACME, "alice").allowed()).isTrue();
  }

  @Test
  void aTenantOverrideReplacesTheDefaults() {
    RateLimiter limiter = limiter(new RateLimit(1, 2), new RateLimit(1, 100),
        Map.of("acme", new RateLimitSettings.TenantLimits(new RateLimit(1, 100), new RateLimit(1, 50))), 100);
    assertThat(allowed(limiter, ACME, "alice", 60)).isEqualTo(50);
    assertThat(allowed(limiter, GLOBEX, "alice", 60)).isEqualTo(2);
  }

  @Test
  void anonymousCallersHaveOnlyTheirAddressBucket() {
    RateLimiter limiter = limiter(new RateLimit(1, 3), new RateLimit(1, 1), Map.of(), 100);
    assertThat(allowed(limiter, Optional.empty(), "addr:10.0.0.1", 5)).isEqualTo(3);
    assertThat(allowed(limiter, Optional.empty(), "addr:10.0.0.2", 5)).isEqualTo(3);
  }

  @Test
  void aMillionDistinctCallersDoNotGrowTheBucketsPastTheBound() {
    RateLimiter limiter = limiter(new RateLimit(1, 1), new RateLimit(1_000_000, 1_000_000), Map.of(), 1_000);
    for (int i = 0; i < 1_000_000; i++) {
      limiter.tryAcquire(ACME, "caller-" + i);
    }
    assertThat(limiter.trackedCallers()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void idleBucketsAreDroppedOnceTheyWouldHaveRefilled() {
    RateLimiter limiter = limiter(new RateLimit(1, 2), new RateLimit(1, 2), Map.of(), 100);
    limiter.tryAcquire(ACME, "alice");
    assertThat(limiter.trackedCallers()).isEqualTo(1);
    time.advance(Duration.ofSeconds(3)); // the slowest bucket refills in 2 s
    assertThat(limiter.trackedCallers()).isZero();
    assertThat(allowed(limiter, ACME, "alice", 3)).isEqualTo(2);
  }

  @Test
  void aDisabledLimiterNeverRefuses() {
    RateLimiter limiter = new RateLimiter(RateLimitSettings.fromEnvironment(
        Map.of(RateLimitSettings.ENABLED_VARIABLE, "false", RateLimitSettings.CALLER_VARIABLE, "1:1")), time);
    assertThat(allowed(limiter, ACME, "alice", 100)).isEqualTo(100);
  }

  @Test
  void settingsAreReadFromTheEnvironment() {
    RateLimitSettings defaults = RateLimitSettings.fromEnvironment(Map.of());
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.perCaller()).isEqualTo(RateLimitSettings.DEFAULT_PER_CALLER);
    assertThat(defaults.perTenant()).isEqualTo(RateLimitSettings.DEFAULT_PER_TENANT);

    RateLimitSettings set = RateLimitSettings.fromEnvironment(Map.of(
        RateLimitSettings.CALLER_VARIABLE, "10",
        RateLimitSettings.TENANT_VARIABLE, "100:150",
        RateLimitSettings.TENANTS_VARIABLE, "acme=5000:10000/500:1000; globex=20",
        RateLimitSettings.MAX_CALLERS_VARIABLE, "5000"));
    assertThat(set.perCaller()).isEqualTo(new RateLimit(10, 20));
    assertThat(set.perTenant()).isEqualTo(new RateLimit(100, 150));
    assertThat(set.limitsOf("acme")).isEqualTo(
        new RateLimitSettings.TenantLimits(new RateLimit(5000, 10000), new RateLimit(500, 1000)));
    assertThat(set.limitsOf("globex")).isEqualTo(
        new RateLimitSettings.TenantLimits(new RateLimit(20, 40), new RateLimit(10, 20)));
    assertThat(set.limitsOf("initech")).isEqualTo(
        new RateLimitSettings.TenantLimits(new RateLimit(100, 150), new RateLimit(10, 20)));
    assertThat(set.maxTrackedCallers()).isEqualTo(5000);

    assertThatThrownBy(() -> RateLimitSettings.fromEnvironment(Map.of(RateLimitSettings.CALLER_VARIABLE, "lots")))
        .hasMessageContaining(RateLimitSettings.CALLER_VARIABLE);
    assertThatThrownBy(() -> RateLimitSettings.fromEnvironment(Map.of(RateLimitSettings.TENANTS_VARIABLE, "acme")))
        .hasMessageContaining("tenant=TENANT_LIMIT");
    assertThatThrownBy(() -> RateLimitSettings.fromEnvironment(Map.of(RateLimitSettings.TENANT_VARIABLE, "0")))
        .hasMessageContaining(RateLimitSettings.TENANT_VARIABLE);
  }
}
