package org.stabilis.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * Signs note text with Ed25519 per c2sp.org/signed-note, producing a note that {@link NoteVerifier}
 * (and Go's golang.org/x/mod/sumdb/note) accept.
 *
 * <p>Immutable and thread-safe.
 */
public final class NoteSigner {
  private final String name;
  private final Ed25519PrivateKey key;
  private final byte[] keyId;

  /**
   * @throws IllegalArgumentException if {@code name} is not a valid key name (non-empty, no Unicode
   *     spaces, no '+')
   */
  public NoteSigner(String name, Ed25519PrivateKey key) {
    this.name = Notes.checkKeyName(name, "key name");
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = Notes.keyId(name, key.publicKey());
  }

  /** The key name. */
  public String name() {
    return name;
  }

  /**
   * Returns the signed note: {@code body}, a blank line, and one signature line {@code "— name
   * base64(keyID || signature)\n"} with the Ed25519 signature over the UTF-8 body bytes, final
   * newline included.
   *
   * @throws IllegalArgumentException if {@code body} is empty, does not end with a newline, or
   *     contains control characters other than newline or unpaired surrogates
   */
  public String sign(String body) {
    Objects.requireNonNull(body, "body");
    // signed-note "Format": the text ends in a newline and contains no other control chars.
    if (body.isEmpty() || !body.endsWith("\n")) {
      throw new IllegalArgumentException("note body must be non-empty and end with a newline");
    }
    String bad = Notes.checkNoteChars(body);
    if (bad != null) {
      throw new IllegalArgumentException("note body contains " + bad);
    }
    byte[] sig = key.sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(keyId, 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    // signed-note "Signatures": "— <key name> base64(32-bit key ID || signature)".
    return body + "\n" + Notes.SIG_PREFIX + name + " " + Base64s.encode(blob) + "\n";
  }

  /**
   * The verifier key: {@code name + "+" + hex(keyID) + "+" + base64(0x01 || public key)}, with the
   * key ID as 8 lowercase hex digits.
   */
  public String verifierKey() {
    byte[] typed = new byte[33];
    typed[0] = Notes.ALG_ED25519;
    System.arraycopy(key.publicKey().raw(), 0, typed, 1, 32);
    return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64s.encode(typed);
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifierKey() + "]";
  }
}
