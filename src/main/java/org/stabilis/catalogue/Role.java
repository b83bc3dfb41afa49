package org.stabilis.catalogue;

import java.util.Locale;

/** The roles a party may hold (SPEC §1). */
public enum Role {
  COORDINATOR,
  CONTRIBUTOR,
  SECURITY,
  INSPECTOR,
  LOGISTICS,
  IMPLEMENTER,
  OBSERVER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code s} on the wire, or null. */
  public static Role fromWire(String s) {
    for (Role r : values()) if (r.wire().equals(s)) return r;
    return null;
  }
}
