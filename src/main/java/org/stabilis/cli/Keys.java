package org.stabilis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/** Writing private keys readable by their owner only. */
final class Keys {
  private Keys() {}

  static void writePrivate(Path file, Ed25519PrivateKey k) throws IOException {
    writeSecret(file, k.toPkcs8Pem());
  }

  private static void writeSecret(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
