package org.stabilis.log.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), validated at creation.
 *
 * <p>Guarantees: an instance always holds a canonical 32-byte encoding of a point on edwards25519
 * that lies in the prime-order subgroup; in particular none of the eight small-order (torsion)
 * points, nor any non-canonical encoding, is ever accepted. {@link #verify} accepts only 64-byte
 * signatures with canonical {@code S < L} and a canonically encoded {@code R}.
 *
 * <p>Immutable and thread-safe. The decoded point is precomputed once, so {@link #verify} does not
 * decompress the key on every call. Equality is on the 32 raw bytes.
 */
public final class Ed25519PublicKey {
  /**
   * SubjectPublicKeyInfo prefix for id-Ed25519 (RFC 8410 §4): SEQ{SEQ{OID 1.3.101.112}, BIT
   * STRING}.
   */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032
   * §5.1).
   */
  private static final byte[] L_LE =
      HexFormat.of().parseHex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

  static {
    Ed25519.precompute();
  }

  private final byte[] raw;
  private final Ed25519.PublicPoint point;

  private Ed25519PublicKey(byte[] raw, Ed25519.PublicPoint point) {
    this.raw = raw;
    this.point = point;
  }

  /**
   * Creates a key from its 32-byte RFC 8032 §5.1.2 encoding.
   *
   * @throws InvalidKeyException unless {@code raw} is 32 bytes encoding a point of prime order L
   *     (rejects off-curve values, non-canonical encodings, and small-order points)
   */
  public static Ed25519PublicKey fromRaw(byte[] raw) throws InvalidKeyException {
    if (raw == null || raw.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new InvalidKeyException(
          "Ed25519 public key must be 32 bytes, got " + (raw == null ? "null" : raw.length));
    }
    byte[] copy = raw.clone();
    // RFC 8032 §5.1.3 decoding plus full validation: canonical y < p, point on curve,
    // and [L]A = identity with A not of small order (rejects the 8-torsion points).
    Ed25519.PublicPoint p = Ed25519.validatePublicKeyFullExport(copy, 0);
    if (p == null) {
      throw new InvalidKeyException(
          "not a valid Ed25519 public key (non-canonical, not on the curve, or of small order)");
    }
    return new Ed25519PublicKey(copy, p);
  }

  /**
   * Creates a key from standard padded base64 (RFC 4648 §4) of the 32 raw bytes.
   *
   * @throws InvalidKeyException if the text is not strict base64 or the key is invalid
   */
  public static Ed25519PublicKey fromBase64(String base64) throws InvalidKeyException {
    byte[] raw;
    try {
      raw = Base64s.decodeStrict(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("Ed25519 public key: " + e.getMessage(), e);
    }
    return fromRaw(raw);
  }

  /**
   * Parses a {@code -----BEGIN PUBLIC KEY-----} PEM block holding an Ed25519 SubjectPublicKeyInfo
   * (RFC 8410 §4), as written by {@code openssl pkey -pubout}.
   *
   * @throws InvalidKeyException if the PEM, the DER structure, the algorithm or the key is invalid
   */
  public static Ed25519PublicKey fromSpkiPem(String pem) throws InvalidKeyException {
    byte[] der = Pem.decode(pem, "PUBLIC KEY");
    return fromRaw(
        Pem.stripFixedPrefix(der, SPKI_PREFIX, Ed25519.PUBLIC_KEY_SIZE, "SubjectPublicKeyInfo"));
  }

  /** Returns a copy of the 32-byte encoding. */
  public byte[] raw() {
    return raw.clone();
  }

  /** Returns the 32-byte encoding as standard padded base64. */
  public String base64() {
    return Base64s.encode(raw);
  }

  /** Returns the SubjectPublicKeyInfo PEM (RFC 8410 §4, RFC 7468 §13), as openssl writes it. */
  public String toSpkiPem() {
    return Pem.encode(Pem.concat(SPKI_PREFIX, raw), "PUBLIC KEY");
  }

  /**
   * Verifies a pure Ed25519 signature (RFC 8032 §5.1.7) over {@code message}. Returns normally only
   * if the signature is valid.
   *
   * @throws BadSignatureException if the signature is not 64 bytes, has non-canonical {@code S >=
   *     L}, a non-canonical {@code R}, or fails the verification equation
   */
  public void verify(byte[] message, byte[] signature) throws BadSignatureException {
    if (message == null) {
      throw new NullPointerException("message");
    }
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new BadSignatureException(
          "Ed25519 signature must be 64 bytes, got "
              + (signature == null ? "null" : signature.length));
    }
    // RFC 8032 §5.1.7 step 1: reject S outside 0 <= S < L (signature malleability).
    if (!scalarIsCanonical(signature)) {
      throw new BadSignatureException("Ed25519 signature has non-canonical S (S >= L)");
    }
    // RFC 8032 §5.1.7 steps 1-3 (R decoding, k = SHA-512(R || A || M), [S]B = R + [k]A).
    if (!Ed25519.verify(signature, 0, point, message, 0, message.length)) {
      throw new BadSignatureException("Ed25519 signature does not verify");
    }
  }

  /** True iff the little-endian scalar in sig[32..64) is strictly less than L. */
  private static boolean scalarIsCanonical(byte[] sig) {
    for (int i = 31; i >= 0; i--) {
      int s = sig[32 + i] & 0xff;
      int l = L_LE[i] & 0xff;
      if (s != l) {
        return s < l;
      }
    }
    return false; // S == L
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(raw, k.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + base64() + "]";
  }
}
