package org.stabilis.log;

import java.util.Set;
import org.stabilis.log.schema.Schema;

/**
 * The event types the log accepts, the schema of each body and the fields it lets a party conceal.
 */
public interface EventTypes {
  /** The body schema of {@code type}, or null when the type is not in the catalogue. */
  Schema bodySchema(String type);

  /** The top-level body fields of {@code type} a party may conceal (SPEC §2.10); empty for none. */
  default Set<String> concealableFields(String type) {
    return Set.of();
  }
}
