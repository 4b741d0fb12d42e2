package io.fusioncommerce.analytics.druid;

import java.util.Map;

/** The four Druid services of the embedded deployment. */
public enum DruidService {
  INDEXER("indexer", "768m", "128m"),
  BROKER("broker", "384m", "128m"),
  HISTORICAL("historical", "256m", "128m"),
  COORDINATOR("coordinator", "256m", "32m");

  private final String command;
  private final String heap;
  private final String directMemory;

  DruidService(String command, String heap, String directMemory) {
    this.command = command;
    this.heap = heap;
    this.directMemory = directMemory;
  }

  /** The argument of {@code org.apache.druid.cli.Main server ...}. */
  public String command() {
    return command;
  }

  String heap() {
    return heap;
  }

  String directMemory() {
    return directMemory;
  }

  /** Druid's name for the service, as it announces itself in ZooKeeper. */
  String serviceName() {
    return "druid/" + command;
  }

  boolean processesQueries() {
    return this != COORDINATOR;
  }

  /** What only this service needs; {@code layout} gives the directories under the data dir. */
  Map<String, String> properties(DruidLayout layout, int workerCapacity) {
    return switch (this) {
      case COORDINATOR -> Map.ofEntries(
          // the coordinator is the overlord too: one JVM fewer
          Map.entry("druid.coordinator.asOverlord.enabled", "true"),
          Map.entry("druid.coordinator.asOverlord.overlordService", "druid/overlord"),
          // the defaults (minutes) suit a cluster that runs for months, not one that starts with the launcher
          Map.entry("druid.coordinator.startDelay", "PT5S"),
          Map.entry("druid.coordinator.period", "PT5S"),
          Map.entry("druid.manager.segments.pollDuration", "PT5S"),
          Map.entry("druid.manager.rules.pollDuration", "PT5S"),
          Map.entry("druid.indexer.queue.startDelay", "PT1S"),
          Map.entry("druid.indexer.runner.type", "httpRemote"),
          Map.entry("druid.indexer.storage.type", "metadata"));
      case BROKER -> Map.of(
          "druid.broker.http.numConnections", "10",
          "druid.sql.enable", "true",
          "druid.sql.avatica.enable", "true",
          "druid.broker.cache.useCache", "false",
          "druid.broker.cache.populateCache", "false");
      case HISTORICAL -> Map.of(
          "druid.segmentCache.locations",
          "[{\"path\":\"" + layout.segmentCache() + "\",\"maxSize\":\"20g\"}]",
          "druid.server.maxSize", "20g",
          "druid.historical.cache.useCache", "false",
          "druid.historical.cache.populateCache", "false");
      case INDEXER -> Map.of(
          "druid.worker.capacity", Integer.toString(workerCapacity),
          "druid.indexer.task.baseTaskDir", layout.tasks().toString(),
          // a restarted indexer resumes its tasks from what they persisted instead of starting over
          "druid.indexer.task.restoreTasksOnRestart", "true",
          "druid.indexer.task.gracefulShutdownTimeout", "PT20S",
          "druid.realtime.cache.useCache", "false",
          "druid.realtime.cache.populateCache", "false");
    };
  }
}
