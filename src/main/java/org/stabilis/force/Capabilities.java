package org.stabilis.force;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stabilis.catalogue.EventCatalogue;

/**
 * The capability vocabulary of SPEC §4, with what each word means in this mission. Requirements and
 * pledges use these words only; the event catalogue refuses any other. A pledge is one unit of one
 * capability, and a requirement asks for a number of such units.
 */
public final class Capabilities {
  private static final Map<String, String> MEANING = new LinkedHashMap<>();

  static {
    MEANING.put(
        "infantry", "manoeuvre unit able to hold ground and, where the mandate allows, use force");
    MEANING.put(
        "military-police",
        "policing of the force itself, detention handling, traffic and route control");
    MEANING.put(
        "border-security", "securing border areas and crossings, stopping munitions entering");
    MEANING.put(
        "engineering", "construction, water and sanitation, heavy machinery, route clearance");
    MEANING.put(
        "eod",
        "explosive ordnance disposal: making safe and destroying ordnance, tunnels and caches");
    MEANING.put("medical", "field hospitals and medical support");
    MEANING.put("logistics", "supply, transport and warehousing for the force");
    MEANING.put("aviation", "air transport, medical evacuation, observation");
    MEANING.put("police-training", "training and supporting vetted local police");
    MEANING.put("civil-affairs", "liaison with civil authorities and humanitarian organisations");
    MEANING.put(
        "humanitarian-protection",
        "protection of civilians, aid convoys and humanitarian corridors");
    if (!MEANING.keySet().equals(EventCatalogue.CAPABILITIES))
      throw new IllegalStateException(
          "the documented vocabulary differs from the event catalogue's");
  }

  private Capabilities() {}

  /** Every capability and its meaning, in the order of SPEC §4. */
  public static Map<String, String> all() {
    return Collections.unmodifiableMap(MEANING);
  }

  public static boolean known(String capability) {
    return MEANING.containsKey(capability);
  }
}
