package org.stabilis.party;

import org.stabilis.catalogue.Role;

/** What other modules may ask of the parties: whether a party holds a role, as of the current log. */
public interface PartyView {
  /** True if the party is registered and currently holds the role. */
  boolean has(String party, Role role);
}
