package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.ingress.auth.OwnerOnlyFiles;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode's invite code secret: 32 random bytes generated on first start and kept in the data dir
 * like the development signing key (owner-only from creation, narrowed if found wider), so invite links
 * stay valid across restarts. Role mode takes {@code FUSION_INVITE_CODE_SECRET} instead.
 */
public final class InviteCodeSecret {

  private static final Logger LOG = LoggerFactory.getLogger(InviteCodeSecret.class);

  private InviteCodeSecret() {}

  public static InviteCodes loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        if (OwnerOnlyFiles.restrict(file)) {
          LOG.atWarn().addKeyValue("file", file).log("the invite code secret was readable by others; narrowed it");
        }
        return InviteCodes.withSecret(Base64.getDecoder().decode(Files.readString(file).strip()));
      }
      byte[] secret = new byte[InviteCodes.MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(secret);
      OwnerOnlyFiles.writeAtomically(file, Base64.getEncoder().encodeToString(secret));
      return InviteCodes.withSecret(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the invite code secret " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("invite code secret " + file + " is unusable: " + e.getMessage(), e);
    }
  }
}
