package org.stabilis.log;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which top-level body fields one entry conceals (SPEC §2.10), with the type and author that decide
 * who may read them. A projection keeps this beside every value it takes from the entry, so a view
 * can show the value to an entitled reader and {@code {"concealed": true}} to anyone else.
 */
public record Concealed(String type, String author, Set<String> fields) {
  /** Nothing concealed. */
  public static final Concealed NONE = new Concealed("", "", Set.of());

  public Concealed {
    Objects.requireNonNull(type);
    Objects.requireNonNull(author);
    // Sorted, so that every rendering is the same however the set was built: replayed from the
    // disclosures' order or read back from a snapshot.
    fields = Collections.unmodifiableSortedSet(new TreeSet<>(fields));
  }

  /** What {@code e} conceals. */
  public static Concealed of(Event e) {
    return e.concealed().isEmpty() ? NONE : new Concealed(e.type(), e.party(), e.concealed());
  }

  public boolean conceals(String field) {
    return fields.contains(field);
  }

  public boolean any() {
    return !fields.isEmpty();
  }
}
