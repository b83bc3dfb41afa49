package org.stabilis.log.crypto;

import java.util.Arrays;

/** Minimal strict PEM (RFC 7468) codec for the two fixed-shape Ed25519 DER structures we use. */
final class Pem {
  private Pem() {}

  /** Returns the DER bytes inside a single PEM block with the given label. */
  static byte[] decode(String pem, String label) throws InvalidKeyException {
    if (pem == null) {
      throw new InvalidKeyException("PEM input is null");
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    String text = pem.strip();
    // RFC 7468 §2: a single block, encapsulation boundaries on their own lines.
    if (!text.startsWith(begin) || !text.endsWith(end)) {
      throw new InvalidKeyException("expected a PEM block \"" + begin + "\" ... \"" + end + "\"");
    }
    String body = text.substring(begin.length(), text.length() - end.length());
    if (body.contains("-----")) {
      throw new InvalidKeyException("PEM input contains more than one block or stray boundaries");
    }
    StringBuilder b64 = new StringBuilder();
    for (String line : body.split("\r?\n", -1)) {
      b64.append(line.strip());
    }
    try {
      return Base64s.decodeStrict(b64.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("PEM body is not valid base64: " + e.getMessage(), e);
    }
  }

  /** Encodes DER bytes as a PEM block with 64-character lines (RFC 7468 §2). */
  static String encode(byte[] der, String label) {
    String b64 = Base64s.encode(der);
    StringBuilder sb = new StringBuilder();
    sb.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    sb.append("-----END ").append(label).append("-----\n");
    return sb.toString();
  }

  /** Returns the bytes following {@code prefix} if {@code der} is exactly prefix plus n bytes. */
  static byte[] stripFixedPrefix(byte[] der, byte[] prefix, int n, String what)
      throws InvalidKeyException {
    if (der.length != prefix.length + n
        || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new InvalidKeyException(
          "not an Ed25519 " + what + " (OID 1.3.101.112, RFC 8410) in the expected DER form");
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
