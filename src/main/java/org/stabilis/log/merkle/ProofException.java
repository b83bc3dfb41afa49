package org.stabilis.log.merkle;

import java.util.Optional;

/**
 * A proof did not verify. Carries the evidence: why, and where a root was recomputed, both the root
 * the caller expected and the one the proof actually leads to.
 */
public final class ProofException extends Exception {

  /** Broad cause, for callers that react differently to malformed input and to forgery. */
  public enum Kind {
    /** Sizes or indices that no valid proof can exist for. */
    INVALID_PARAMETERS,
    /** The path does not have the number of elements the sizes dictate. */
    WRONG_PATH_LENGTH,
    /** The path is well formed but does not lead to the expected root. */
    ROOT_MISMATCH
  }

  private final Kind kind;
  private final String reason;
  private final transient Hash expectedRoot;
  private final transient Hash computedRoot;

  ProofException(Kind kind, String reason) {
    this(kind, reason, null, null);
  }

  ProofException(Kind kind, String reason, Hash expectedRoot, Hash computedRoot) {
    super(message(reason, expectedRoot, computedRoot));
    this.kind = kind;
    this.reason = reason;
    this.expectedRoot = expectedRoot;
    this.computedRoot = computedRoot;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * @return the failure in words, without the root hashes, e.g. "path has 3 elements, expected 4"
   */
  public String reason() {
    return reason;
  }

  /**
   * @return the root the caller supplied, when the failure is a comparison against it
   */
  public Optional<Hash> expectedRoot() {
    return Optional.ofNullable(expectedRoot);
  }

  /**
   * @return the root recomputed from the proof, when the failure is a comparison against it
   */
  public Optional<Hash> computedRoot() {
    return Optional.ofNullable(computedRoot);
  }

  private static String message(String reason, Hash expected, Hash computed) {
    if (expected == null && computed == null) {
      return reason;
    }
    return reason + " (expected root " + expected + ", computed root " + computed + ")";
  }
}
