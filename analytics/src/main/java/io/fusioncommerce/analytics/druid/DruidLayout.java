package io.fusioncommerce.analytics.druid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where embedded Druid keeps everything, all under one directory, so a restart finds what it ingested. */
record DruidLayout(Path root) {

  /** ZooKeeper's data: emptied at every start (Druid keeps nothing there that must survive). */
  Path zookeeper() {
    return root.resolve("zookeeper");
  }

  /** Derby: supervisors, segments' metadata, tasks, rules. */
  Path metadata() {
    return root.resolve("metadata");
  }

  /** Local deep storage: every published segment. */
  Path deepStorage() {
    return root.resolve("segments");
  }

  Path segmentCache() {
    return root.resolve("segment-cache");
  }

  Path tasks() {
    return root.resolve("tasks");
  }

  Path taskLogs() {
    return root.resolve("task-logs");
  }

  Path conf(String service) {
    return root.resolve("conf").resolve(service);
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path tmp() {
    return root.resolve("tmp");
  }

  /** Empty: extensions come from the class path. */
  Path extensions() {
    return root.resolve("extensions");
  }

  Path pids() {
    return root.resolve("pids");
  }

  void clearZookeeper() {
    if (!Files.isDirectory(zookeeper())) {
      return;
    }
    try (var paths = Files.walk(zookeeper())) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + zookeeper(), e);
    }
  }

  void create() {
    try {
      for (Path dir : new Path[] {root, zookeeper(), deepStorage(), segmentCache(), tasks(), taskLogs(), logs(), tmp(),
          extensions(), pids()}) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Druid's directories under " + root, e);
    }
  }
}
