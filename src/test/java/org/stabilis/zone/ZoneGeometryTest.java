package org.stabilis.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stabilis.zone.Mission.box;
import static org.stabilis.zone.Mission.polygon;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneGeometryTest {
  @TempDir Path dir;
  Mission m;

  @BeforeEach
  void setUp() {
    m = new Mission(dir.resolve("log"));
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private String refusedRule(com.fasterxml.jackson.databind.node.ObjectNode geometry) {
    return m.refused("cmcc", "zone.defined", m.zoneBody("bad", geometry)).rule().wire();
  }

  @Test
  void aRingWhoseFirstAndLastPositionsDiffer_isRefused() {
    var g = polygon(new double[] {34.30, 31.30, 34.34, 31.30, 34.34, 31.34, 34.30, 31.34});
    assertThat(refusedRule(g)).isEqualTo("invalid-geometry");
  }

  @Test
  void aSelfIntersectingBowtie_isRefused() {
    var g =
        polygon(
            new double[] {34.30, 31.30, 34.34, 31.34, 34.34, 31.30, 34.30, 31.34, 34.30, 31.30});
    var r = m.refused("cmcc", "zone.defined", m.zoneBody("bad", g));
    assertThat(r.rule().wire()).isEqualTo("invalid-geometry");
    assertThat(r.detail()).containsIgnoringCase("self-intersection");
  }

  @Test
  void aPointOrLineString_isRefused() {
    var g = Mission.obj();
    g.put("type", "Point");
    g.putArray("coordinates").add(34.3).add(31.3);
    assertThat(refusedRule(g)).isEqualTo("invalid-geometry");
  }

  @Test
  void aZoneReachingBeyondTheMissionArea_isRefused() {
    assertThat(refusedRule(polygon(box(34.50, 31.50, 34.70, 31.55))))
        .isEqualTo("outside-mission-area");
  }

  @Test
  void aZoneOverlappingAnother_isRefused_butOneSharingAnEdge_isAccepted() {
    m.defineZone("a", polygon(box(34.30, 31.30, 34.34, 31.34)));
    var r =
        m.refused(
            "cmcc", "zone.defined", m.zoneBody("b", polygon(box(34.33, 31.30, 34.37, 31.34))));
    assertThat(r.rule().wire()).isEqualTo("zone-overlap");
    assertThat(r.detail()).contains("\"a\"");
    m.defineZone("b", polygon(box(34.34, 31.30, 34.38, 31.34)));
    assertThat(m.app.log.read(() -> m.app.zones.zones()).size()).isEqualTo(2);
  }

  @Test
  void aSliverBelowTheTolerance_isNotAnOverlap() {
    m.defineZone("a", polygon(box(34.30, 31.30, 34.34, 31.34)));
    // Overlaps a by 1e-6° × 0.04° = 4e-8 deg², under the tolerance.
    m.defineZone("b", polygon(box(34.339999, 31.30, 34.38, 31.34)));
  }

  @Test
  void aMultiPolygon_isAccepted_andBothPartsLocatePoints() {
    var g = Mission.obj();
    g.put("type", "MultiPolygon");
    var coords = g.putArray("coordinates");
    for (double[] ring :
        new double[][] {box(34.30, 31.30, 34.32, 31.32), box(34.40, 31.40, 34.42, 31.42)}) {
      var r = coords.addArray().addArray();
      for (int i = 0; i < ring.length; i += 2) r.addArray().add(ring[i]).add(ring[i + 1]);
    }
    m.defineZone("multi", g);
    assertThat(zoneAt(34.31, 31.31)).contains("multi");
    assertThat(zoneAt(34.41, 31.41)).contains("multi");
    assertThat(zoneAt(34.36, 31.36)).isEmpty();
  }

  @Test
  void aPointOnTheEdge_isInTheZone_andOnASharedEdge_inTheEarlierDefinedZone() {
    m.defineZone("a", polygon(box(34.30, 31.30, 34.34, 31.34)));
    m.defineZone("b", polygon(box(34.34, 31.30, 34.38, 31.34)));
    assertThat(zoneAt(34.30, 31.32)).contains("a");
    assertThat(zoneAt(34.30, 31.30)).contains("a");
    assertThat(zoneAt(34.38, 31.32)).contains("b");
    assertThat(zoneAt(34.34, 31.32)).contains("a");
    assertThat(zoneAt(34.2999, 31.32)).isEmpty();
  }

  @Test
  void aPointInAHole_isInNoZone_butOnTheHolesEdge_isInTheZone() {
    double[] hole = {34.31, 31.31, 34.31, 31.33, 34.33, 31.33, 34.33, 31.31, 34.31, 31.31};
    m.defineZone("ring", polygon(box(34.30, 31.30, 34.34, 31.34), hole));
    assertThat(zoneAt(34.32, 31.32)).isEmpty();
    assertThat(zoneAt(34.31, 31.32)).contains("ring");
    assertThat(zoneAt(34.305, 31.32)).contains("ring");
    // A zone may fill the hole without overlapping.
    m.defineZone(
        "core",
        polygon(
            new double[] {34.31, 31.31, 34.33, 31.31, 34.33, 31.33, 34.31, 31.33, 34.31, 31.31}));
    assertThat(zoneAt(34.32, 31.32)).contains("core");
  }

  @Test
  void anIncidentOutsideEveryZone_isAcceptedAndFlagged_andOneInsideIsPlacedInItsZone() {
    m.defineZone("a", polygon(box(34.30, 31.30, 34.34, 31.34)));
    m.ok("idf", "incident.reported", m.incident("out", "rearmament-indicator", 5, 34.50, 31.50));
    m.ok("idf", "incident.reported", m.incident("in", "uxo", 2, 34.31, 31.31));
    var out = m.app.log.read(() -> m.app.incidents.incident("out").orElseThrow());
    var in = m.app.log.read(() -> m.app.incidents.incident("in").orElseThrow());
    assertThat(out.outsideZones()).isTrue();
    assertThat(out.zone()).isNull();
    assertThat(in.zone()).isEqualTo("a");
    assertThat(
            m.refused("idf", "incident.reported", m.incident("in", "uxo", 2, 34.31, 31.31))
                .rule()
                .wire())
        .isEqualTo("incident-exists");
  }

  @Test
  void aControlChange_isKeptAsHistory() {
    long def = m.defineZone("a", polygon(box(34.30, 31.30, 34.34, 31.34)));
    var b = Mission.obj();
    b.put("id", "a").put("controller", "cmcc");
    long ch = m.ok("cmcc", "zone.control-changed", b);
    var z = m.app.log.read(() -> m.app.zones.zone("a").orElseThrow());
    assertThat(z.controller()).isEqualTo("cmcc");
    assertThat(z.controlHistory())
        .extracting(ZoneBook.ControlChange::index)
        .containsExactly(def, ch);
    assertThat(m.refused("cmcc", "zone.control-changed", b).rule().wire())
        .isEqualTo("same-controller");
    b.put("controller", "nobody");
    assertThat(m.refused("cmcc", "zone.control-changed", b).rule().wire())
        .isEqualTo("no-such-party");
  }

  private Optional<String> zoneAt(double lon, double lat) {
    return m.app.log.read(() -> m.app.zones.zoneAt(lon, lat));
  }
}
