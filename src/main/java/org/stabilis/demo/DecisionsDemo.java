package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The 2026 layer of the demo (scenario-facts §6), illustrative and sourced: the roadmap's phases
 * with reciprocal obligations for each side, a verification committee as a second inspector party
 * and a certification quorum of two, Indonesia's conditions as caveats, temporary shelter exempt
 * from the gate and heavy building materials restricted, the COGAT and UN2720 truck counts as one
 * party's statement disputed by the other, a mistaken consignment retracted and restated, the
 * permit queue for dual-use items, a find traced back to an aid consignment, and the verification
 * committee's confirmations (an incident, one obligation of each side). Loaded only when the clock
 * is past the last date it draws on, so that no event is stated in the future of the log's clock.
 */
final class DecisionsDemo {
  private DecisionsDemo() {}

  /** The latest date this layer states events at. */
  static final Instant LATEST = Instant.parse("2026-07-31T12:00:00Z");

  static final String ROADMAP =
      "High Representative's 15-point roadmap, 21-22 May 2026: \"each obligation by one side triggers an"
          + " obligation by the other\"; no next phase \"without official confirmation\" (threadreaderapp.com; alquds.com, May 2026)."
          + " Illustrative.";
  static final String ORDER =
      "Order of decommissioning reported from a Board of Peace source: tunnels, then weapons factories, then"
          + " RPGs and mortars, then light weapons (panet.com, 2026). Illustrative.";
  static final String UNSCR =
      "UNSCR 2803 (2025): withdrawal linked to \"standards, milestones, and timeframes linked to"
          + " demilitarization\". Illustrative obligation of the other side, as the roadmap's reciprocity requires.";

  static void load(DemoWorld w) {
    Instant t = Instant.parse("2026-02-14T10:00:00Z");
    // Indonesia's conditions (14 Feb 2026) as caveats of its pledge.
    w.say(
        "idn",
        "pledge.amended",
        ForceDemo.pledge(
            "idn-medical-1",
            "Field hospital (illustrative)",
            "medical",
            250,
            "ready",
            "2025-12-15",
            List.of(ForceDemo.DEMILITARIZATION),
            true,
            "Reported conditions: national command; no combat and \"no direct confrontation with any armed parties\"; force only in"
                + " self-defence; consent of the Palestinian Authority; withdrawal \"if the mission deviates\"; tasks limited to protecting"
                + " civilians, medical care, reconstruction and police training. Deployment put \"on hold\" on 17 Mar 2026.",
            "thestar.com.my (15 Feb 2026); anews.com.tr (18 Mar 2026)"),
        t.plusSeconds(3600 * 24));

    // The verification body and its decision rules (21-22 May 2026). The window is illustrative.
    Instant may = Instant.parse("2026-05-22T10:00:00Z");
    w.say(
        "cmcc",
        "policy.decisions-set",
        DemoWorld.obj()
            .put("certification_quorum", 2)
            .put("suspension", "on-confirmation")
            .put("confirm_within_hours", 72),
        may);

    // Phases in the reported order of decommissioning, each with an obligation for each side.
    String[][] phases = {
      {"phase-1", "1", "Tunnels"},
      {"phase-2", "2", "Weapons factories"},
      {"phase-3", "3", "RPGs and mortars"},
      {"phase-4", "4", "Light weapons"}
    };
    Instant p = may.plusSeconds(600);
    for (String[] ph : phases) {
      w.say(
          "cmcc",
          "phase.defined",
          DemoWorld.obj()
              .put("id", ph[0])
              .put("order", Integer.parseInt(ph[1]))
              .put("title", ph[2])
              .put("source", ROADMAP + " " + ORDER)
              .put("illustrative", true),
          p);
      p = p.plusSeconds(60);
      w.say(
          "cmcc",
          "obligation.defined",
          obligation(
              ph[0] + "-pal",
              ph[0],
              "pal-side",
              "Verified decommissioning: " + ph[2].toLowerCase(),
              ORDER),
          p);
      p = p.plusSeconds(60);
      w.say(
          "cmcc",
          "obligation.defined",
          obligation(
              ph[0] + "-isr",
              ph[0],
              "idf",
              "Withdrawal milestone of " + ph[2].toLowerCase() + " phase",
              UNSCR),
          p);
      p = p.plusSeconds(60);
    }
    // The first Board of Peace report (20 May 2026) named the refusal of verified decommissioning
    // the principal obstacle:
    // nothing of phase 1 is reported, so phase 2 stays locked.
    w.expectRefusal(
        "idf",
        "obligation.reported",
        report("phase-2-isr", "milestone reached"),
        p.plusSeconds(60));

    confirmations(w);

    // Reconstruction by material class (about July 2026): temporary communities proceed, heavy
    // materials do not.
    ObjectNode gate =
        DemoWorld.obj().put("require_verified_zone", true).put("min_decommissioned_share", 60);
    gate.putArray("exempt_kinds").add("temporary-shelter");
    gate.putArray("restricted_items").add("cement").add("steel-bar").add("aggregate");
    w.say("cmcc", "policy.gate-set", gate, Instant.parse("2026-07-01T10:00:00Z"));

    permits(w);

    // A find traced back to aid (illustrative; no such find was reported): a production site west
    // of the line in Gaza City, the monitors naming a pipes consignment it was made from.
    ObjectNode find =
        DemoWorld.obj()
            .put("id", "item-gaza-city-west-2")
            .put("zone", "gaza-city-west")
            .put("category", "production-site")
            .put("count", 1);
    find.putArray("location").add(34.44).add(31.497);
    find.putArray("traced").addObject().put("item", "pipes").put("consignment", "kis-w1-pipes");
    w.say("monitors", "demil.item-reported", find, Instant.parse("2026-07-15T10:00:00Z"));
  }

