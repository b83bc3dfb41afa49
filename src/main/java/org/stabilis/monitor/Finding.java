package org.stabilis.monitor;

import java.util.List;

/**
 * Something a monitor found that a party should know of (SPEC §2.9), with both sides as evidence.
 *
 * @param kind a stable word: {@code fork}, {@code inconsistent}, {@code checkpoint}, {@code
 *     quorum}, {@code tree}, {@code entry-changed}, {@code entry}, {@code key}, {@code proof},
 *     {@code view}, {@code paging}, {@code rollback}, {@code unreachable}
 * @param what one sentence naming what differs
 * @param evidence the material behind it, each item labelled with where it came from
 */
public record Finding(String kind, String what, List<String> evidence) {
  public Finding {
    evidence = List.copyOf(evidence);
  }

  /** The finding as a person reads it, evidence indented below the sentence. */
  public String text() {
    StringBuilder b = new StringBuilder(kind).append(": ").append(what).append('\n');
    for (String e : evidence)
      b.append("  ").append(e.replace("\n", "\n  ").stripTrailing()).append('\n');
    return b.toString();
  }
}
