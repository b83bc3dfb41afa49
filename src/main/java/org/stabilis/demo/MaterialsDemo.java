package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The materials part of the demo (SPEC §8): crossings (scenario-facts §3), illustrative UN
 * warehouses, the dual-use catalogue (scenario-facts §4), several weeks of consignments, transfers,
 * receipts and the cases that raise each mass-balance alert.
 *
 * <p>Units: the log counts integers of a base unit (kg, m, piece, l). Reports give cement and steel
 * in tonnes (cement at 40 t a truck) and aggregate in m³; tonnes become kilograms exactly, and
 * aggregate is also counted in kilograms, as weighed at the crossing, so that one unit serves the
 * three "ABC" materials. Pipes and cable are counted in metres and equipment in pieces: no source
 * gives their units (scenario-facts §4), so that is a design choice. Quantities other than the
 * 40-tonne cement truck are illustrative.
 */
public final class MaterialsDemo {
  private MaterialsDemo() {}

  static final Instant FIRST_WEEK = Instant.parse("2025-10-20T07:00:00Z");

  /** Zikim reopened for northern aid on 12 November 2025 (scenario-facts §3). */
  static final Instant ZIKIM_REOPENED = Instant.parse("2025-11-12T07:00:00Z");

  static final long CEMENT_TRUCK_KG = 40_000; // "40 tonnes" per truck (scenario-facts §4)

  /**
   * Everything: the catalogue, the logistics part, then the projects part. Needs the projects of
   * the zones demo.
   */
  public static void load(DemoWorld w) {
    loadCatalogue(w);
    loadLogistics(w);
    loadProjects(w);
  }

  /**
   * The dual-use items and the nodes; projects name these items in their bills, so they come first.
   */
  public static void loadCatalogue(DemoWorld w) {
    Instant t = DemoScenario.START.plus(Duration.ofHours(6));
    item(w, t, "cement", "Cement (GRM \"ABC\" material; dual-use)", "kg");
    item(w, t, "steel-bar", "Steel reinforcement bar (GRM \"ABC\" material; dual-use)", "kg");
    item(w, t, "aggregate", "Aggregate (GRM \"ABC\" material; dual-use)", "kg");
    item(w, t, "pipes", "Pipes (COGAT dual-use list)", "m");
    item(w, t, "cable", "Electrical cable (dual-use)", "m");
    item(w, t, "generator", "Generator (heavy equipment; dual-use)", "piece");
    item(
        w,
        t,
        "fertiliser-an",
        "Ammonium nitrate fertiliser (COGAT: some fertilisers are dual-use)",
        "kg");

    // scenario-facts §3; Kissufim and Zikim coordinates are uncertain. Rafah is closed for goods:
    // defined so that it appears on the map, and no consignment is routed through it.
    node(
        w,
        t,
        "kerem-shalom",
        "crossing",
        "Kerem Shalom / Karem Abu Salem crossing",
        34.271,
        31.221);
    node(w, t, "kissufim", "crossing", "Kissufim crossing (location approximate)", 34.390, 31.366);
    node(w, t, "zikim", "crossing", "Zikim crossing (location approximate)", 34.517, 31.594);
    node(
        w,
        t,
        "rafah",
        "crossing",
        "Rafah crossing (people only; closed, late 2025)",
        34.259,
        31.249);
    node(
        w,
        t,
        "wh-deir-al-balah",
        "warehouse",
        "UN warehouse, Deir al-Balah (illustrative)",
        34.352,
        31.419);
    node(
        w,
        t,
        "wh-khan-younis",
        "warehouse",
        "UN warehouse, Khan Younis (illustrative)",
        34.303,
        31.344);
    node(
        w,
        t,
        "wh-gaza-city",
        "warehouse",
        "UN warehouse, Gaza City (illustrative)",
        34.450,
        31.517);
  }

