package org.stabilis.log.crypto;

/**
 * Thrown when key material is rejected at creation time: wrong length, malformed encoding,
 * unsupported algorithm, or a point that is not a safe Ed25519 public key.
 *
 * <p>Once a key object exists it is known to be valid; this exception is never thrown later.
 */
public final class InvalidKeyException extends Exception {
  public InvalidKeyException(String message) {
    super(message);
  }

  public InvalidKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
