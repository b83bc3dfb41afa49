package org.stabilis.force;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stabilis.log.Event;

/**
 * Hypothetical changes to the pledged force (SPEC §5 what-if): withdraw a pledge, lift one caveat
 * of a pledge, add a pledge. Pure: applied to copies, never to the log.
 */
public final class WhatIf {
  private WhatIf() {}

  public sealed interface Change permits Withdraw, Lift, Add {}

  public record Withdraw(String pledge) implements Change {}

  public record Lift(String pledge, Eligibility.Caveat caveat) implements Change {}

  public record Add(Pledge pledge) implements Change {}

  /** A change that is well formed but names something that does not exist: answered with 422. */
  public static final class UnknownReference extends RuntimeException {
    private final ForceRule code;

    public UnknownReference(ForceRule code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public ForceRule code() {
      return code;
    }
  }

  /** Parses {@code {"changes":[...]}}. Throws IllegalArgumentException naming the bad change. */
  public static List<Change> parse(JsonNode body) {
    JsonNode changes = body == null ? null : body.get("changes");
    if (changes == null || !changes.isArray())
      throw new IllegalArgumentException(
          "the body must be {\"changes\": [...]} with withdraw, lift or add changes");
    if (changes.size() > 500) throw new IllegalArgumentException("at most 500 changes at once");
    List<Change> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : changes) {
      String at = "changes[" + i++ + "]";
      if (!c.isObject() || c.size() != 1)
        throw new IllegalArgumentException(
            at + ": each change is an object with exactly one of withdraw, lift, add");
      if (c.has("withdraw")) out.add(new Withdraw(id(c.get("withdraw"), at + ".withdraw")));
      else if (c.has("lift")) {
        JsonNode l = c.get("lift");
        String caveat = l.path("caveat").asText(null);
        if (caveat == null) throw new IllegalArgumentException(at + ".lift.caveat is required");
        out.add(
            new Lift(id(l.get("pledge"), at + ".lift.pledge"), Eligibility.Caveat.parse(caveat)));
      } else if (c.has("add")) out.add(new Add(hypothetical(c.get("add"), at + ".add")));
      else throw new IllegalArgumentException(at + ": expected withdraw, lift or add");
    }
    return out;
  }

  private static String id(JsonNode n, String at) {
    if (n == null || !n.isTextual() || !Event.isId(n.asText()))
      throw new IllegalArgumentException(at + " must be an id");
    return n.asText();
  }

  private static Pledge hypothetical(JsonNode b, String at) {
    if (b == null || !b.isObject())
      throw new IllegalArgumentException(at + " must be a pledge object");
    id(b.get("id"), at + ".id");
    id(b.get("party"), at + ".party");
    String cap = b.path("capability").asText("");
    if (!Capabilities.known(cap))
      throw new IllegalArgumentException(
          at + ".capability must be one of " + Capabilities.all().keySet());
    try {
      Readiness.parse(b.path("readiness").asText(""));
      LocalDate.parse(b.path("available_from").asText(""));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          at
              + ": readiness (registered|assessed|ready|rapid) and available_from (YYYY-MM-DD) are required");
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = b.deepCopy();
    if (!copy.has("unit")) copy.put("unit", "hypothetical " + cap + " unit");
    if (!copy.has("personnel")) copy.put("personnel", 0);
    return ForceProjection.pledge(b.get("party").asText(), copy);
  }

  /** The active pledges after {@code changes}, applied in order. */
  public static List<Pledge> apply(
      List<Pledge> active, Set<String> everPledged, List<Change> changes) {
    Map<String, Pledge> m = new LinkedHashMap<>();
    for (Pledge p : active) m.put(p.id(), p);
    for (Change c : changes) {
      switch (c) {
        case Withdraw w -> {
          if (m.remove(w.pledge()) == null)
            throw new UnknownReference(
                ForceRule.NO_SUCH_PLEDGE, "no active pledge " + w.pledge() + " to withdraw");
        }
        case Lift l -> {
          Pledge p = m.get(l.pledge());
          if (p == null)
            throw new UnknownReference(
                ForceRule.NO_SUCH_PLEDGE,
                "no active pledge " + l.pledge() + " whose caveat to lift");
          m.put(p.id(), Eligibility.lift(p, l.caveat()));
        }
        case Add a -> {
          if (m.containsKey(a.pledge().id()) || everPledged.contains(a.pledge().id()))
            throw new UnknownReference(
                ForceRule.PLEDGE_EXISTS,
                "pledge id "
                    + a.pledge().id()
                    + " is already used; give the hypothetical pledge a new id");
          m.put(a.pledge().id(), a.pledge());
        }
      }
    }
    return new ArrayList<>(m.values());
  }
}
