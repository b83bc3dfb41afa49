package org.stabilis.log.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fuzzes RFC 8785 canonicalization of strictly parsed JSON: the canonical form is itself strict
 * JSON and canonical (a fixed point), so signer and verifier agree on the bytes. Stored inputs run
 * as a regression test in every build; {@code JAZZER_FUZZ=1} fuzzes for real (see README).
 */
class JcsFuzzTest {
  @FuzzTest
  void canonicalForm_reparses_andCanonicalizesToTheSameBytes(byte[] data) throws Exception {
    JsonNode parsed;
    try {
      parsed = StrictJson.parse(data);
    } catch (JsonInputException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    byte[] once;
    try {
      once = Jcs.canonicalize(parsed);
    } catch (IllegalArgumentException e) {
      // Values outside I-JSON (RFC 7493) have no canonical form; refused with a reason.
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    JsonNode again = StrictJson.parse(once);
    assertThat(Jcs.canonicalize(again)).isEqualTo(once);
  }
}
