package org.stabilis.log;

import org.stabilis.log.schema.Schema;

/** The event types the log accepts and the schema of each body. */
public interface EventTypes {
  /** The body schema of {@code type}, or null when the type is not in the catalogue. */
  Schema bodySchema(String type);
}
