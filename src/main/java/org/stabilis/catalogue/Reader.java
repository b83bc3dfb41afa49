package org.stabilis.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.stabilis.log.Concealed;
import org.stabilis.log.canonical.StrictJson;

/**
 * A party reading a view, with the roles it holds when it reads (SPEC §2.6, §2.10). A concealed
 * value reaches it only if it stated the entry itself or holds one of the field's reader roles;
 * otherwise every view puts {@link #CONCEALED} (JSON) or {@link #CONCEALED_TEXT} (text, CSV cells)
 * in its place. Values that were never concealed are shown to every reader of the view.
 */
public final class Reader {
  /** What a reader not entitled to a concealed value sees in its place. */
  public static final String CONCEALED_TEXT = "concealed";

  private final String party;
  private final Set<Role> roles;
  private final EventCatalogue catalogue;

  Reader(String party, Set<Role> roles, EventCatalogue catalogue) {
    this.party = Objects.requireNonNull(party);
    this.roles = Set.copyOf(roles);
    this.catalogue = catalogue;
  }

  public String party() {
    return party;
  }

  public Set<Role> roles() {
    return roles;
  }

  public boolean holdsAny(Set<Role> any) {
    for (Role r : any) if (roles.contains(r)) return true;
    return false;
  }

  /** True if this reader may read field {@code field} of the entry {@code c} describes. */
  public boolean reads(Concealed c, String field) {
    if (!c.conceals(field)) return true;
    return c.author().equals(party) || holdsAny(catalogue.readers(c.type(), field));
  }

  /** The JSON {@code {"concealed": true}}, a fresh node each time. */
  public static ObjectNode concealed() {
    return StrictJson.mapper().createObjectNode().put("concealed", true);
  }

  /** {@code value} if this reader reads the field, else {@code {"concealed": true}}. */
  public JsonNode json(Concealed c, String field, Supplier<JsonNode> value) {
    return reads(c, field) ? value.get() : concealed();
  }

  /** {@code value} if this reader reads the field, else the text {@code concealed}. */
  public String text(Concealed c, String field, Supplier<String> value) {
    return reads(c, field) ? value.get() : CONCEALED_TEXT;
  }

  @Override
  public String toString() {
    return party + " " + roles;
  }
}
