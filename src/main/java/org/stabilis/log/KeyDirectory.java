package org.stabilis.log;

import org.stabilis.log.crypto.Ed25519PublicKey;

/**
 * Finds the public key an event claims to be signed with. Implementations must be safe to call from
 * any thread while the sequencer applies events (the log calls it without a lock).
 */
public interface KeyDirectory {

  /** What is known of the (party, key) an event names. */
  sealed interface Lookup {}

  record Active(Ed25519PublicKey key) implements Lookup {}

  record UnknownParty() implements Lookup {}

  record UnknownKey() implements Lookup {}

  record Revoked() implements Lookup {}

  /**
   * The key that must have signed {@code event}. For the very first event of an empty log, the
   * genesis self-registration, the key comes from the event's own body (SPEC §3).
   */
  Lookup lookup(Event event);
}
