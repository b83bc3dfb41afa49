package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;

/**
 * Fuzzes zone geometry input (GeoJSON, RFC 7946): any strictly parsed JSON either becomes a valid
 * polygon inside the mission area, or is refused with a named rule and a reason; it never throws.
 * Stored inputs run as a regression test in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class GeoFuzzTest {
  @FuzzTest
  void anyGeometry_isEitherAValidZoneInsideTheMissionArea_orRefusedWithARule(byte[] data) {
    JsonNode json;
    try {
      json = StrictJson.parse(data);
    } catch (JsonInputException e) {
      return; // the submission parser refuses it before any module sees it
    }
    Geo.Parsed parsed = Geo.zoneGeometry(json);
    switch (parsed) {
      case Geo.Ok ok -> {
        assertThat(new IsValidOp(ok.geometry()).isValid()).isTrue();
        assertThat(Geo.MISSION_AREA.covers(ok.geometry())).isTrue();
      }
      case Geo.Refused r -> {
        assertThat(r.rejection().code()).isEqualTo(ErrorCode.RULE);
        assertThat(r.rejection().rule()).isNotBlank();
        assertThat(r.rejection().detail()).isNotBlank();
      }
    }
  }
}
