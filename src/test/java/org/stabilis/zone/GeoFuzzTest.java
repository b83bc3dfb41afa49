package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        assertThat(r.rejection().rule().wire()).isNotBlank();
        assertThat(r.rejection().detail()).isNotBlank();
      }
    }
  }

  /**
   * Structured inputs reach the geometry checks far more often than raw bytes: polygons (with
   * holes, sometimes unclosed, sometimes several) built from fuzzed coordinates near the mission
   * area.
   */
  @FuzzTest
  void anyPolygonNearTheMissionArea_isEitherAValidZone_orRefusedWithARule(FuzzedDataProvider data) {
    ObjectNode g = StrictJson.mapper().createObjectNode();
    boolean multi = data.consumeBoolean();
    g.put("type", multi ? "MultiPolygon" : "Polygon");
    ArrayNode coords = g.putArray("coordinates");
    int polygons = multi ? data.consumeInt(1, 3) : 1;
    for (int p = 0; p < polygons; p++) {
      ArrayNode rings = multi ? coords.addArray() : coords;
      int ringCount = data.consumeInt(1, 3);
      for (int r = 0; r < ringCount; r++) {
        ArrayNode ring = rings.addArray();
        int n = data.consumeInt(0, 12);
        double lon0 = 0, lat0 = 0;
        for (int i = 0; i < n; i++) {
          double lon = 34.15 + data.consumeInt(0, 5000) / 10000.0;
          double lat = 31.15 + data.consumeInt(0, 5000) / 10000.0;
          if (i == 0) {
            lon0 = lon;
            lat0 = lat;
          }
          ring.addArray().add(lon).add(lat);
        }
        if (n > 0 && data.consumeBoolean()) ring.addArray().add(lon0).add(lat0); // usually closed
      }
    }
    Geo.Parsed parsed = Geo.zoneGeometry(g);
    switch (parsed) {
      case Geo.Ok ok -> {
        assertThat(new IsValidOp(ok.geometry()).isValid()).isTrue();
        assertThat(Geo.MISSION_AREA.covers(ok.geometry())).isTrue();
        assertThat(ok.geometry().getArea()).isPositive();
      }
      case Geo.Refused r -> {
        assertThat(r.rejection().rule().wire()).isNotBlank();
        assertThat(r.rejection().detail()).isNotBlank();
      }
    }
  }
}
