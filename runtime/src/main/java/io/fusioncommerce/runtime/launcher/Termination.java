package io.fusioncommerce.runtime.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs the orderly shutdown on SIGTERM/SIGINT before the JVM's shutdown hooks start. Libraries we
 * embed register their own hooks (zonky stops Postgres, Connect stops itself), and hooks run
 * concurrently in no order; handling the signal first keeps our order: ingress, topologies, Connect,
 * registry, broker, Postgres.
 */
final class Termination {

  private Termination() {}

  static void onSignal(Runnable orderlyShutdown) {
    AtomicBoolean once = new AtomicBoolean();
    Runnable stopThenExit = () -> {
      if (once.compareAndSet(false, true)) {
        Thread.ofPlatform().name("fusion-shutdown").start(() -> {
          orderlyShutdown.run();
          System.exit(0);
        });
      }
    };
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stopThenExit.run());
    }
    // other exits (System.exit elsewhere) still stop the platform, if less orderly
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (once.compareAndSet(false, true)) {
        orderlyShutdown.run();
      }
    }, "fusion-shutdown-hook"));
  }
}
