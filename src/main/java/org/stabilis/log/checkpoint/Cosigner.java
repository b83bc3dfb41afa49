package org.stabilis.log.checkpoint;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAParameters;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mldsa.MLDSASigner;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * Produces checkpoint cosignatures (c2sp.org/tlog-cosignature): the signature line a witness
 * returns from {@code add-checkpoint}. The caller supplies the timestamp; a witness must not use 0
 * (tlog-witness "add-checkpoint").
 *
 * <p>Immutable and thread-safe. Every line it returns verifies with {@link #verifierKey()}.
 */
public sealed interface Cosigner permits Cosigner.Ed25519, Cosigner.MlDsa44 {
  /** The verifier key of this cosigner (type 0x04 or 0x06). */
  NoteKey verifierKey();

  /** The raw signature bytes for {@code text} at {@code timestamp}, without the timestamp. */
  byte[] rawSignature(String text, long timestamp);

  /**
   * Returns the cosignature line {@code "— <name> base64(keyID || timestamp || signature)\n"} over
   * the checkpoint note text {@code text} (body with its final newline, extension lines included).
   *
   * @throws IllegalArgumentException if {@code timestamp} is negative or {@code text} is not a
   *     checkpoint body
   */
  default String cosign(String text, long timestamp) {
    Objects.requireNonNull(text, "text");
    if (timestamp < 0) throw new IllegalArgumentException("timestamp must be in 0..2^63-1");
    Checkpoint.parseHead(text);
    byte[] sig = rawSignature(text, timestamp);
    NoteKey k = verifierKey();
    // tlog-cosignature "Format": keyID || timestamped_signature{u64 timestamp, signature}.
    ByteBuffer blob = ByteBuffer.allocate(4 + 8 + sig.length);
    blob.put(k.keyId()).putLong(timestamp).put(sig);
    return Notes.SIG_PREFIX + k.name() + " " + Base64s.encode(blob.array()) + "\n";
  }

  /** Ed25519 {@code cosignature/v1} (type 0x04). */
  final class Ed25519 implements Cosigner {
    private final Ed25519PrivateKey key;
    private final NoteKey.Ed25519Cosigner vkey;

    public Ed25519(String name, Ed25519PrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
      this.vkey = new NoteKey.Ed25519Cosigner(name, key.publicKey());
    }

    @Override
    public NoteKey verifierKey() {
      return vkey;
    }

    @Override
    public byte[] rawSignature(String text, long timestamp) {
      return key.sign(NoteKey.cosignatureV1Message(timestamp, text));
    }
  }

  /**
   * ML-DSA-44 {@code subtree/v1} over the whole checkpoint (type 0x06). Signs with the
   * deterministic variant of FIPS 204 (no fresh randomness per signature), empty context.
   */
  final class MlDsa44 implements Cosigner {
    private final MLDSAPrivateKeyParameters key;
    private final NoteKey.MlDsa44Cosigner vkey;

    /**
     * @param seed the 32-byte FIPS 204 key generation seed ξ
     */
    public MlDsa44(String name, byte[] seed) {
      if (seed == null || seed.length != 32) {
        throw new IllegalArgumentException("ML-DSA-44 seed must be 32 bytes");
      }
      this.key = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_44, seed.clone());
      this.vkey = new NoteKey.MlDsa44Cosigner(name, key.getPublicKey());
    }

    @Override
    public NoteKey verifierKey() {
      return vkey;
    }

    @Override
    public byte[] rawSignature(String text, long timestamp) {
      byte[] msg = NoteKey.subtreeV1Message(vkey.name(), timestamp, Checkpoint.parseHead(text));
      MLDSASigner s = new MLDSASigner();
      s.init(true, key);
      s.update(msg, 0, msg.length);
      try {
        return s.generateSignature();
      } catch (CryptoException e) {
        throw new IllegalStateException("ML-DSA-44 signing failed", e);
      }
    }
  }
}
