package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zones part of the demo: the five governorates, each split along the line of IDF control
 * (scenario-facts §2) into the IDF-held part east of the line and the area west of it. The shapes
 * are schematic, drawn in a frame fitted to the Strip's rough corners; they are illustrative, not
 * surveyed. Estimates, items and incidents are illustrative orders of magnitude, not reported
 * figures.
 *
 * <p>Outcome: {@code rafah-idf} and {@code khan-younis-idf} verified, with {@code proj-water-1} and
 * {@code proj-shelter-1} approved in them; {@code deir-al-balah-idf} verified, then suspended by a
 * severity-4 rearmament indicator, freezing {@code proj-water-2}; {@code gaza-city-idf} and {@code
 * north-gaza-idf} in progress; {@code north-gaza-west} suspended by the monitors; the other western
 * areas unverified, where the approval of {@code proj-shelter-2} is refused.
 */
public final class ZonesDemo {
  private ZonesDemo() {}

  // Corners of the schematic frame, [lon, lat]: the coast and the eastern boundary at the
  // south-west (Egyptian border) and north-east ends. Approximated from scenario-facts §3.
  private static final double[] COAST_SW = {34.220, 31.320};
  private static final double[] COAST_NE = {34.490, 31.595};
  private static final double[] EAST_SW = {34.270, 31.220};
  private static final double[] EAST_NE = {34.565, 31.545};

  /** A governorate: its span along the Strip (0 = south-west end, 1 = north-east end). */
  private record Governorate(String id, String name, double from, double to) {}

  private static final List<Governorate> GOVERNORATES =
      List.of(
          new Governorate("rafah", "Rafah", 0.00, 0.17),
          new Governorate("khan-younis", "Khan Younis", 0.17, 0.40),
          new Governorate("deir-al-balah", "Deir al-Balah", 0.40, 0.60),
          new Governorate("gaza-city", "Gaza City", 0.60, 0.85),
          new Governorate("north-gaza", "North Gaza", 0.85, 1.00));

  /**
   * The line across the Strip (0 = coast, 1 = eastern boundary) at each governorate boundary:
   * schematic, following the reported pattern (IDF kept almost all of Rafah and Beit Lahia / Beit
   * Hanoun, left most of Gaza City), not the surveyed line.
   */
  private static final Map<Double, Double> LINE =
      Map.of(0.00, 0.20, 0.17, 0.40, 0.40, 0.55, 0.60, 0.70, 0.85, 0.72, 1.00, 0.35);

  private static final String SOURCE =
      "Schematic, illustrative: split along the line of IDF control as described by Al Jazeera "
          + "Mubasher (20 Oct 2025) and The National (21 Nov 2025); shapes are not surveyed.";

  /**
   * A demo zone's quadrilateral, corners counterclockwise; {@code inside} gives points within it.
   */
  private record Cell(double[][] corners) {
    double[] inside(double a, double b) {
      // A convex combination of the corners lies inside the convex quadrilateral.
      double[] p = new double[2];
      double[] w = {(1 - a) * (1 - b), a * (1 - b), a * b, (1 - a) * b};
      for (int i = 0; i < 4; i++) {
        p[0] += w[i] * corners[i][0];
        p[1] += w[i] * corners[i][1];
      }
      return new double[] {round(p[0]), round(p[1])};
    }
  }

  /**
   * Each governorate's two cells, by zone id: {@code <governorate>-west} from the coast to the
   * line, {@code <governorate>-idf} from the line to the eastern boundary.
   */
  private static Map<String, Cell> cells() {
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (Governorate g : GOVERNORATES) {
      double l0 = LINE.get(g.from()), l1 = LINE.get(g.to());
      cells.put(
          g.id() + "-idf",
          new Cell(
              new double[][] {
                frame(g.from(), l0), frame(g.from(), 1), frame(g.to(), 1), frame(g.to(), l1)
              }));
      cells.put(
          g.id() + "-west",
          new Cell(
              new double[][] {
                frame(g.from(), 0), frame(g.from(), l0), frame(g.to(), l1), frame(g.to(), 0)
              }));
    }
    return cells;
  }

  /**
   * A point [lon, lat] inside demo zone {@code zone}: {@code towardLine} from its coast or eastern
   * side (0) to the line (1), {@code along} from its south-western edge (0) to its north-eastern
   * one (1), both strictly between 0 and 1.
   */
  static double[] inside(String zone, double towardLine, double along) {
    Cell c = cells().get(zone);
    if (c == null) throw new IllegalArgumentException("no demo zone " + zone);
    // The cells' corners run from the south-western edge: coast or east first, then the line.
    return zone.endsWith("-west") ? c.inside(towardLine, along) : c.inside(1 - towardLine, along);
  }

