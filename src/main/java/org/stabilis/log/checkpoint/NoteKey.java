package org.stabilis.log.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAParameters;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPublicKeyParameters;
import org.bouncycastle.pqc.crypto.mldsa.MLDSASigner;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.crypto.InvalidKeyException;

/**
 * A note verifier key (c2sp.org/signed-note "Verifier keys"): a key name, a 4-byte key ID and a
 * typed public key, written {@code <name>+<hex key ID>+<base64(type || public key)>}.
 *
 * <p>Three signature types are supported:
 *
 * <ul>
 *   <li>{@link Ed25519} (0x01): Ed25519 over the note text (signed-note "Ed25519 signatures"); what
 *       a Stabilis log signs its checkpoints with;
 *   <li>{@link Ed25519Cosigner} (0x04): timestamped Ed25519 {@code cosignature/v1}
 *       (c2sp.org/tlog-cosignature "Ed25519 signed message");
 *   <li>{@link MlDsa44Cosigner} (0x06): timestamped ML-DSA-44 {@code subtree/v1} over a checkpoint
 *       (tlog-cosignature "ML-DSA-44 signed message", FIPS 204, empty context).
 * </ul>
 *
 * <p>Guarantees: an instance's key ID is SHA-256(name || 0x0A || type || public key)[:4], the rule
 * signed-note recommends and tlog-cosignature requires; {@link #parse} refuses a vkey whose written
 * key ID differs. Keys are immutable and thread-safe; {@link #verify} returns normally only when
 * the signature holds.
 */
