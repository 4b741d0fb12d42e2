package io.fusioncommerce.runtime.launcher;

/**
 * Role mode: one part of a distributed deployment, with its endpoints from the environment. Only the
 * embedded mode runs in this repository's tests; see docs/runbook-distributed.md for the roles.
 */
final class RoleMode {

  private RoleMode() {}

  static int run(String role) {
    System.err.println("--role " + role + " is documented in docs/runbook-distributed.md but not implemented yet; "
        + "run without --role for the embedded platform.");
    return 2;
  }
}
