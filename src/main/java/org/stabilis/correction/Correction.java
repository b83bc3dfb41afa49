package org.stabilis.correction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.Event;

/**
 * The correction events of SPEC §4 ("Corrections and disputes"), decoded once from the bodies the
 * catalogue's schema has already checked.
 */
sealed interface Correction {

  /** The entry the correction is about. */
  long index();

  /** {@code record.retracted}: entry {@code index} is to be treated as never accepted. */
  record Retracted(long index, String reason, String note) implements Correction {}

  /**
   * {@code record.disputed}: the fact of entry {@code index} stands, and this party disputes it.
   */
  record Disputed(long index, String reason, List<String> evidence) implements Correction {}

  /** {@code record.dispute-withdrawn}: the signer no longer disputes entry {@code index}. */
  record DisputeWithdrawn(long index) implements Correction {}

  String RETRACTED = "record.retracted";
  String DISPUTED = "record.disputed";
  String DISPUTE_WITHDRAWN = "record.dispute-withdrawn";

  /** The correction {@code e} states, or empty when {@code e} is of another type. */
  static Optional<Correction> decode(Event e) {
    JsonNode b = e.body();
    return switch (e.type()) {
      case RETRACTED ->
          Optional.of(new Retracted(b.get("index").asLong(), e.text("reason"), e.text("note")));
      case DISPUTED -> {
        List<String> evidence = new ArrayList<>();
        b.path("evidence").forEach(n -> evidence.add(n.asText()));
        yield Optional.of(
            new Disputed(b.get("index").asLong(), e.text("reason"), List.copyOf(evidence)));
      }
      case DISPUTE_WITHDRAWN -> Optional.of(new DisputeWithdrawn(b.get("index").asLong()));
      default -> Optional.empty();
    };
  }

  static boolean isCorrection(String type) {
    return type.equals(RETRACTED) || type.equals(DISPUTED) || type.equals(DISPUTE_WITHDRAWN);
  }
}
