package io.fusioncommerce.topologies.support;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB's off-heap memory across every store of the process: one shared block cache, with
 * memtables charged to it. By default each store instance (one per store and partition) takes its own
 * 50 MB cache and 48 MB of memtables, which on a small machine is more than the whole heap.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
  static final long MEMTABLE_BYTES = 32L * 1024 * 1024;

  // RocksDB objects shared by every store of the JVM, by design of this recipe (Kafka Streams' memory
  // management guide): they are created once and live as long as the process.
  private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setTableFormatConfig(table);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(4L * 1024 * 1024);
  }

  @Override
  public void close(String storeName, Options options) {
    // the shared cache and write-buffer manager outlive any one store
  }
}
