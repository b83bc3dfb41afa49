package org.stabilis.log.merkle;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root.
 *
 * <p>Instances never share their byte array with callers, so a {@code Hash} handed to another
 * component cannot be altered behind its back.
 */
public final class Hash {

  /** Length in bytes of every value, fixed by the SHA-256 choice of RFC 9162 §2.1. */
  public static final int LENGTH = 32;

  private final byte[] value;

  private Hash(byte[] value) {
    this.value = value;
  }

  /**
   * @param bytes exactly {@value #LENGTH} bytes; copied
   * @throws IllegalArgumentException if {@code bytes} is null or not {@value #LENGTH} bytes long
   */
  public static Hash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a hash is "
              + LENGTH
              + " bytes, got "
              + (bytes == null ? "null" : bytes.length + " bytes"));
    }
    return new Hash(bytes.clone());
  }

  /**
   * @param text standard base64 with padding, as produced by {@link #base64()}
   * @throws IllegalArgumentException if {@code text} is not canonical padded base64 of 32 bytes
   */
  public static Hash fromBase64(String text) {
    if (text == null) {
      throw new IllegalArgumentException("base64 hash is null");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: \"" + text + "\"", e);
    }
    Hash hash = of(decoded);
    // The JDK decoder tolerates missing padding and non-zero trailing bits; a log that signs
    // over encoded hashes must not accept two spellings of one value.
    if (!hash.base64().equals(text)) {
      throw new IllegalArgumentException("not canonical padded base64: \"" + text + "\"");
    }
    return hash;
  }

  /**
   * @param text 64 hexadecimal digits, either case
   * @throws IllegalArgumentException if {@code text} is not 64 hexadecimal digits
   */
  public static Hash fromHex(String text) {
    if (text == null) {
      throw new IllegalArgumentException("hex hash is null");
    }
    try {
      return of(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a 32-byte hex hash: \"" + text + "\"", e);
    }
  }

  /**
   * @return a fresh copy of the 32 bytes
   */
  public byte[] bytes() {
    return value.clone();
  }

  /**
   * @return standard base64 with padding (RFC 4648 §4)
   */
  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  /**
   * @return 64 lower-case hexadecimal digits
   */
  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  /** Feeds the value to a digest without exposing the internal array. */
  void updateDigest(MessageDigest digest) {
    digest.update(value);
  }

  @Override
  public boolean equals(Object other) {
    // Constant time so comparing a computed root against a claimed one leaks nothing useful.
    return other instanceof Hash that && MessageDigest.isEqual(value, that.value);
  }

  @Override
  public int hashCode() {
    // SHA-256 output is uniformly distributed, so any four bytes make a good bucket key.
    return (value[0] & 0xff) << 24
        | (value[1] & 0xff) << 16
        | (value[2] & 0xff) << 8
        | (value[3] & 0xff);
  }

  @Override
  public String toString() {
    return hex();
  }

  static Hash wrap(byte[] freshDigest) {
    Objects.requireNonNull(freshDigest);
    if (freshDigest.length != LENGTH) {
      throw new IllegalStateException("digest produced " + freshDigest.length + " bytes");
    }
    return new Hash(freshDigest);
  }
}