  private static double[] frame(double u, double v) {
    double[] p = new double[2];
    for (int k = 0; k < 2; k++)
      p[k] =
          (1 - u) * (1 - v) * COAST_SW[k]
              + u * (1 - v) * COAST_NE[k]
              + (1 - u) * v * EAST_SW[k]
              + u * v * EAST_NE[k];
    return new double[] {round(p[0]), round(p[1])};
  }

  private static double round(double d) {
    return Math.round(d * 100_000) / 100_000.0;
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  /**
   * Loads zones, policy, estimates, items, verifications, certifications, projects and incidents.
   */
  public static void load(DemoWorld w) {
    Map<String, Cell> cells = cells();
    Instant t = at("2025-10-20T09:00:00Z");
    for (Governorate g : GOVERNORATES) {
      Cell idf = cells.get(g.id() + "-idf");
      Cell west = cells.get(g.id() + "-west");
      w.say(
          "cmcc",
          "zone.defined",
          zone(
              g.id() + "-idf",
              g.name() + ": area held by the IDF, east of the line (illustrative)",
              idf,
              "idf"),
          t);
      t = t.plusSeconds(120);
      // No party in the demo governs the western areas; the coordination centre is their nominal
      // controller.
      w.say(
          "cmcc",
          "zone.defined",
          zone(
              g.id() + "-west",
              g.name()
                  + ": area west of the line (illustrative; nominal controller: coordination centre)",
              west,
              "cmcc"),
          t);
      t = t.plusSeconds(120);
    }
    ObjectNode policy = DemoWorld.obj();
    policy.put("require_verified_zone", true);
    policy.put("min_decommissioned_share", 60);
    w.say("cmcc", "policy.gate-set", policy, at("2025-10-20T10:00:00Z"));

    // Independent estimates by the monitors (illustrative orders of magnitude).
    Instant e = at("2025-10-22T09:00:00Z");
    Object[][] estimates = {
      {"rafah-idf", "small-arms", 200},
      {"rafah-idf", "rockets", 40},
      {"rafah-idf", "tunnel", 12},
      {"khan-younis-idf", "small-arms", 150},
      {"khan-younis-idf", "mortars", 20},
      {"khan-younis-idf", "tunnel", 10},
      {"khan-younis-idf", "production-site", 2},
      {"deir-al-balah-idf", "small-arms", 60},
      {"deir-al-balah-idf", "tunnel", 4},
      {"gaza-city-idf", "small-arms", 120},
      {"gaza-city-idf", "tunnel", 8},
      {"gaza-city-idf", "cache", 5},
      {"north-gaza-idf", "tunnel", 15},
      {"north-gaza-idf", "rockets", 25},
      {"gaza-city-west", "small-arms", 400},
      {"khan-younis-west", "small-arms", 300}
    };
    for (Object[] row : estimates) {
      ObjectNode b = DemoWorld.obj();
      b.put("zone", (String) row[0])
          .put("category", (String) row[1])
          .put("count", (Integer) row[2]);
      w.say("monitors", "demil.estimate-set", b, e);
      e = e.plusSeconds(300);
    }

    // Items: id, zone, category, count, reporter, then whether decommissioned and verified.
    Object[][] items = {
      {"item-rafah-1", "rafah-idf", "small-arms", 90, "destroyed", true},
      {"item-rafah-2", "rafah-idf", "small-arms", 40, "handed-over", true},
      {"item-rafah-3", "rafah-idf", "rockets", 30, "destroyed", true},
      {"item-rafah-4", "rafah-idf", "tunnel", 9, "sealed", true},
      {"item-khan-younis-1", "khan-younis-idf", "small-arms", 100, "destroyed", true},
      {"item-khan-younis-2", "khan-younis-idf", "mortars", 15, "destroyed", true},
      {"item-khan-younis-3", "khan-younis-idf", "tunnel", 7, "sealed", true},
      {"item-khan-younis-4", "khan-younis-idf", "production-site", 2, "beyond-use", true},
      {"item-deir-al-balah-1", "deir-al-balah-idf", "small-arms", 45, "handed-over", true},
      {"item-deir-al-balah-2", "deir-al-balah-idf", "tunnel", 3, "sealed", true},
      {"item-gaza-city-1", "gaza-city-idf", "small-arms", 50, "destroyed", false},
      {"item-gaza-city-2", "gaza-city-idf", "tunnel", 2, null, false},
      {"item-north-gaza-1", "north-gaza-idf", "tunnel", 5, "destroyed", true},
      {"item-north-gaza-2", "north-gaza-idf", "rockets", 10, null, false}
    };
    Instant r = at("2025-10-25T08:00:00Z");
    int n = 0;
    for (Object[] row : items) {
      ObjectNode b = DemoWorld.obj();
      double[] p = cells.get((String) row[1]).inside(0.3 + 0.1 * (n % 4), 0.4 + 0.05 * (n % 3));
      b.put("id", (String) row[0]).put("category", (String) row[2]).put("count", (Integer) row[3]);
      b.putArray("location").add(p[0]).add(p[1]);
      w.say("idf", "demil.item-reported", b, r);
      r = r.plusSeconds(3600);
      n++;
    }
    // The monitors report a cache west of the line themselves; it is not yet decommissioned.
    ObjectNode cache = DemoWorld.obj();
    double[] cp = cells.get("gaza-city-west").inside(0.5, 0.5);
    cache
        .put("id", "item-gaza-city-west-1")
        .put("zone", "gaza-city-west")
        .put("category", "cache")
        .put("count", 1);
    cache.putArray("location").add(cp[0]).add(cp[1]);
    w.say("monitors", "demil.item-reported", cache, at("2025-10-31T10:00:00Z"));

    Instant d = at("2025-11-03T08:00:00Z");
    for (Object[] row : items) {
      if (row[4] == null) continue;
      ObjectNode b = DemoWorld.obj();
      b.put("id", (String) row[0]).put("method", (String) row[4]);
      b.putArray("evidence").add(digest("decommissioning record " + row[0]));
      w.say("idf", "demil.item-decommissioned", b, d);
      d = d.plusSeconds(4 * 3600);
    }
    Instant v = at("2025-11-12T08:00:00Z");
    for (Object[] row : items) {
      if (!(Boolean) row[5]) continue;
      ObjectNode b = DemoWorld.obj();
      b.put("id", (String) row[0]);
      b.putArray("evidence").add(digest("monitors' verification report " + row[0]));
      w.say("monitors", "demil.item-verified", b, v);
      v = v.plusSeconds(4 * 3600);
    }

    Instant c = at("2025-11-20T09:00:00Z");
    for (String z : List.of("rafah-idf", "khan-younis-idf", "deir-al-balah-idf")) {
      w.say("monitors", "zone.certified", certification(z), c);
      c = c.plusSeconds(3600);
    }
    // Gaza City east of the line has items not yet verified: the rules refuse its certification.
    w.expectRefusal(
        "monitors", "zone.certified", certification("gaza-city-idf"), at("2025-11-21T09:00:00Z"));

    Instant p = at("2025-11-24T09:00:00Z");
    w.say(
        "impl-water",
        "project.registered",
        project(
            "proj-water-1",
            "Water network repair, Rafah (illustrative)",
            "rafah-idf",
            cells.get("rafah-idf").inside(0.6, 0.6),
            "water-network",
            200_000,
            30_000,
            400_000,
            3_000,
            1_500),
        p);
    w.say(
        "impl-shelter",
        "project.registered",
        project(
            "proj-shelter-1",
            "Housing repair, Khan Younis (illustrative)",
            "khan-younis-idf",
            cells.get("khan-younis-idf").inside(0.6, 0.6),
            "housing-repair",
            400_000,
            60_000,
            700_000,
            800,
            6_000),
        p.plusSeconds(600));
    w.say(
        "impl-water",
        "project.registered",
        project(
            "proj-water-2",
            "Desalination unit connection, Deir al-Balah (illustrative)",
            "deir-al-balah-idf",
            cells.get("deir-al-balah-idf").inside(0.6, 0.6),
            "water-network",
            80_000,
            10_000,
            150_000,
            1_200,
            600),
        p.plusSeconds(1200));
    w.say(
        "impl-shelter",
        "project.registered",
        project(
            "proj-shelter-2",
            "Housing repair, Gaza City (illustrative)",
            "gaza-city-west",
            cells.get("gaza-city-west").inside(0.6, 0.6),
            "housing-repair",
            300_000,
            45_000,
            600_000,
            700,
            2_000),
        p.plusSeconds(1800));

    Instant a = at("2025-11-26T09:00:00Z");
    for (String id : List.of("proj-water-1", "proj-shelter-1", "proj-water-2")) {
      w.say("cmcc", "project.approved", reason(id, "zone verified and the gate policy holds"), a);
      a = a.plusSeconds(600);
    }
    w.expectRefusal(
        "cmcc", "project.approved", reason("proj-shelter-2", "requested by the implementer"), a);

    incident(
        w,
        "inc-1",
        "rearmament-indicator",
        4,
        cells.get("deir-al-balah-idf").inside(0.5, 0.7),
        "Illustrative: signs of renewed use of a previously sealed tunnel shaft",
        "monitors",
        at("2025-12-03T07:30:00Z"));
    // Offshore, west of the coast: in no zone, accepted and flagged.
    incident(
        w,
        "inc-2",
        "other",
        2,
        new double[] {34.30, 31.47},
        "Illustrative: vessel movement reported offshore, outside every defined zone",
        "cmcc",
        at("2025-12-05T06:00:00Z"));
    incident(
        w,
        "inc-3",
        "ceasefire-violation",
        3,
        cells.get("north-gaza-west").inside(0.5, 0.9),
        "Illustrative: exchange of fire reported near the line",
        "idf",
        at("2025-12-05T18:00:00Z"));
    ObjectNode s = DemoWorld.obj();
    s.put("zone", "north-gaza-west")
        .put("reason", "Illustrative: monitors suspend the area pending review of incident inc-3");
    s.put("incident", "inc-3");
    w.say("monitors", "zone.suspended", s, at("2025-12-06T09:00:00Z"));
    incident(
        w,
        "inc-4",
        "uxo",
        2,
        cells.get("rafah-west").inside(0.5, 0.5),
        "Illustrative: unexploded ordnance found and marked for disposal",
        "idf",
        at("2025-12-08T10:00:00Z"));
  }

  private static ObjectNode zone(String id, String name, Cell cell, String controller) {
    ObjectNode b = DemoWorld.obj();
    b.put("id", id).put("name", name);
    ObjectNode g = b.putObject("geometry");
    g.put("type", "Polygon");
    ArrayNode ring = g.putArray("coordinates").addArray();
    for (int i = 0; i <= 4; i++)
      ring.addArray().add(cell.corners()[i % 4][0]).add(cell.corners()[i % 4][1]);
    b.put("controller", controller).put("illustrative", true).put("source", SOURCE);
    return b;
  }

  private static ObjectNode certification(String zone) {
    ObjectNode b = DemoWorld.obj();
    b.put("zone", zone)
        .put(
            "criteria",
            "Illustrative: every reported item verified; decommissioned share meets the gate policy");
    b.putArray("evidence").add(digest("certification report " + zone));
    return b;
  }

  /**
   * Bill of materials in base units: kg for cement, steel bar and aggregate, m for pipes and cable.
   */
  private static ObjectNode project(
      String id,
      String name,
      String zone,
      double[] loc,
      String kind,
      long cement,
      long steel,
      long aggregate,
      long pipes,
      long cable) {
    ObjectNode b = DemoWorld.obj();
    b.put("id", id).put("name", name).put("zone", zone).put("kind", kind);
    b.putArray("location").add(loc[0]).add(loc[1]);
    ArrayNode m = b.putArray("materials");
    m.addObject().put("item", "cement").put("quantity", cement);
    m.addObject().put("item", "steel-bar").put("quantity", steel);
    m.addObject().put("item", "aggregate").put("quantity", aggregate);
    m.addObject().put("item", "pipes").put("quantity", pipes);
    m.addObject().put("item", "cable").put("quantity", cable);
    return b;
  }

  private static ObjectNode reason(String id, String reason) {
    ObjectNode b = DemoWorld.obj();
    b.put("id", id).put("reason", reason);
    return b;
  }

  static void incident(
      DemoWorld w,
      String id,
      String category,
      int severity,
      double[] loc,
      String summary,
      String party,
      Instant t) {
    ObjectNode b = DemoWorld.obj();
    b.put("id", id).put("category", category).put("severity", severity).put("summary", summary);
    b.putArray("location").add(loc[0]).add(loc[1]);
    w.say(party, "incident.reported", b, t);
  }

  /** Stands in for the SHA-256 of an evidence file (SPEC §1: the log holds digests, not files). */
  static String digest(String label) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(("illustrative evidence: " + label).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
