package org.stabilis.log;

import java.util.List;
import java.util.Objects;

/**
 * An event with its signature. {@code canonical} is the RFC 8785 form of the event object; the
 * Ed25519 signature {@code sig} (raw 64 bytes, {@code sigBase64} as on the wire) covers it. {@code
 * disclosures} are the strings of SPEC §2.10 exactly as submitted, in the order submitted; they are
 * stored beside the entry, never in its leaf data.
 */
public record SignedEvent(
    Event event, byte[] canonical, byte[] sig, String sigBase64, List<String> disclosures) {
  public SignedEvent {
    Objects.requireNonNull(event);
    Objects.requireNonNull(canonical);
    Objects.requireNonNull(sig);
    Objects.requireNonNull(sigBase64);
    disclosures = List.copyOf(disclosures);
  }

  /** A signed event that conceals nothing. */
  public SignedEvent(Event event, byte[] canonical, byte[] sig, String sigBase64) {
    this(event, canonical, sig, sigBase64, List.of());
  }
}
