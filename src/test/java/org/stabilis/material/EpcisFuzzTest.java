package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;

/**
 * Fuzzes EPCIS 2.0 capture documents: any strictly parsed JSON either maps onto at least one
 * movement, each traced to an event of the document, or is refused as a whole with a schema error
 * naming the field; it never throws. Stored inputs (written from the standard's examples) run as a
 * regression test in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class EpcisFuzzTest {
  private static final Ledger NAMES = Fixture.standard().m.ledger();

  @FuzzTest
  void anyDocument_mapsAllOrNothing_andARefusalNamesTheField(byte[] data) {
    JsonNode doc;
    try {
      doc = StrictJson.parse(data);
    } catch (JsonInputException e) {
      return; // the submission parser refuses it before any module sees it
    }
    Epcis.Read r = Epcis.read(doc, NAMES);
    if (r.rejection() != null) {
      assertThat(r.facts()).as("nothing is mapped from a refused document").isNullOrEmpty();
      assertThat(r.rejection().code()).isIn(ErrorCode.SCHEMA, ErrorCode.RULE);
      assertThat(r.rejection().detail()).isNotBlank();
      if (r.rejection().code() == ErrorCode.SCHEMA)
        assertThat(r.rejection().field()).startsWith("event.body");
    } else {
      assertThat(r.facts()).isNotEmpty();
      assertThat(r.eventOf()).hasSize(r.facts().size());
      int events = doc.path("epcisBody").path("eventList").size();
      for (int i : r.eventOf()) assertThat(i).isBetween(0, events - 1);
    }
  }
}
