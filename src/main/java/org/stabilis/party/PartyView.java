package org.stabilis.party;

import java.util.List;
import java.util.Optional;
import org.stabilis.catalogue.Role;

/**
 * What other modules and the dashboard may ask of the parties, as of the current log; read under
 * {@code LogService.read} for a consistent answer.
 */
public interface PartyView {
  /** True if the party is registered and currently holds the role. */
  boolean has(String party, Role role);

  /** The registered party with this id. */
  Optional<PartyRegistry.Party> byId(String id);

  /** Every registered party, in the order they were registered. */
  List<PartyRegistry.Party> all();
}
