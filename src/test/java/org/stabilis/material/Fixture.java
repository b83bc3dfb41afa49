package org.stabilis.material;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.catalogue.Role;
import org.stabilis.log.Rejection;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.zone.ZoneView;

/** A materials projection over fake project and zone views, driven fact by fact without the log. */
final class Fixture {
  static final Instant T0 = Instant.parse("2025-11-01T08:00:00Z");

  final Map<String, ProjectView.ProjectInfo> projects = new HashMap<>();
  final Map<String, ZoneView.Status> zones = new HashMap<>();
  final MaterialProjection m;
  long index = 1;
  Instant time = T0;

  Fixture() {
    ZoneView zv =
        new ZoneView() {
          @Override
          public boolean exists(String zoneId) {
            return zones.containsKey(zoneId);
          }

          @Override
          public Optional<Status> status(String zoneId) {
            return Optional.ofNullable(zones.get(zoneId));
          }
        };
    PartyRoles roles =
        (party, role) ->
            role == Role.LOGISTICS ? party.equals("un-logistics") : party.startsWith("impl-");
    m =
        new MaterialProjection(
            id -> Optional.ofNullable(projects.get(id)), zv, roles, Policy.DEFAULT);
  }

  /** Items, two crossings, two warehouses and an approved project in a verified zone. */
  static Fixture standard() {
    Fixture f = new Fixture();
    f.zones.put("zone-a", ZoneView.Status.VERIFIED);
    f.projects.put(
        "proj-water-1",
        new ProjectView.ProjectInfo(
            "proj-water-1",
            "zone-a",
            "impl-water",
            true,
            Map.of("cement", 100_000L, "pipes", 2_000L)));
    f.ok("cmcc", new Fact.Item("cement", "Cement", "kg", true, "09506000134352"));
    f.ok("cmcc", new Fact.Item("pipes", "Pipes", "m", true, null));
    f.ok("cmcc", new Fact.Item("generator", "Generator", "piece", true, null));
    f.ok("cmcc", new Fact.Node("ks", "crossing", "Kerem Shalom", 34.271, 31.221, null));
    f.ok("cmcc", new Fact.Node("zikim", "crossing", "Zikim", 34.517, 31.594, null));
    f.ok("cmcc", new Fact.Node("wh-1", "warehouse", "Warehouse 1", 34.35, 31.41, "0614141000012"));
    f.ok("cmcc", new Fact.Node("wh-2", "warehouse", "Warehouse 2", 34.45, 31.51, null));
    return f;
  }

  /** Checks then applies, as the sequencer does; returns the rejection or null. */
  Rejection say(String party, Fact fact) {
    Rejection r = m.check(party, fact);
    if (r == null) {
      m.apply(new Applied(index++, 0, time, time, party, fact, bill(fact), null, null));
      time = time.plusSeconds(3600);
    }
    return r;
  }

  long ok(String party, Fact fact) {
    Rejection r = say(party, fact);
    if (r != null) throw new AssertionError("refused: " + r);
    return index - 1;
  }

  private Map<String, Long> bill(Fact f) {
    String p =
        f instanceof Fact.Consumed c
            ? c.project()
            : f instanceof Fact.Inspected i ? i.project() : null;
    return p == null ? null : projects.containsKey(p) ? projects.get(p).materials() : Map.of();
  }

  List<Alert.View> alerts() {
    return m.ledger().alerts(time);
  }
}
