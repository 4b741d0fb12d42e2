package io.fusioncommerce.runtime.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode serves the development token issuer ({@code POST /v1/auth/dev-token}), which hands out
 * an admin token of any tenant to whoever asks. On loopback only this machine can ask; bound to any
 * other interface the whole network can, so that takes an explicit
 * {@code --allow-remote-dev-tokens} ({@code FUSION_ALLOW_REMOTE_DEV_TOKENS=true}) and is logged as a warning.
 */
final class DevTokenExposure {

  private static final Logger LOG = LoggerFactory.getLogger(DevTokenExposure.class);

  private DevTokenExposure() {}

  /** @throws IllegalArgumentException when {@code host} is not loopback and remote dev tokens are not allowed */
  static void check(String host, boolean allowRemote) {
    if (isLoopback(host)) {
      return;
    }
    if (!allowRemote) {
      throw new IllegalArgumentException("--host " + host + " would let anyone on the network mint admin tokens "
          + "through the development token issuer (POST /v1/auth/dev-token). Bind to 127.0.0.1, use role mode "
          + "with an identity provider, or pass --allow-remote-dev-tokens (FUSION_ALLOW_REMOTE_DEV_TOKENS=true) "
          + "on a network you trust.");
    }
    LOG.atWarn().addKeyValue("host", host).log("the development token issuer is reachable from the network: "
        + "anyone who reaches this address can mint an admin token of any tenant");
  }

  static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false; // cannot tell: treat as exposed
    }
  }
}