  /** Consignments and transfers between warehouses; needs the catalogue and no project. */
  public static void loadLogistics(DemoWorld w) {

    // Six weeks of consignments (illustrative volumes; cement by the 40-tonne truck).
    for (int week = 0; week < 6; week++) {
      Instant d = FIRST_WEEK.plus(Duration.ofDays(7L * week));
      String wk = "w" + (week + 1);
      entered(
          w,
          d,
          "ks-" + wk + "-cement",
          "cement",
          3 * CEMENT_TRUCK_KG,
          "kerem-shalom",
          "wh-deir-al-balah");
      entered(
          w,
          d.plusSeconds(1800),
          "ks-" + wk + "-aggregate",
          "aggregate",
          60_000,
          "kerem-shalom",
          "wh-deir-al-balah");
      entered(
          w,
          d.plusSeconds(3600),
          "kis-" + wk + "-steel",
          "steel-bar",
          20_000,
          "kissufim",
          "wh-khan-younis");
      entered(
          w,
          d.plusSeconds(5400),
          "kis-" + wk + "-pipes",
          "pipes",
          1_200,
          "kissufim",
          "wh-khan-younis");
      entered(
          w,
          d.plusSeconds(7200),
          "ks-" + wk + "-cable",
          "cable",
          3_000,
          "kerem-shalom",
          "wh-khan-younis");
      if (week % 2 == 1)
        entered(
            w,
            d.plusSeconds(9000),
            "ks-" + wk + "-gen",
            "generator",
            6,
            "kerem-shalom",
            "wh-khan-younis");
      if (!d.isBefore(ZIKIM_REOPENED))
        entered(
            w,
            d.plusSeconds(10_800),
            "zik-" + wk + "-cement",
            "cement",
            2 * CEMENT_TRUCK_KG,
            "zikim",
            "wh-gaza-city");
    }
    entered(
        w,
        FIRST_WEEK.plus(Duration.ofDays(9)),
        "ks-fert-1",
        "fertiliser-an",
        10_000,
        "kerem-shalom",
        "wh-khan-younis");

    // Warehouse-to-warehouse transfers: most arrive in full.
    Instant d = FIRST_WEEK.plus(Duration.ofDays(2));
    transfer(
        w, d, "tr-dab-khy-01", "cement", CEMENT_TRUCK_KG, "wh-deir-al-balah", "wh-khan-younis");
    received(w, "un-logistics", d.plus(Duration.ofHours(5)), "tr-dab-khy-01", CEMENT_TRUCK_KG);
    d = FIRST_WEEK.plus(Duration.ofDays(10));
    transfer(
        w, d, "tr-dab-gzc-01", "cement", 2 * CEMENT_TRUCK_KG, "wh-deir-al-balah", "wh-gaza-city");
    received(w, "un-logistics", d.plus(Duration.ofHours(9)), "tr-dab-gzc-01", 2 * CEMENT_TRUCK_KG);

    // Shortfall, then explained: 1.5 t of 40 t arrive damaged and are declared lost in transit.
    d = FIRST_WEEK.plus(Duration.ofDays(16));
    transfer(w, d, "tr-dab-gzc-02", "cement", CEMENT_TRUCK_KG, "wh-deir-al-balah", "wh-gaza-city");
    received(
        w, "un-logistics", d.plus(Duration.ofHours(8)), "tr-dab-gzc-02", CEMENT_TRUCK_KG - 1_500);
    ObjectNode loss =
        DemoWorld.obj()
            .put("at", "wh-gaza-city")
            .put("item", "cement")
            .put("quantity", 1_500)
            .put("cause", "damaged")
            .put("shipment", "tr-dab-gzc-02");
    w.say("un-logistics", "material.loss-reported", loss, d.plus(Duration.ofDays(1)));

    // Shortfall left open: 2 t of steel bar missing on arrival, not explained.
    d = FIRST_WEEK.plus(Duration.ofDays(23));
    transfer(w, d, "tr-khy-gzc-03", "steel-bar", 10_000, "wh-khan-younis", "wh-gaza-city");
    received(w, "un-logistics", d.plus(Duration.ofHours(10)), "tr-khy-gzc-03", 8_000);

    // Overdue: generators leave Khan Younis and are never received.
    transfer(
        w,
        FIRST_WEEK.plus(Duration.ofDays(30)),
        "tr-khy-gzc-04",
        "generator",
        4,
        "wh-khan-younis",
        "wh-gaza-city");

    // Refused: more fertiliser than the warehouse holds cannot leave it.
    w.expectRefusal(
        "un-logistics",
        "material.transferred",
        DemoWorld.obj()
            .put("shipment", "tr-khy-dab-05")
            .put("item", "fertiliser-an")
            .put("quantity", 12_000)
            .put("from", "wh-khan-younis")
            .put("to", "wh-deir-al-balah"),
        FIRST_WEEK.plus(Duration.ofDays(31)));

    // One consignment captured as a GS1 EPCIS 2.0 document, as a crossing's system would send it.
    w.say(
        "un-logistics", "epcis.capture", epcisConsignment(), FIRST_WEEK.plus(Duration.ofDays(35)));
  }