  /** What the confirmations below are, since no source reports one. */
  static final String GENERIC =
      "Illustrative and generic: the sources report no such statement; it shows how the"
          + " roadmap's verification is recorded (the first Board of Peace report, 20 May 2026,"
          + " named the refusal of verified decommissioning the principal obstacle; mb.com.ph).";

  /**
   * The verification committee's decisions (SPEC §4 "Decision rules", "Phases and obligations"),
   * illustrative: the line's reported move as an incident that puts a zone under review until the
   * committee confirms it and the zone is suspended, in a western zone no project or other
   * statement of the demo depends on; and one obligation of each side in the first phase reported
   * and confirmed by the committee, which completes that phase. The facts behind them are the moved
   * line (scenario-facts §6); the confirmations themselves are generic, and say so.
   */
  private static void confirmations(DemoWorld w) {
    Instant t = Instant.parse("2026-07-21T08:00:00Z");
    ZonesDemo.incident(
        w,
        LINE_MOVED,
        "ceasefire-violation",
        4,
        ZonesDemo.inside(LINE_MOVED_ZONE, 0.9, 0.5),
        "Illustrative: the line reported moved. BBC Verify found 16 block positions moved"
            + " inward by 295 m on average (toptrends.io, 2026); IDF control grew from about 53% to"
            + " about 58% of the Strip, with an unmarked \"orange line\" 200-500 m beyond it"
            + " (theactualnews.org, 2026). The sources name no governorate: place, date, category"
            + " and severity are illustrative, and so is the committee's confirmation of it.",
        "monitors",
        t);
    // Within the policy's 72 hours: the zone goes from under review to suspended.
    w.say(
        "ivc",
        "incident.confirmed",
        DemoWorld.obj().put("id", LINE_MOVED),
        t.plusSeconds(26 * 3600));

    Instant r = Instant.parse("2026-07-24T10:00:00Z");
    for (String id : List.of("phase-1-pal", "phase-1-isr")) {
      String party = id.endsWith("-pal") ? "pal-side" : "idf";
      w.say(party, "obligation.reported", report(id, GENERIC), r);
      ObjectNode c = DemoWorld.obj().put("id", id);
      c.putArray("evidence")
          .add(ZonesDemo.digest("verification committee's confirmation of " + id));
      w.say("ivc", "obligation.confirmed", c, r.plusSeconds(3 * 86_400));
      r = r.plusSeconds(3600);
    }
  }

  /** The incident of the line's move, and the zone it is placed in. */
  static final String LINE_MOVED = "inc-2026-line-moved";

  static final String LINE_MOVED_ZONE = "khan-younis-west";