public sealed interface NoteKey
    permits NoteKey.Ed25519, NoteKey.Ed25519Cosigner, NoteKey.MlDsa44Cosigner {
  /** signed-note "Signature types". */
  byte TYPE_ED25519 = 0x01;

  byte TYPE_COSIGNATURE_V1 = 0x04;
  byte TYPE_ML_DSA_44 = 0x06;

  /** The key name. */
  String name();

  /** The 4-byte key ID (a copy). */
  byte[] keyId();

  /** The signature type byte. */
  byte type();

  /** The public key material, without the type byte (a copy). */
  byte[] publicKey();

  /** True for the timestamped cosignature types (0x04, 0x06). */
  default boolean isCosigner() {
    return type() != TYPE_ED25519;
  }

  /** The vkey text {@code name+hhhhhhhh+base64(type || key)}. */
  default String vkey() {
    byte[] pub = publicKey();
    byte[] typed = new byte[pub.length + 1];
    typed[0] = type();
    System.arraycopy(pub, 0, typed, 1, pub.length);
    return name() + "+" + HexFormat.of().formatHex(keyId()) + "+" + Base64s.encode(typed);
  }

  /**
   * Verifies {@code signature} (the signature line's blob after its 4-byte key ID) over the note
   * {@code text} (final newline included, no signature lines).
   *
   * @return the cosignature's timestamp (POSIX seconds) for 0x04 and 0x06; 0 for 0x01, which has
   *     none
   * @throws BadSignatureException if the signature does not verify, has the wrong length, a
   *     timestamp above 2^63 - 1, or (0x06) the text is not a checkpoint
   */
  long verify(String text, byte[] signature) throws BadSignatureException;

  /**
   * Parses a vkey.
   *
   * @throws IllegalArgumentException naming what is wrong: the shape, the key name, the key ID (not
   *     8 lowercase hex digits, or not the key's), an unsupported type, or invalid key bytes
   */
  static NoteKey parse(String vkey) {
    Objects.requireNonNull(vkey, "vkey");
    int p1 = vkey.indexOf('+');
    int p2 = p1 < 0 ? -1 : vkey.indexOf('+', p1 + 1);
    if (p1 < 0 || p2 < 0) {
      throw new IllegalArgumentException("verifier key must have the form name+keyid+base64key");
    }
    String name = Notes.checkKeyName(vkey.substring(0, p1), "verifier key name");
    String idHex = vkey.substring(p1 + 1, p2);
    if (!idHex.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "verifier key ID must be 8 lowercase hex digits, got \"" + idHex + "\"");
    }
    byte[] typed;
    try {
      typed = Base64s.decodeStrict(vkey.substring(p2 + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier key: " + e.getMessage(), e);
    }
    if (typed.length == 0) {
      throw new IllegalArgumentException("verifier key: empty key");
    }
    byte[] pub = Arrays.copyOfRange(typed, 1, typed.length);
    NoteKey key =
        switch (typed[0]) {
          case TYPE_ED25519 -> new Ed25519(name, ed25519(pub));
          case TYPE_COSIGNATURE_V1 -> new Ed25519Cosigner(name, ed25519(pub));
          case TYPE_ML_DSA_44 -> new MlDsa44Cosigner(name, pub);
          default ->
              throw new IllegalArgumentException(
                  String.format(
                      "verifier key: unsupported signature type 0x%02x (supported: 0x01 Ed25519, 0x04 cosignature/v1,"
                          + " 0x06 ML-DSA-44)",
                      typed[0]));
        };
    if (!Arrays.equals(key.keyId(), HexFormat.of().parseHex(idHex))) {
      throw new IllegalArgumentException(
          "verifier key ID "
              + idHex
              + " does not match the key (expected "
              + HexFormat.of().formatHex(key.keyId())
              + ")");
    }
    return key;
  }

  private static Ed25519PublicKey ed25519(byte[] pub) {
    if (pub.length != 32) {
      throw new IllegalArgumentException(
          "verifier key: Ed25519 key must be 32 bytes, got " + pub.length);
    }
    try {
      return Ed25519PublicKey.fromRaw(pub);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("verifier key: " + e.getMessage(), e);
    }
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4] (signed-note). */
  static byte[] keyIdOf(String name, byte type, byte[] publicKey) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(type);
    sha.update(publicKey);
    return Arrays.copyOf(sha.digest(), 4);
  }

  /**
   * The message a {@code cosignature/v1} signs (tlog-cosignature "Ed25519 signed message"): {@code
   * "cosignature/v1\n"}, {@code "time <timestamp>\n"}, then the whole note body.
   */
  static byte[] cosignatureV1Message(long timestamp, String text) {
    return ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n" + text)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The {@code cosigned_message} an ML-DSA-44 cosignature signs over a checkpoint (tlog-cosignature
   * "ML-DSA-44 signed message"; RFC 8446 §3 encoding): the label {@code "subtree/v1\n\0"}, the
   * cosigner name and the origin with one-byte lengths, and the timestamp, start (0), end (the
   * size) as big-endian u64, then the 32-byte root.
   */
  static byte[] subtreeV1Message(String cosignerName, long timestamp, Checkpoint cp) {
    byte[] cname = cosignerName.getBytes(StandardCharsets.UTF_8);
    byte[] origin = cp.origin().getBytes(StandardCharsets.UTF_8);
    if (cname.length < 1 || cname.length > 255 || origin.length < 1 || origin.length > 255) {
      throw new IllegalArgumentException(
          "cosigner name and origin must be 1 to 255 bytes for ML-DSA-44");
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("subtree/v1\n\0".getBytes(StandardCharsets.US_ASCII));
    b.write(cname.length);
    b.writeBytes(cname);
    b.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
    b.write(origin.length);
    b.writeBytes(origin);
    b.writeBytes(ByteBuffer.allocate(8).putLong(0).array());
    b.writeBytes(ByteBuffer.allocate(8).putLong(cp.size()).array());
    b.writeBytes(cp.root().bytes());
    return b.toByteArray();
  }

  /**
   * Splits a timestamped_signature (tlog-cosignature "Format"): u64 timestamp then the signature.
   */
  private static long timestampOf(byte[] sig, int sigLength) throws BadSignatureException {
    if (sig.length != 8 + sigLength) {
      throw new BadSignatureException(
          "timestamped signature must be " + (8 + sigLength) + " bytes, got " + sig.length);
    }
    long ts = ByteBuffer.wrap(sig, 0, 8).getLong();
    // "It MUST NOT exceed 2^63 - 1": the top bit must be clear.
    if (ts < 0) {
      throw new BadSignatureException("cosignature timestamp exceeds 2^63 - 1");
    }
    return ts;
  }

  /** Ed25519 note signatures (0x01) over the note text. */
  record Ed25519(String name, Ed25519PublicKey key) implements NoteKey {
    public Ed25519 {
      Notes.checkKeyName(name, "key name");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public byte[] keyId() {
      return keyIdOf(name, TYPE_ED25519, key.raw());
    }

    @Override
    public byte type() {
      return TYPE_ED25519;
    }

    @Override
    public byte[] publicKey() {
      return key.raw();
    }

    @Override
    public long verify(String text, byte[] signature) throws BadSignatureException {
      key.verify(text.getBytes(StandardCharsets.UTF_8), signature);
      return 0;
    }
  }

  /** Timestamped Ed25519 checkpoint cosignatures, {@code cosignature/v1} (0x04). */
  record Ed25519Cosigner(String name, Ed25519PublicKey key) implements NoteKey {
    public Ed25519Cosigner {
      Notes.checkKeyName(name, "key name");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public byte[] keyId() {
      // tlog-cosignature "Format": SHA-256(<name> || "\n" || 0x04 || 32-byte key)[:4]
      return keyIdOf(name, TYPE_COSIGNATURE_V1, key.raw());
    }

    @Override
    public byte type() {
      return TYPE_COSIGNATURE_V1;
    }

    @Override
    public byte[] publicKey() {
      return key.raw();
    }

    @Override
    public long verify(String text, byte[] signature) throws BadSignatureException {
      long ts = timestampOf(signature, 64);
      key.verify(
          cosignatureV1Message(ts, text), Arrays.copyOfRange(signature, 8, signature.length));
      return ts;
    }
  }

  /** Timestamped ML-DSA-44 checkpoint cosignatures (0x06), FIPS 204 pure mode, empty context. */
  record MlDsa44Cosigner(String name, byte[] key) implements NoteKey {
    /** FIPS 204 Table 2: ML-DSA-44 public key and signature sizes. */
    public static final int PUBLIC_KEY_BYTES = 1312;

    public static final int SIGNATURE_BYTES = 2420;

    public MlDsa44Cosigner {
      Notes.checkKeyName(name, "key name");
      if (key.length != PUBLIC_KEY_BYTES) {
        throw new IllegalArgumentException(
            "verifier key: ML-DSA-44 key must be "
                + PUBLIC_KEY_BYTES
                + " bytes, got "
                + key.length);
      }
      key = key.clone();
    }

    @Override
    public byte[] keyId() {
      // tlog-cosignature "Format": SHA-256(<name> || "\n" || 0x06 || 1312-byte key)[:4]
      return keyIdOf(name, TYPE_ML_DSA_44, key);
    }

    @Override
    public byte type() {
      return TYPE_ML_DSA_44;
    }

    @Override
    public byte[] publicKey() {
      return key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public long verify(String text, byte[] signature) throws BadSignatureException {
      long ts = timestampOf(signature, SIGNATURE_BYTES);
      Checkpoint cp;
      try {
        cp = Checkpoint.parseHead(text);
      } catch (IllegalArgumentException e) {
        throw new BadSignatureException(
            "ML-DSA-44 cosignature over a note that is not a checkpoint: " + e.getMessage());
      }
      byte[] msg;
      try {
        msg = subtreeV1Message(name, ts, cp);
      } catch (IllegalArgumentException e) {
        throw new BadSignatureException(e.getMessage());
      }
      MLDSASigner v = new MLDSASigner();
      v.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_44, key));
      v.update(msg, 0, msg.length);
      if (!v.verifySignature(Arrays.copyOfRange(signature, 8, signature.length))) {
        throw new BadSignatureException("ML-DSA-44 cosignature does not verify");
      }
      return ts;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MlDsa44Cosigner m && name.equals(m.name) && Arrays.equals(key, m.key);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "MlDsa44Cosigner[" + name + "]";
    }
  }
}
