package org.stabilis.obligation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.Event;

/** The events of phases and obligations (SPEC §4), decoded once from schema-checked bodies. */
sealed interface Statement {

  record PhaseDefined(String id, int order, String title, String source) implements Statement {}

  record ObligationDefined(
      String id,
      String phase,
      String party,
      String title,
      LocalDate due,
      String measure,
      String source)
      implements Statement {}

  record Reported(String id, List<String> evidence, String note) implements Statement {}

  record Confirmed(String id, List<String> evidence) implements Statement {}

  static Optional<Statement> decode(Event e) {
    JsonNode b = e.body();
    return switch (e.type()) {
      case "phase.defined" ->
          Optional.of(
              new PhaseDefined(
                  e.text("id"), b.get("order").asInt(), e.text("title"), e.text("source")));
      case "obligation.defined" ->
          Optional.of(
              new ObligationDefined(
                  e.text("id"),
                  e.text("phase"),
                  e.text("party"),
                  e.text("title"),
                  e.text("due") == null ? null : LocalDate.parse(e.text("due")),
                  e.text("measure"),
                  e.text("source")));
      case "obligation.reported" ->
          Optional.of(new Reported(e.text("id"), digests(b), e.text("note")));
      case "obligation.confirmed" -> Optional.of(new Confirmed(e.text("id"), digests(b)));
      default -> Optional.empty();
    };
  }

  private static List<String> digests(JsonNode b) {
    List<String> out = new ArrayList<>();
    b.path("evidence").forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