  /**
   * Deliveries to projects, receipts by the implementers, inspections, consumption, an
   * over-consumption that an inspection later explains and one left open. Needs the zones and
   * reconstruction demo to have approved {@code proj-water-1} (impl-water; bill at least 200 t
   * cement and 3 000 m pipes) and {@code proj-shelter-1} (impl-shelter; bill at least 400 t cement,
   * 60 t steel bar, 100 t aggregate and 6 000 m cable) in verified zones.
   */
  public static void loadProjects(DemoWorld w) {
    Instant d =
        Instant.parse("2025-11-26T11:00:00Z"); // after both projects are approved (09:00, 09:10)
    transfer(
        w, d, "tr-water-01", "cement", 2 * CEMENT_TRUCK_KG, "wh-deir-al-balah", "proj-water-1");
    transfer(
        w, d.plusSeconds(600), "tr-water-02", "pipes", 2_400, "wh-khan-younis", "proj-water-1");
    transfer(
        w,
        d.plusSeconds(1200),
        "tr-shelter-01",
        "cement",
        3 * CEMENT_TRUCK_KG,
        "wh-deir-al-balah",
        "proj-shelter-1");
    transfer(
        w,
        d.plusSeconds(1800),
        "tr-shelter-02",
        "steel-bar",
        30_000,
        "wh-khan-younis",
        "proj-shelter-1");
    transfer(
        w,
        d.plusSeconds(2400),
        "tr-shelter-03",
        "aggregate",
        60_000,
        "wh-deir-al-balah",
        "proj-shelter-1");
    transfer(
        w,
        d.plusSeconds(3000),
        "tr-shelter-04",
        "cable",
        4_000,
        "wh-khan-younis",
        "proj-shelter-1");
    Instant r = d.plus(Duration.ofHours(20));
    received(w, "impl-water", r, "tr-water-01", 2 * CEMENT_TRUCK_KG);
    received(w, "impl-water", r.plusSeconds(600), "tr-water-02", 2_400);
    received(w, "impl-shelter", r.plusSeconds(1200), "tr-shelter-01", 3 * CEMENT_TRUCK_KG);
    received(w, "impl-shelter", r.plusSeconds(1800), "tr-shelter-02", 30_000);
    received(w, "impl-shelter", r.plusSeconds(2400), "tr-shelter-03", 60_000);
    received(w, "impl-shelter", r.plusSeconds(3000), "tr-shelter-04", 4_000);

    // A party acts only for itself: the shelter implementer cannot report the water project's use.
    w.expectRefusal(
        "impl-shelter",
        "material.consumed",
        consumed("proj-water-1", "cement", 1_000, 10),
        r.plus(Duration.ofHours(2)));

    Instant v = Instant.parse("2025-11-28T09:00:00Z");
    inspect(w, "proj-water-1", 15, v);
    inspect(w, "proj-shelter-1", 20, v.plusSeconds(3600));
    w.say(
        "impl-water",
        "material.consumed",
        consumed("proj-water-1", "cement", 40_000, 20),
        v.plus(Duration.ofDays(1)));
    w.say(
        "impl-water",
        "material.consumed",
        consumed("proj-water-1", "pipes", 600, 20),
        v.plus(Duration.ofDays(1)).plusSeconds(600));
    w.say(
        "impl-shelter",
        "material.consumed",
        consumed("proj-shelter-1", "cement", 60_000, 25),
        v.plus(Duration.ofDays(1)).plusSeconds(1200));
    // Over-consumption: all the steel bar used at 20% inspected progress (possible diversion), left
    // open.
    w.say(
        "impl-shelter",
        "material.consumed",
        consumed("proj-shelter-1", "steel-bar", 30_000, 30),
        v.plus(Duration.ofDays(2)));
    // Over-consumption of cement at the water project, explained by the next inspection.
    w.say(
        "impl-water",
        "material.consumed",
        consumed("proj-water-1", "cement", 40_000, 40),
        v.plus(Duration.ofDays(3)));
    inspect(w, "proj-water-1", 45, v.plus(Duration.ofDays(6)));
    // Damaged cable at the shelter site, reported by its implementer.
    w.say(
        "impl-shelter",
        "material.loss-reported",
        DemoWorld.obj()
            .put("at", "proj-shelter-1")
            .put("item", "cable")
            .put("quantity", 150)
            .put("cause", "damaged"),
        v.plus(Duration.ofDays(4)));
  }

