package org.stabilis.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.crypto.InvalidKeyException;

/**
 * Verifies C2SP signed notes (c2sp.org/signed-note) against one trusted Ed25519 key.
 *
 * <p>Guarantees of {@link #verify}: the note is well-formed, carries at least one signature line
 * whose key name and key ID both match this key, and every such line holds a valid Ed25519
 * signature over the note text. Signature lines of other keys are syntax-checked but otherwise
 * ignored, as the spec requires. Immutable and thread-safe.
 */
public final class NoteVerifier {
  /** Upper bound on signature lines (signed-note: verifiers SHOULD limit, MUST accept 16). */
  public static final int MAX_SIGNATURES = SignedNote.MAX_SIGNATURES;

  /** Upper bound on note size in UTF-16 chars, to bound work on hostile input. */
  public static final int MAX_NOTE_CHARS = SignedNote.MAX_NOTE_CHARS;

  private final String name;
  private final byte[] keyId;
  private final Ed25519PublicKey key;

  private NoteVerifier(String name, byte[] keyId, Ed25519PublicKey key) {
    this.name = name;
    this.keyId = keyId;
    this.key = key;
  }

  /**
   * Parses a verifier key {@code name+hhhhhhhh+base64(0x01 || 32-byte key)}.
   *
   * @throws IllegalArgumentException on bad format, a name that is not a valid key name, key ID not
   *     8 lowercase hex digits, a signature type other than 0x01 (Ed25519), an invalid public key,
   *     or a key ID that does not match SHA-256(name || 0x0A || 0x01 || key)[:4]
   */
  public static NoteVerifier parse(String verifierKey) {
    Objects.requireNonNull(verifierKey, "verifierKey");
    int p1 = verifierKey.indexOf('+');
    int p2 = p1 < 0 ? -1 : verifierKey.indexOf('+', p1 + 1);
    if (p1 < 0 || p2 < 0) {
      throw new IllegalArgumentException("verifier key must have the form name+keyid+base64key");
    }
    String name = Notes.checkKeyName(verifierKey.substring(0, p1), "verifier key name");
    String idHex = verifierKey.substring(p1 + 1, p2);
    if (!idHex.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "verifier key ID must be 8 lowercase hex digits, got \"" + idHex + "\"");
    }
    byte[] typed;
    try {
      typed = Base64s.decodeStrict(verifierKey.substring(p2 + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier key: " + e.getMessage(), e);
    }
    if (typed.length == 0 || typed[0] != Notes.ALG_ED25519) {
      throw new IllegalArgumentException(
          "verifier key: unsupported signature type"
              + (typed.length == 0
                  ? " (empty key)"
                  : String.format(" 0x%02x (only 0x01 Ed25519)", typed[0])));
    }
    if (typed.length != 33) {
      throw new IllegalArgumentException(
          "verifier key: Ed25519 key must be 32 bytes, got " + (typed.length - 1));
    }
    Ed25519PublicKey key;
    try {
      key = Ed25519PublicKey.fromRaw(Arrays.copyOfRange(typed, 1, 33));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("verifier key: " + e.getMessage(), e);
    }
    byte[] id = Notes.keyId(name, key);
    if (!Arrays.equals(id, HexFormat.of().parseHex(idHex))) {
      throw new IllegalArgumentException(
          "verifier key ID "
              + idHex
              + " does not match the key (expected "
              + HexFormat.of().formatHex(id)
              + ")");
    }
    return new NoteVerifier(name, id, key);
  }

  /** The key name. */
  public String name() {
    return name;
  }

  /** The Ed25519 public key. */
  public Ed25519PublicKey publicKey() {
    return key;
  }

  /**
   * Verifies {@code note} and returns its text (the signed body, including its final newline).
   *
   * @throws NoteException if the note is malformed, has no signature line by this key, or any
   *     signature line by this key fails to verify
   */
  public String verify(String note) throws NoteException {
    SignedNote parsed = SignedNote.parse(note);
    byte[] textBytes = parsed.text().getBytes(StandardCharsets.UTF_8);
    int verified = 0;
    for (int i = 0; i < parsed.signatures().size(); i++) {
      SignedNote.Line line = parsed.signatures().get(i);
      // Both name and key ID must match; otherwise the line is from an unknown key: ignore it.
      if (!line.name().equals(name) || !Arrays.equals(line.keyId(), keyId)) {
        continue;
      }
      try {
        key.verify(textBytes, line.signature());
      } catch (BadSignatureException e) {
        // A failed signature from a known key rejects the whole note (signed-note SHOULD).
        throw new NoteException(
            "bad signature by "
                + name
                + "+"
                + HexFormat.of().formatHex(keyId)
                + " on signature line "
                + (i + 1)
                + ": "
                + e.getMessage(),
            e);
      }
      verified++;
    }
    if (verified == 0) {
      throw new NoteException(
          "note has no signature by key " + name + "+" + HexFormat.of().formatHex(keyId));
    }
    return parsed.text();
  }

  /**
   * Verifies a signed checkpoint and parses its body. The checkpoint's origin must equal this key's
   * name.
   *
   * @throws NoteException if {@link #verify} fails, the body is not a valid checkpoint, or the
   *     origin differs from the key name
   */
  public Checkpoint verifyCheckpoint(String note) throws NoteException {
    String body = verify(note);
    Checkpoint cp;
    try {
      cp = Checkpoint.parseBody(body);
    } catch (IllegalArgumentException e) {
      throw new NoteException("signed note is not a valid checkpoint: " + e.getMessage(), e);
    }
    if (!cp.origin().equals(name)) {
      throw new NoteException(
          "checkpoint origin \"" + cp.origin() + "\" does not match key name \"" + name + "\"");
    }
    return cp;
  }

  @Override
  public String toString() {
    return "NoteVerifier[" + name + "+" + HexFormat.of().formatHex(keyId) + "]";
  }
}
