package org.stabilis.log.crypto;

/**
 * Thrown by {@link Ed25519PublicKey#verify} when a signature does not verify. The message says
 * which check failed (length, non-canonical scalar, or the verification equation), never anything
 * secret.
 */
public final class BadSignatureException extends Exception {
  public BadSignatureException(String message) {
    super(message);
  }
}
