package org.stabilis.log.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * Strict standard base64 (RFC 4648 §4): alphabet {@code A-Z a-z 0-9 + /}, always padded with {@code
 * =}, no line breaks or whitespace, and canonical (unused trailing bits must be zero), so every
 * byte string has exactly one accepted encoding.
 */
public final class Base64s {
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private Base64s() {}

  /** Encodes with the standard alphabet and padding (RFC 4648 §4). */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes standard padded base64, rejecting everything else.
   *
   * @throws IllegalArgumentException if {@code s} is null, not a multiple of 4 characters (e.g.
   *     padding missing), contains a character outside the standard alphabet (URL-safe {@code -} or
   *     {@code _}, whitespace, line breaks), has padding anywhere but the end, or is a
   *     non-canonical encoding (non-zero unused bits)
   */
  public static byte[] decodeStrict(String s) {
    if (s == null) {
      throw new IllegalArgumentException("base64: input is null");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        String what =
            (c == '-' || c == '_')
                ? " (URL-safe alphabet is not accepted)"
                : Character.isWhitespace(c) ? " (whitespace is not accepted)" : "";
        throw new IllegalArgumentException(
            String.format("base64: invalid character U+%04X at index %d%s", (int) c, i, what));
      }
    }
    // RFC 4648 §4: output is padded to a multiple of 4 characters.
    if (s.length() % 4 != 0) {
      throw new IllegalArgumentException(
          "base64: length "
              + s.length()
              + " is not a multiple of 4 (padding '=' missing or input truncated)");
    }
    byte[] out;
    try {
      out = DECODER.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("base64: malformed input: " + e.getMessage(), e);
    }
    // RFC 4648 §3.5: reject encodings whose pad bits are not zero (non-canonical).
    if (!Arrays.equals(
        ENCODER.encode(out), s.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "base64: non-canonical encoding (misplaced padding or non-zero pad bits)");
    }
    return out;
  }
}