  private static ObjectNode consumed(String project, String item, long q, int progress) {
    return DemoWorld.obj()
        .put("project", project)
        .put("item", item)
        .put("quantity", q)
        .put("progress", progress);
  }

  private static void inspect(DemoWorld w, String project, int progress, Instant t) {
    ObjectNode b = DemoWorld.obj().put("project", project).put("progress", progress);
    // An illustrative digest standing for the inspection report file (no file on the log).
    b.putArray("evidence")
        .add(sha256("illustrative inspection report " + project + " " + progress));
    w.say("monitors", "inspection.recorded", b, t);
  }

  private static void item(DemoWorld w, Instant t, String code, String name, String unit) {
    w.say(
        DemoScenario.COORDINATOR,
        "material.item-defined",
        DemoWorld.obj().put("code", code).put("name", name).put("unit", unit).put("dual_use", true),
        t);
  }

  private static void node(
      DemoWorld w, Instant t, String id, String kind, String name, double lon, double lat) {
    ObjectNode b = DemoWorld.obj().put("id", id).put("kind", kind).put("name", name);
    b.putArray("location").add(lon).add(lat);
    w.say(DemoScenario.COORDINATOR, "node.defined", b, t);
  }

  private static void entered(
      DemoWorld w, Instant t, String consignment, String item, long q, String crossing, String to) {
    w.say(
        "un-logistics",
        "material.entered",
        DemoWorld.obj()
            .put("consignment", consignment)
            .put("item", item)
            .put("quantity", q)
            .put("crossing", crossing)
            .put("to", to),
        t);
  }

  private static void transfer(
      DemoWorld w, Instant t, String shipment, String item, long q, String from, String to) {
    w.say(
        "un-logistics",
        "material.transferred",
        DemoWorld.obj()
            .put("shipment", shipment)
            .put("item", item)
            .put("quantity", q)
            .put("from", from)
            .put("to", to),
        t);
  }

  private static void received(DemoWorld w, String party, Instant t, String shipment, long q) {
    w.say(
        party,
        "material.received",
        DemoWorld.obj().put("shipment", shipment).put("quantity", q),
        t);
  }

  /** Two trucks of cement through Kerem Shalom, in tonnes (UN/ECE Rec. 20 TNE), as EPCIS 2.0. */
  private static ObjectNode epcisConsignment() {
    ObjectNode d = DemoWorld.obj();
    ArrayNode ctx = d.putArray("@context");
    ctx.add("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    ctx.addObject().put("stabilis", "urn:stabilis:epcis:");
    d.put("type", "EPCISDocument")
        .put("schemaVersion", "2.0")
        .put("creationDate", "2025-11-24T12:00:00Z");
    ObjectNode e = d.putObject("epcisBody").putArray("eventList").addObject();
    e.put("type", "ObjectEvent")
        .put("eventID", "urn:stabilis:demo:ks-w6-cement-epcis")
        .put("eventTime", "2025-11-24T10:30:00+02:00")
        .put("eventTimeZoneOffset", "+02:00")
        .put("action", "ADD")
        .put("bizStep", "entering_exiting");
    e.putObject("readPoint").put("id", "urn:stabilis:node:kerem-shalom");
    e.putArray("quantityList")
        .addObject()
        .put("epcClass", "urn:stabilis:item:cement")
        .put("quantity", 80)
        .put("uom", "TNE");
    e.putArray("bizTransactionList")
        .addObject()
        .put("type", "desadv")
        .put("bizTransaction", "urn:stabilis:shipment:ks-w6-cement-epcis");
    e.putArray("destinationList")
        .addObject()
        .put("type", "location")
        .put("destination", "urn:stabilis:node:wh-deir-al-balah");
    return d;
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
