package org.stabilis.correction;

/**
 * The {@code rule} codes of corrections and disputes, each registered here once with its meaning;
 * the line that decides each is in {@link Corrections#decide}.
 */
public final class CorrectionRules {
  private CorrectionRules() {}

  /** A later accepted entry would have been refused without the entry being retracted (SPEC §4). */
  public static final String RETRACTION_CONFLICTS = "retraction-conflicts";
  /** The index names no entry of the log yet. */
  public static final String NO_SUCH_ENTRY = "no-such-entry";
  /** A retraction, a dispute or a party event is corrected by other means, never retracted. */
  public static final String NOT_RETRACTABLE = "not-retractable";
  /** The entry was already retracted; a retraction stands once. */
  public static final String ALREADY_RETRACTED = "already-retracted";
  /** A dispute concerns a fact that stands: not a retracted entry, nor a dispute itself. */
  public static final String NOT_DISPUTABLE = "not-disputable";
  /** The party already has an open dispute of that entry. */
  public static final String ALREADY_DISPUTED = "already-disputed";
  /** No open dispute of that entry to withdraw. */
  public static final String NO_OPEN_DISPUTE = "no-open-dispute";
}
