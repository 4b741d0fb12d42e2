package io.fusioncommerce.topologies.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor node that only sweeps stores: connected to the stores it keeps bounded and fed by the
 * same source as the processor that writes them (so it lives in the same task), it ignores records
 * and, every {@code interval} of stream time, runs each {@link StoreRetention} once.
 *
 * <p>Kept apart from the business processors so retention can be added to a topology without
 * touching its rules.
 */
public final class RetentionProcessor<K, V> implements Processor<K, V, Void, Void> {

  private final Duration interval;
  private final Function<ProcessorContext<Void, Void>, List<StoreRetention<?, ?>>> sweeps;

  public RetentionProcessor(Duration interval,
      Function<ProcessorContext<Void, Void>, List<StoreRetention<?, ?>>> sweeps) {
    this.interval = interval;
    this.sweeps = sweeps;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    List<StoreRetention<?, ?>> retentions = sweeps.apply(context);
    context.schedule(interval, PunctuationType.STREAM_TIME, streamTime -> retentions.forEach(r -> r.sweep(streamTime)));
  }

  @Override
  public void process(Record<K, V> record) {
    // nothing: the records only move stream time forward
  }
}
