package org.stabilis.permit;

/** The {@code rule} codes of permits, each registered here once with its meaning. */
public final class PermitRules {
  private PermitRules() {}

  /** A dual-use entry names no permit approved for that item, while the policy requires one (SPEC §4). */
  public static final String NO_PERMIT = "no-permit";
  /** The entry's quantity exceeds what the permit still allows for that item (SPEC §4). */
  public static final String PERMIT_EXCEEDED = "permit-exceeded";
  public static final String PERMIT_EXISTS = "permit-exists";
  public static final String NO_SUCH_PERMIT = "no-such-permit";
  public static final String ALREADY_DECIDED = "permit-already-decided";
  /** The same item appears twice in one request. */
  public static final String DUPLICATE_ITEM = "duplicate-item";
  public static final String NO_SUCH_ITEM = "no-such-item";
}
