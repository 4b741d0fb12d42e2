package io.fusioncommerce.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whoever reads the development signing key mints admin tokens: it is its owner's alone. */
class DevTokenIssuerTest {

  @TempDir Path dir;

  @Test
  void aNewKeyAndItsDirectoryAreOwnerOnly() throws Exception {
    Path key = dir.resolve("keys").resolve("dev-issuer.jwk.json");
    DevTokenIssuer.loadOrCreate(key, Clock.systemUTC());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
    assertThat(key.resolveSibling("dev-issuer.jwk.json.tmp")).doesNotExist();
  }

  @Test
  void anExistingKeyReadableByOthersIsNarrowedAndStillSigns() throws Exception {
    Path key = dir.resolve("dev-issuer.jwk.json");
    DevTokenIssuer first = DevTokenIssuer.loadOrCreate(key, Clock.systemUTC());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    DevTokenIssuer again = DevTokenIssuer.loadOrCreate(key, Clock.systemUTC());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String token = first.issue("u1", "acme", List.of("admin"), null, null, Duration.ofMinutes(5));
    TokenVerifier verifier = new TokenVerifier(again.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE);
    assertThat(verifier.verify(token).tenantId()).isEqualTo("acme");
  }

  @Test
  void aLeftoverTemporaryFileWithWidePermissionsIsNotReused() throws Exception {
    Path key = dir.resolve("k.json");
    Path tmp = dir.resolve("k.json.tmp");
    Files.writeString(tmp, "half a key");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-rw-rw-"));
    DevTokenIssuer.loadOrCreate(key, Clock.systemUTC());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }
}
