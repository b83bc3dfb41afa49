package org.stabilis.log.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (RFC 8032 §5.1.5): the 32-byte seed plus its derived public key.
 *
 * <p>Immutable and thread-safe. Signing is deterministic (RFC 8032 §5.1.6), so no randomness is
 * needed after generation. {@link #toString()} never reveals key material.
 */
public final class Ed25519PrivateKey {
  /** PKCS#8 v1 PrivateKeyInfo prefix for id-Ed25519 (RFC 8410 §7), as openssl genpkey writes it. */
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private final byte[] seed;
  private final Ed25519PublicKey publicKey;
  private final byte[] publicRaw;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed;
    byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
    // RFC 8032 §5.1.5: A = [s]B with s the pruned lower half of SHA-512(seed).
    Ed25519.generatePublicKey(seed, 0, pub, 0);
    try {
      this.publicKey = Ed25519PublicKey.fromRaw(pub);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("derived public key is invalid", e); // unreachable
    }
    this.publicRaw = pub;
  }

  /** Generates a new key from 32 bytes of {@code rnd} (RFC 8032 §5.1.5). */
  public static Ed25519PrivateKey generate(SecureRandom rnd) {
    Objects.requireNonNull(rnd, "rnd");
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    Ed25519.generatePrivateKey(rnd, seed);
    return new Ed25519PrivateKey(seed);
  }

  /**
   * Creates a key from its 32-byte seed (the RFC 8032 "private key"), e.g. for test vectors.
   *
   * @throws InvalidKeyException unless {@code seed} is exactly 32 bytes
   */
  public static Ed25519PrivateKey fromSeed(byte[] seed) throws InvalidKeyException {
    if (seed == null || seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new InvalidKeyException(
          "Ed25519 private key seed must be 32 bytes, got "
              + (seed == null ? "null" : seed.length));
    }
    return new Ed25519PrivateKey(seed.clone());
  }

  /**
   * Parses a {@code -----BEGIN PRIVATE KEY-----} PEM block holding an Ed25519 PKCS#8 v1
   * PrivateKeyInfo (RFC 8410 §7), as written by {@code openssl genpkey -algorithm ed25519}. The v2
   * form with an embedded public key is not accepted.
   *
   * @throws InvalidKeyException if the PEM, the DER structure or the algorithm is not that form
   */
  public static Ed25519PrivateKey fromPkcs8Pem(String pem) throws InvalidKeyException {
    byte[] der = Pem.decode(pem, "PRIVATE KEY");
    return new Ed25519PrivateKey(
        Pem.stripFixedPrefix(der, PKCS8_PREFIX, Ed25519.SECRET_KEY_SIZE, "PKCS#8 PrivateKeyInfo"));
  }

  /** Returns the PKCS#8 v1 PEM (RFC 8410 §7, RFC 7468 §10), byte-compatible with openssl. */
  public String toPkcs8Pem() {
    return Pem.encode(Pem.concat(PKCS8_PREFIX, seed), "PRIVATE KEY");
  }

  /**
   * Writes {@link #toPkcs8Pem()} to {@code file}, replacing it, readable and writable by its owner
   * only (mode 600 from its creation, where the file system has POSIX permissions), as every
   * private key on disk is.
   */
  public void writePkcs8Pem(Path file) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, toPkcs8Pem(), StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Signs {@code message} with pure Ed25519 (RFC 8032 §5.1.6); returns the 64-byte signature. */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    // RFC 8032 §5.1.6: pure Ed25519, no context, no prehash.
    Ed25519.sign(seed, 0, publicRaw, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** Returns the matching public key. */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** Names the public key only; the private key is never printed. */
  @Override
  public String toString() {
    return "Ed25519PrivateKey[public=" + publicKey.base64() + "]";
  }
}
