package org.stabilis.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.stabilis.log.crypto.Ed25519PublicKey;

/** Shared C2SP signed-note rules (c2sp.org/signed-note). */
final class Notes {
  /** Signature type identifier byte for Ed25519 (signed-note, "Signature types"). */
  static final byte ALG_ED25519 = 0x01;

  /** Signature line prefix: em dash U+2014 then space (signed-note, "Format"). */
  static final String SIG_PREFIX = "\u2014 ";

  private Notes() {}

  /**
   * Key names MUST be non-empty and MUST NOT contain Unicode spaces or '+' (signed-note, "Format").
   * We also refuse control characters and unpaired surrogates, which could not appear in a valid
   * note anyway.
   */
  static String checkKeyName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " must be non-empty");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+') {
        throw new IllegalArgumentException(what + " must not contain '+': " + name);
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        throw new IllegalArgumentException(what + " must not contain spaces: \"" + name + "\"");
      }
      if (Character.isISOControl(cp) || Character.isSurrogate((char) cp)) {
        throw new IllegalArgumentException(
            what + String.format(" contains control or unpaired surrogate character U+%04X", cp));
      }
      i += Character.charCount(cp);
    }
    return name;
  }

  /** True iff {@code name} is a valid key name. */
  static boolean isValidKeyName(String name) {
    try {
      checkKeyName(name, "key name");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns null if the text is acceptable note text, else what is wrong: notes MUST be valid UTF-8
   * (here: no unpaired surrogates) and MUST NOT contain ASCII control characters other than newline
   * (signed-note, "Format").
   */
  static String checkNoteChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return String.format("control character U+%04X at index %d", (int) c, i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "unpaired surrogate (not valid UTF-8) at index " + i;
      }
      if (Character.isLowSurrogate(c)) {
        return "unpaired surrogate (not valid UTF-8) at index " + i;
      }
    }
    return null;
  }

  /** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4] (signed-note). */
  static byte[] keyId(String name, Ed25519PublicKey key) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(ALG_ED25519);
    sha.update(key.raw());
    byte[] h = sha.digest();
    return new byte[] {h[0], h[1], h[2], h[3]};
  }
}
