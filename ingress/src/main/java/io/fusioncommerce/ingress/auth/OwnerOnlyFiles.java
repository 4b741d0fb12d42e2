package io.fusioncommerce.ingress.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Secrets kept in the data dir (signing keys): created readable by their owner only from the first
 * byte, never chmod-ed after the fact, and replaced atomically so a crash leaves the old file or the
 * new one, never half of one.
 */
public final class OwnerOnlyFiles {

  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Writes {@code content} to {@code file} (created {@code rw-------}, its new directories {@code rwx------}). */
  public static void writeAtomically(Path file, String content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory, attribute(directory, OWNER_DIRECTORY));
    }
    Path tmp = directory.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // a leftover of a crash: its permissions are not to be trusted
    try {
      Files.createFile(tmp, attribute(directory, OWNER_FILE));
    } catch (FileAlreadyExistsException raced) {
      throw new IOException("another process is writing " + file, raced);
    }
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Narrows an existing file to {@code rw-------}.
   *
   * @return true when its permissions were wider and have been narrowed
   */
  public static boolean restrict(Path file) throws IOException {
    if (!posix(file)) {
      return false;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> wider = EnumSet.copyOf(current);
    wider.removeAll(OWNER_FILE);
    if (wider.isEmpty()) {
      return false;
    }
    Files.setPosixFilePermissions(file, OWNER_FILE);
    return true;
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attribute(Path near, Set<PosixFilePermission> permissions) {
    // file systems without POSIX permissions (Windows) get their default ACLs
    return posix(near) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
