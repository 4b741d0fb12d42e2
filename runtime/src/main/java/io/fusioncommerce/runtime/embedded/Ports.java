package io.fusioncommerce.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for internal listeners, so parallel runs never collide. */
public final class Ports {
  private Ports() {}

  /** {@code requested} when it is set, otherwise a port the OS reports free right now. */
  public static int orFree(int requested) {
    return requested > 0 ? requested : free();
  }

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
