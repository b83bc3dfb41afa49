package org.stabilis.material;

import org.stabilis.catalogue.Role;

/** Whether a party holds a role; the party registry's {@code has} answers it. */
@FunctionalInterface
public interface PartyRoles {
  boolean has(String party, Role role);
}