  /**
   * The approval queue for dual-use items (SPEC §4 "Permits"; the GRM and COGAT queues of
   * scenario-facts §4), illustrative: permits required from June 2026 with a decision due within 14
   * days, one request approved, one refused under the heavy-materials restriction, one still
   * waiting past its deadline, and an entry without a permit refused.
   */
  private static void permits(DemoWorld w) {
    Instant june = Instant.parse("2026-06-01T10:00:00Z");
    w.say(
        "cmcc",
        "policy.permits-set",
        DemoWorld.obj().put("required_for_dual_use", true).put("decision_days", 14),
        june);
    w.say(
        "un-logistics",
        "permit.requested",
        permit(
            "permit-2026-06-water",
            "pipes",
            30_000,
            "proj-water-1",
            "Water network repairs, pipes for the season (illustrative)"),
        june.plusSeconds(86_400));
    w.say(
        "cmcc",
        "permit.decided",
        DemoWorld.obj()
            .put("id", "permit-2026-06-water")
            .put("decision", "approved")
            .put(
                "reason",
                "Water and sanitation: quantities match the project's bill (illustrative)"),
        june.plusSeconds(86_400 * 6));
    w.say(
        "impl-shelter",
        "permit.requested",
        permit(
            "permit-2026-06-cement",
            "cement",
            400_000,
            "proj-shelter-1",
            "Permanent housing foundations (illustrative)"),
        june.plusSeconds(86_400 * 3));
    w.say(
        "cmcc",
        "permit.decided",
        DemoWorld.obj()
            .put("id", "permit-2026-06-cement")
            .put("decision", "rejected")
            .put(
                "reason",
                "No permanent reconstruction with heavy building materials while the zone does not"
                    + " meet the gate (scenario-facts §6; illustrative)"),
        june.plusSeconds(86_400 * 12));
    w.say(
        "un-logistics",
        "permit.requested",
        permit(
            "permit-2026-07-generators",
            "generator",
            4,
            null,
            "Generators for water pumping stations (illustrative)"),
        Instant.parse("2026-07-02T10:00:00Z"));
    // Cable is dual-use: without a permit its entry is refused.
    w.expectRefusal(
        "un-logistics",
        "material.entered",
        DemoWorld.obj()
            .put("consignment", "ks-2026-07-cable")
            .put("item", "cable")
            .put("quantity", 3_000)
            .put("crossing", "kerem-shalom")
            .put("to", "wh-khan-younis"),
        Instant.parse("2026-07-10T10:00:00Z"));
  }

  private static ObjectNode permit(
      String id, String item, long quantity, String project, String purpose) {
    ObjectNode b = DemoWorld.obj().put("id", id);
    b.putArray("items").addObject().put("item", item).put("quantity", quantity);
    if (project != null) b.put("project", project);
    return b.put("purpose", purpose);
  }

  /** After the staged events: the statements that name entries by index. */
  static void loadCorrections(DemoWorld w) {
    // The same deliveries counted by two parties: a UN consignment record disputed with the COGAT
    // count (scenario-facts §6).
    long first = w.indexOf("material.entered", "consignment", "ks-w1-cement");
    ObjectNode d =
        DemoWorld.obj()
            .put("index", first)
            .put(
                "reason",
                "Disputed count (illustrative): COGAT data give about 459 trucks a"
                    + " day for 12 Oct-7 Dec 2025 against about 113 a day in UN2720 offload data; the same deliveries, counted differently");
    d.putArray("evidence");
    w.sayNow("idf", "record.disputed", d, Instant.parse("2026-07-20T10:00:00Z"));
    // A mistaken consignment (the quantity typed wrong), retracted and restated (illustrative).
    ObjectNode wrong =
        DemoWorld.obj()
            .put("consignment", "ks-2026-07-pipes")
            .put("item", "pipes")
            .put("quantity", 30_000)
            .put("crossing", "kerem-shalom")
            .put("to", "wh-deir-al-balah")
            .put("permit", "permit-2026-06-water");
    long mistaken =
        w.sayNow("un-logistics", "material.entered", wrong, Instant.parse("2026-07-30T09:00:00Z"));
    w.sayNow(
        "un-logistics",
        "record.retracted",
        DemoWorld.obj()
            .put("index", mistaken)
            .put("reason", "incorrect-data")
            .put("note", "quantity entered as 30 000 m; the manifest says 3 000 m (illustrative)"),
        Instant.parse("2026-07-30T11:00:00Z"));
    w.sayNow(
        "un-logistics",
        "material.entered",
        wrong.deepCopy().put("quantity", 3_000).put("consignment", "ks-2026-07-pipes-r"),
        Instant.parse("2026-07-30T11:05:00Z"));
  }

  private static ObjectNode obligation(
      String id, String phase, String party, String title, String source) {
    return DemoWorld.obj()
        .put("id", id)
        .put("phase", phase)
        .put("party", party)
        .put("title", title)
        .put("source", source)
        .put("illustrative", true);
  }

  private static ObjectNode report(String id, String note) {
    ObjectNode b = DemoWorld.obj().put("id", id).put("note", note);
    b.putArray("evidence");
    return b;
  }
}
