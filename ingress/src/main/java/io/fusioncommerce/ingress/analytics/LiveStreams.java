package io.fusioncommerce.ingress.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveFiguresSource;
import io.fusioncommerce.ingress.http.TenantSlots;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open live-figure streams of this node, per tenant. One ticker thread reads each tenant's figures
 * once per refresh, however many of its streams are open, and pushes them to the tenant's streams when
 * they changed (so at most once per refresh: changes in between are coalesced); it sends every stream a
 * heartbeat comment now and then. Writes run on a virtual thread per stream with at most one write in
 * flight and only the newest figures pending, so a client that does not read holds up nobody but itself
 * (its write fails at the server's idle timeout and its stream is closed). The ticker runs only while a
 * stream is open.
 */
final class LiveStreams {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
  static final String FIGURES_EVENT = "figures";

  private final LiveFiguresSource source;
  private final LiveSettings settings;
  private final ObjectMapper json;
  private final ConcurrentHashMap<String, TenantFeed> feeds = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor ticker;
  private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("live-stream-", 0).factory());
  private int open;
  private ScheduledFuture<?> refreshing;
  private ScheduledFuture<?> heartbeats;

  LiveStreams(LiveFiguresSource source, LiveSettings settings, ObjectMapper json) {
    this.source = source;
    this.settings = settings;
    this.json = json;
    this.ticker = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("live-figures").daemon().factory());
    ticker.setRemoveOnCancelPolicy(true);
    ticker.setKeepAliveTime(30, TimeUnit.SECONDS);
    ticker.allowCoreThreadTimeOut(true); // no thread at all while no stream is open
  }

  /** The figures last pushed to a tenant's streams, and those streams. */
  private static final class TenantFeed {
    final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    /** Touched by the ticker thread only. */
    LiveFigures last;
    String lastJson;
  }

  /** Serves {@code client} the figures of {@code tenant} until it goes away; then frees {@code slot}. */
  void open(String tenant, TenantSlots.Slot slot, EventStreamResponse client) {
    Stream stream = new Stream(client);
    client.onClose(() -> close(tenant, stream, slot));
    feeds.compute(tenant, (t, feed) -> { // atomic with close's removal of an emptied feed
      TenantFeed joined = feed == null ? new TenantFeed() : feed;
      joined.streams.add(stream);
      return joined;
    });
    started();
    ticker.execute(() -> refresh(tenant)); // the first event at once, not on the next tick
  }

  private void close(String tenant, Stream stream, TenantSlots.Slot slot) {
    feeds.computeIfPresent(tenant, (t, feed) -> {
      feed.streams.remove(stream);
      return feed.streams.isEmpty() ? null : feed;
    });
    slot.close();
    stopped();
  }

  private synchronized void started() {
    if (open++ == 0) {
      long refresh = settings.refresh().toMillis();
      long heartbeat = settings.heartbeat().toMillis();
      refreshing = ticker.scheduleWithFixedDelay(this::refreshAll, refresh, refresh, TimeUnit.MILLISECONDS);
      heartbeats = ticker.scheduleAtFixedRate(this::heartbeatAll, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void stopped() {
    if (--open == 0) {
      refreshing.cancel(false);
      heartbeats.cancel(false);
    }
  }

  private void refreshAll() {
    feeds.keySet().forEach(this::refresh);
  }

  private void heartbeatAll() {
    feeds.values().forEach(feed -> feed.streams.forEach(Stream::heartbeat));
  }

  /** Reads the tenant's figures; pushes them to each stream that has not had them yet. On the ticker thread. */
  private void refresh(String tenant) {
    TenantFeed feed = feeds.get(tenant);
    if (feed == null) {
      return;
    }
    read(tenant).ifPresent(figures -> {
      if (feed.last == null || !sameFigures(feed.last, figures)) {
        try {
          feed.lastJson = json.writeValueAsString(figures);
          feed.last = figures;
        } catch (JsonProcessingException e) {
          LOG.warn("live figures of {} could not be written as JSON", tenant, e);
        }
      }
    });
    if (feed.lastJson != null) {
      String current = feed.lastJson;
      feed.streams.forEach(stream -> stream.figures(current));
    }
  }

  /** The tenant's figures, never another tenant's, whatever the source answers; empty when unreadable now. */
  private Optional<LiveFigures> read(String tenant) {
    try {
      return source.figures(tenant).filter(figures -> tenant.equals(figures.tenantId()));
    } catch (RuntimeException unreadable) {
      LOG.debug("live figures of {} unreadable now", tenant, unreadable);
      return Optional.empty();
    }
  }

  /** Equal but for the time they were read: such figures are not pushed again. */
  private static boolean sameFigures(LiveFigures a, LiveFigures b) {
    return withoutTime(a).equals(withoutTime(b));
  }

  private static LiveFigures withoutTime(LiveFigures figures) {
    return new LiveFigures(figures.tenantId(), Instant.EPOCH, figures.minutes(), figures.lowStock(), figures.campaigns());
  }

  /** One client's stream: at most one write in flight, only the newest figures waiting. */
  private final class Stream {
    private final EventStreamResponse client;
    private final AtomicReference<String> pendingFigures = new AtomicReference<>();
    private final AtomicBoolean pendingHeartbeat = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** The figures last handed to this stream (by identity); touched by the ticker thread only. */
    private String offered;

    Stream(EventStreamResponse client) {
      this.client = client;
    }

    void figures(String figuresJson) {
      if (figuresJson != offered) {
        offered = figuresJson;
        pendingFigures.set(figuresJson);
        drain();
      }
    }

    void heartbeat() {
      pendingHeartbeat.set(true);
      drain();
    }

    private boolean pending() {
      return pendingFigures.get() != null || pendingHeartbeat.get();
    }

    private void drain() {
      if (pending() && writing.compareAndSet(false, true)) {
        writers.execute(this::write);
      }
    }

    private void write() {
      try {
        while (!client.closed()) {
          String next = pendingFigures.getAndSet(null);
          if (next != null) {
            pendingHeartbeat.set(false); // an event is as good a sign of life as a comment
            client.event(FIGURES_EVENT, next);
          } else if (pendingHeartbeat.getAndSet(false)) {
            client.comment("heartbeat");
          } else {
            break;
          }
        }
      } finally {
        writing.set(false);
      }
      if (!client.closed()) {
        drain(); // something arrived after the loop looked
      }
    }
  }
}
