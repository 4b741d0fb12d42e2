package io.fusioncommerce.ingress.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Token buckets per caller and per tenant (Bucket4j), kept in bounded Caffeine caches: a flood of distinct
 * callers evicts the least recently used buckets instead of filling the heap.
 *
 * <p>A bucket is dropped once it has been idle for as long as the slowest configured bucket takes to refill,
 * so dropping an idle bucket never hands out a token its refill would not have. Only eviction by size (more
 * live callers than {@link RateLimitSettings#maxTrackedCallers()}) can reset a busy caller's bucket; the
 * tenant's bucket still bounds what all of them together may send.
 */
public final class RateLimiter {

  /** Tenants whose buckets are kept at most; tenants come from verified tokens, so this is a safety bound. */
  static final long MAX_TRACKED_TENANTS = 10_000;

  /** Whose bucket a request draws from: the caller (subject or address) within its tenant, if it has one. */
  private record CallerKey(String tenant, String caller) {}

  /**
   * The limiter's answer for one request.
   *
   * @param scope {@code caller} or {@code tenant}: which bucket decided
   * @param limit that bucket's burst size
   * @param remaining tokens left in that bucket
   * @param nanosToWait when refused, how long until a token is available
   */
  public record Decision(boolean allowed, String scope, long limit, long remaining, long nanosToWait) {
    static final Decision UNLIMITED = new Decision(true, "none", 0, 0, 0);

    /** Whole seconds to wait before retrying, rounded up (Retry-After takes whole seconds). */
    public long retryAfterSeconds() {
      return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
  }

  private final RateLimitSettings settings;
  private final TimeMeter time;
  private final Cache<CallerKey, Bucket> callers;
  private final Cache<String, Bucket> tenants;

  public RateLimiter(RateLimitSettings settings, TimeMeter time) {
    this.settings = settings;
    this.time = time;
    long idleNanos = Stream.concat(Stream.of(settings.perCaller(), settings.perTenant()),
            settings.tenants().values().stream().flatMap(t -> Stream.of(t.perCaller(), t.perTenant())))
        .mapToLong(RateLimit::nanosToRefill).max().orElse(1_000_000_000L);
    this.callers = Caffeine.newBuilder().maximumSize(settings.maxTrackedCallers())
        .expireAfterAccess(Duration.ofNanos(idleNanos)).ticker(time::currentTimeNanos).build();
    this.tenants = Caffeine.newBuilder().maximumSize(MAX_TRACKED_TENANTS)
        .expireAfterAccess(Duration.ofNanos(idleNanos)).ticker(time::currentTimeNanos).build();
  }

  /** From the environment, on the system's monotonic clock. */
  public static RateLimiter fromEnvironment(java.util.Map<String, String> env) {
    return new RateLimiter(RateLimitSettings.fromEnvironment(env), TimeMeter.SYSTEM_NANOTIME);
  }

  /** Never refuses: for test servers and tools that build an ingress without settings. */
  public static RateLimiter unlimited() {
    return new RateLimiter(RateLimitSettings.disabled(), TimeMeter.SYSTEM_NANOTIME);
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Takes one token for a request of {@code caller} in {@code tenant} (empty for anonymous routes, which have
   * only the caller's bucket). The caller's bucket is asked first, so a throttled caller does not drain the
   * bucket its tenant's other callers share; when the tenant's bucket refuses, the caller's token is returned.
   */
  public Decision tryAcquire(Optional<String> tenant, String caller) {
    if (!settings.enabled()) {
      return Decision.UNLIMITED;
    }
    RateLimitSettings.TenantLimits limits = settings.limitsOf(tenant.orElse(null));
    Bucket callerBucket = callers.get(new CallerKey(tenant.orElse(null), caller), key -> bucket(limits.perCaller()));
    ConsumptionProbe byCaller = callerBucket.tryConsumeAndReturnRemaining(1);
    if (!byCaller.isConsumed()) {
      return new Decision(false, "caller", limits.perCaller().burst(), 0, byCaller.getNanosToWaitForRefill());
    }
    if (tenant.isPresent()) {
      Bucket tenantBucket = tenants.get(tenant.get(), key -> bucket(limits.perTenant()));
      ConsumptionProbe byTenant = tenantBucket.tryConsumeAndReturnRemaining(1);
      if (!byTenant.isConsumed()) {
        callerBucket.addTokens(1);
        return new Decision(false, "tenant", limits.perTenant().burst(), 0, byTenant.getNanosToWaitForRefill());
      }
    }
    return new Decision(true, "caller", limits.perCaller().burst(), byCaller.getRemainingTokens(), 0);
  }

  /** How many callers' buckets are held now (after pending evictions): bounded by the settings. */
  long trackedCallers() {
    callers.cleanUp();
    return callers.estimatedSize();
  }

  private Bucket bucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(b -> b.capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }
}
