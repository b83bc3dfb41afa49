package org.stabilis.log;

/**
 * A deterministic fold over the log. The sequencer asks every projection to {@link #decide} on a
 * candidate event, against the state that includes every earlier accepted event, and only when all
 * accept does it {@link #evolve} them. A projection is driven by one thread at a time.
 */
public interface Projection {

  /**
   * A rejection when a rule of this projection refuses {@code event}; null to accept. No side
   * effects.
   */
  Rejection decide(Event event);

  /**
   * Applies an accepted entry. Replaying the same entries into a fresh projection yields the same
   * state. Throws {@link IllegalStateException} if the entry cannot be applied: a projection never
   * skips an event silently.
   */
  void evolve(Entry entry);

  /** Forgets everything, so the state can be rebuilt from the store (after a failed commit). */
  void reset();
}
