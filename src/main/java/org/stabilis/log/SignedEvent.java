package org.stabilis.log;

import java.util.Objects;

/**
 * An event with its signature. {@code canonical} is the RFC 8785 form of the event object; the
 * Ed25519 signature {@code sig} (raw 64 bytes, {@code sigBase64} as on the wire) covers it.
 */
public record SignedEvent(Event event, byte[] canonical, byte[] sig, String sigBase64) {
  public SignedEvent {
    Objects.requireNonNull(event);
    Objects.requireNonNull(canonical);
    Objects.requireNonNull(sig);
    Objects.requireNonNull(sigBase64);
  }
}
