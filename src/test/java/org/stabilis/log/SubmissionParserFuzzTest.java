package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.StrictJson;

/**
 * Fuzzes the submission parser with arbitrary bytes. Runs the stored inputs as a regression test in
 * every build; {@code JAZZER_FUZZ=1} fuzzes for real (see README).
 */
class SubmissionParserFuzzTest {
  private static final SubmissionParser PARSER = new SubmissionParser(new EventCatalogue());

  @FuzzTest
  void anyBytes_giveExactlyOneOfEventOrRejection_andAcceptedEventsCanonicalizeStably(byte[] data)
      throws Exception {
    SubmissionParser.Result r = PARSER.parse(data);
    assertThat(r.event() == null)
        .as("exactly one of event and rejection")
        .isNotEqualTo(r.rejection() == null);
    if (r.rejection() != null) {
      assertThat(r.rejection().detail()).isNotBlank();
      assertThat(r.rejection().code().status()).isBetween(400, 499);
      return;
    }
    // What gets signed must be what a verifier recomputes from the stored bytes (SPEC §2.2).
    byte[] canonical = r.event().canonical();
    assertThat(Jcs.canonicalize(StrictJson.parse(canonical))).isEqualTo(canonical);
  }
}
