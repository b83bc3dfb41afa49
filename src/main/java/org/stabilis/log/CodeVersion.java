package org.stabilis.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The version of the code a snapshot was written by: the SHA-256 of the jar the projections are
 * loaded from, or, when they are loaded from a folder of class files, of every class file's path
 * and bytes in path order. Any change to the code (or to a library packed into the jar) changes it,
 * so a snapshot written by other code is never restored, even when its format looks the same.
 */
public final class CodeVersion {
  private static volatile String current;

  private CodeVersion() {}

  /** The version of the code this class was loaded with, as 64 hex digits; computed once. */
  public static String current() {
    String v = current;
    if (v == null) current = v = of(CodeVersion.class);
    return v;
  }

  /** The version of the jar or class folder {@code anchor} was loaded from. */
  static String of(Class<?> anchor) {
    Path where;
    try {
      where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot tell where " + anchor.getName() + " was loaded from: " + e.getMessage(), e);
    }
    MessageDigest sha = sha256();
    try {
      if (Files.isRegularFile(where)) {
        try (InputStream in = Files.newInputStream(where)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
        }
      } else {
        List<Path> classes;
        try (Stream<Path> s = Files.walk(where)) {
          classes =
              s.filter(p -> p.toString().endsWith(".class"))
                  .sorted(java.util.Comparator.comparing(p -> where.relativize(p).toString()))
                  .toList();
        }
        for (Path p : classes) {
          sha.update(
              where.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sha.update((byte) 0);
          sha.update(Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the code at " + where, e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
