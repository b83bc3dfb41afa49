package org.stabilis.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry of every {@link RuleCode}: built once from the owners' enums, in order. Guarantees:
 * wire names are unique, well formed, distinct from every top-level {@link ErrorCode}, and each has
 * a meaning. Construction fails naming the clash otherwise.
 */
public final class RuleCodes {
  private static final Pattern WIRE = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");

  private final Map<String, RuleCode> byWire;
  private final List<Class<?>> owners;

  private RuleCodes(Map<String, RuleCode> byWire, List<Class<?>> owners) {
    this.byWire = Collections.unmodifiableMap(byWire);
    this.owners = List.copyOf(owners);
  }

  /** The registry of these owners' codes; each argument is one owner's {@code values()}. */
  public static RuleCodes of(RuleCode[]... owners) {
    Map<String, RuleCode> byWire = new LinkedHashMap<>();
    List<Class<?>> classes = new ArrayList<>();
    for (RuleCode[] owner : owners) {
      if (owner.length == 0) throw new IllegalArgumentException("an owner with no rule codes");
      if (!(owner[0] instanceof Enum<?> first))
        throw new IllegalArgumentException("rule codes are enum constants");
      Class<?> type = first.getDeclaringClass();
      if (classes.contains(type))
        throw new IllegalArgumentException(type.getName() + " is registered twice");
      classes.add(type);
      for (RuleCode c : owner) {
        if (!WIRE.matcher(c.wire()).matches())
          throw new IllegalArgumentException(
              "rule code \""
                  + c.wire()
                  + "\" of "
                  + type.getName()
                  + " is not lower-case words joined by hyphens");
        if (c.meaning() == null || c.meaning().isBlank())
          throw new IllegalArgumentException(
              "rule code \"" + c.wire() + "\" of " + type.getName() + " has no meaning");
        for (ErrorCode e : ErrorCode.values())
          if (e.wire().equals(c.wire()))
            throw new IllegalArgumentException(
                "rule code \""
                    + c.wire()
                    + "\" of "
                    + type.getName()
                    + " is also a top-level error code");
        RuleCode before = byWire.putIfAbsent(c.wire(), c);
        if (before != null)
          throw new IllegalArgumentException(
              "rule code \""
                  + c.wire()
                  + "\" is owned twice: by "
                  + ownerName(before)
                  + " and by "
                  + ownerName(c));
      }
    }
    return new RuleCodes(byWire, classes);
  }

  private static String ownerName(RuleCode c) {
    Enum<?> e = (Enum<?>) c;
    return e.getDeclaringClass().getName() + "." + e.name();
  }

  /** Every code, in registration order. */
  public List<RuleCode> all() {
    return List.copyOf(byWire.values());
  }

  /** The code with this wire name. */
  public Optional<RuleCode> find(String wire) {
    return Optional.ofNullable(byWire.get(wire));
  }

  /** The owner types, in registration order. */
  public List<Class<?>> owners() {
    return owners;
  }
}
