package io.fusioncommerce.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Makes sure a child process (Postgres, the schema registry) never outlives the launcher, even when
 * the launcher is killed with SIGKILL and its shutdown hooks never run: a tiny shell watches the
 * launcher and signals the child the moment the launcher is gone.
 *
 * <p>The shell is the launcher's own child; when the launcher dies the kernel re-parents it at once
 * (even while the dead launcher is still an unreaped zombie), which is what it watches for.
 */
public final class OrphanGuard {

  private OrphanGuard() {}

  /**
   * @param childPid the process to stop when the launcher is gone
   * @param signal the signal that shuts it down cleanly (INT for Postgres: fast shutdown; TERM for a JVM)
   */
  public static Process watch(long childPid, String signal) {
    long launcher = ProcessHandle.current().pid();
    String script =
        "while [ \"$(cut -d' ' -f4 /proc/$$/stat 2>/dev/null)\" = \"" + launcher + "\" ]; do sleep 0.3; done; "
            + "kill -" + signal + " " + childPid + " 2>/dev/null";
    try {
      return new ProcessBuilder(List.of("/bin/sh", "-c", script))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the orphan guard for pid " + childPid, e);
    }
  }
}
