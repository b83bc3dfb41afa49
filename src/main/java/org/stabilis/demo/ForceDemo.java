package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The mandate and the pledged force of the demo (SPEC §8). Tasks follow UNSCR 2803 (2025) para 7
 * and point 15 of the Comprehensive Plan, each citing its source. Pledges follow the positions
 * states were publicly reported to hold in late 2025 (scenario-facts §1); unit names, sizes,
 * readiness and dates are illustrative, every pledge is marked so, and quotes are only those of the
 * reports cited. The demilitarization task names the Israel Defense Forces as fallback party.
 */
public final class ForceDemo {
  public static final String DEMILITARIZATION = "demil-enforce";
  public static final String BORDERS = "secure-borders";
  public static final String CIVILIANS = "protect-civilians";
  public static final String POLICE = "police-support";
  public static final String CORRIDORS = "humanitarian-corridors";

  private ForceDemo() {}

  public static void load(DemoWorld w) {
    Instant t = Instant.parse("2025-10-18T09:00:00Z");
    String cmcc = DemoScenario.COORDINATOR;
    w.say(
        cmcc,
        "mandate.task-defined",
        task(
            DEMILITARIZATION,
            "Ensure demilitarization: destroy military infrastructure and decommission weapons",
            "UNSCR 2803 (2025) para 7; draft tasks reported by Reuters: \"use all necessary measures\" to demilitarize Gaza"
                + " (newsbeep.com, 10 Nov 2025); Comprehensive Plan point 13",
            true,
            1,
            "idf",
            List.of(req("infantry", 3), req("eod", 2))),
        t);
    w.say(
        cmcc,
        "mandate.task-defined",
        task(
            BORDERS,
            "Secure border areas and stop munitions entering, with Israel and Egypt",
            "UNSCR 2803 (2025) para 7; Comprehensive Plan point 15",
            false,
            2,
            null,
            List.of(req("border-security", 2), req("infantry", 1))),
        t.plusSeconds(60));
    w.say(
        cmcc,
        "mandate.task-defined",
        task(
            CIVILIANS,
            "Protect civilians, including humanitarian operations",
            "UNSCR 2803 (2025) para 7",
            false,
            2,
            null,
            List.of(req("humanitarian-protection", 1), req("medical", 1))),
        t.plusSeconds(120));
    w.say(
        cmcc,
        "mandate.task-defined",
        task(
            POLICE,
            "Train and support vetted Palestinian police, consulting Jordan and Egypt",
            "UNSCR 2803 (2025) para 7; Comprehensive Plan point 15",
            false,
            3,
            null,
            List.of(req("police-training", 3))),
        t.plusSeconds(180));
    w.say(
        cmcc,
        "mandate.task-defined",
        task(
            CORRIDORS,
            "Secure humanitarian corridors",
            "UNSCR 2803 (2025) para 7",
            false,
            3,
            null,
            List.of(req("engineering", 1), req("logistics", 1))),
        t.plusSeconds(240));

    w.say(
        "egy",
        "pledge.made",
        pledge(
            "egy-border-1",
            "Border security unit (illustrative)",
            "border-security",
            400,
            "assessed",
            "2025-12-01",
            List.of(DEMILITARIZATION),
            false,
            "Reported: will contribute \"under certain parameters\" (UNSC mandate, defined scope); only if the US leads;"
                + " for security rather than combat with armed groups.",
            "israelhayom.com (20 Oct 2025); russia-islworld.ru citing TASS (23 Oct 2025)"),
        Instant.parse("2025-10-23T10:00:00Z"));
    w.say(
        "jor",
        "pledge.made",
        pledge(
            "jor-police-training-1",
            "Police training team, outside Gaza (illustrative)",
            "police-training",
            60,
            "ready",
            "2025-11-15",
            List.of(),
            true,
            "Reported: no troops; trains Palestinian police with Egypt. \"If it's peace enforcing, nobody will want to touch that.\"",
            "arabnews.com (27 Oct 2025)"),
        Instant.parse("2025-10-27T10:00:00Z"));
    w.say(
        "egy",
        "pledge.made",
        pledge(
            "egy-police-training-1",
            "Police training team with Jordan (illustrative)",
            "police-training",
            80,
            "ready",
            "2025-11-15",
            List.of(DEMILITARIZATION),
            false,
            "Reported: Egypt and Jordan to train Palestinian police.",
            "arabnews.com (27 Oct 2025)"),
        Instant.parse("2025-10-27T11:00:00Z"));
    w.say(
        "aze",
        "pledge.made",
        pledge(
            "aze-infantry-1",
            "Stabilization company for \"maintaining calm\" (illustrative)",
            "infantry",
            150,
            "assessed",
            "2026-01-15",
            List.of(),
            true,
            "Reported: willing to help with reconstruction and \"maintaining calm\"; will not send troops to engage Hamas or"
                + " enforce demilitarization; no troops until fighting fully stops (\"This can only happen if military action is"
                + " completely stopped\"); parliament must approve.",
            "jpost.com article-873108 (7 Nov 2025), citing Israel Hayom"),
        Instant.parse("2025-11-07T10:00:00Z"));
    w.say(
        "aze",
        "pledge.made",
        pledge(
            "aze-engineering-1",
            "Reconstruction engineer company (illustrative)",
            "engineering",
            120,
            "registered",
            "2026-01-15",
            List.of(),
            true,
            "Reported: reconstruction role; parliament must approve before any deployment.",
            "jpost.com article-873108 (7 Nov 2025), citing Israel Hayom"),
        Instant.parse("2025-11-07T10:05:00Z"));
    w.say(
        "ita",
        "pledge.made",
        pledge(
            "ita-carabinieri-1",
            "Carabinieri training team, outside Gaza and Rafah (illustrative)",
            "police-training",
            50,
            "ready",
            "2025-12-01",
            List.of(),
            true,
            "Reported: Carabinieri will train future Palestinian security forces at a location outside Gaza and Rafah.",
            "milanopost.info (11 Nov 2025)"),
        Instant.parse("2025-11-11T10:00:00Z"));
    // After 13 November: Indonesia's health-and-construction units and Pakistan's peacekeepers.
    w.say(
        "idn",
        "pledge.made",
        pledge(
            "idn-medical-1",
            "Field hospital (illustrative)",
            "medical",
            250,
            "ready",
            "2025-12-15",
            List.of(),
            false,
            "Reported: tasks to centre on \"health and construction\".",
            "lbcgroup.tv, Reuters (14 Nov 2025); allthe.news (15 Nov 2025)"),
        Instant.parse("2025-11-15T10:00:00Z"));
    w.say(
        "idn",
        "pledge.made",
        pledge(
            "idn-engineering-1",
            "Engineers with heavy machinery, water and sanitation (illustrative)",
            "engineering",
            300,
            "ready",
            "2025-12-15",
            List.of(),
            false,
            "Reported: field hospitals, water and sanitation, engineers with heavy machinery.",
            "lbcgroup.tv, Reuters (14 Nov 2025); allthe.news (15 Nov 2025)"),
        Instant.parse("2025-11-15T10:05:00Z"));
    w.say(
        "pak",
        "pledge.made",
        pledge(
            "pak-infantry-1",
            "Peacekeeping infantry battalion (illustrative)",
            "infantry",
            600,
            "assessed",
            "2026-01-01",
            List.of(DEMILITARIZATION),
            false,
            "Reported: will contribute to peacekeeping; on disarming Hamas: \"not ready… that's not our job\"; decision waits on the mandate.",
            "aa.com.tr (29 Nov 2025)"),
        Instant.parse("2025-11-29T10:00:00Z"));
    w.say(
        "egy",
        "pledge.amended",
        pledge(
            "egy-border-1",
            "Border security unit along the yellow line (illustrative)",
            "border-security",
            400,
            "assessed",
            "2025-12-01",
            List.of(DEMILITARIZATION),
            false,
            "Reported: urged deployment along the yellow line, as peacekeeping; for security rather than combat with armed groups.",
            "menafn.com (6 Dec 2025)"),
        Instant.parse("2025-12-06T10:00:00Z"));

    // The rules at work: a party cannot withdraw another's pledge, nor exclude a task that does not
    // exist.
    ObjectNode w1 =
        DemoWorld.obj()
            .put("id", "egy-border-1")
            .put("reason", "illustrative: refused, not Jordan's pledge");
    w.expectRefusal("jor", "pledge.withdrawn", w1, Instant.parse("2025-12-06T11:00:00Z"));
    w.expectRefusal(
        "jor",
        "pledge.made",
        pledge(
            "jor-x-1",
            "Illustrative refused pledge",
            "medical",
            10,
            "ready",
            "2025-12-01",
            List.of("no-such-task"),
            false,
            null,
            "illustrative"),
        Instant.parse("2025-12-06T11:05:00Z"));
  }

  private static ObjectNode req(String capability, int units) {
    return DemoWorld.obj().put("capability", capability).put("units", units);
  }

  private static ObjectNode task(
      String id,
      String title,
      String source,
      boolean force,
      int priority,
      String fallback,
      List<ObjectNode> reqs) {
    ObjectNode b = DemoWorld.obj().put("id", id).put("title", title).put("source", source);
    ArrayNode r = b.putArray("requirements");
    reqs.forEach(r::add);
    // Mission-wide: the zones are not tied to these tasks in the demo.
    b.putArray("zones");
    b.put("use_of_force", force).put("priority", priority);
    if (fallback != null) b.put("fallback_party", fallback);
    return b;
  }

  static ObjectNode pledge(
      String id,
      String unit,
      String capability,
      int personnel,
      String readiness,
      String from,
      List<String> excludedTasks,
      boolean noForce,
      String conditions,
      String source) {
    ObjectNode b =
        DemoWorld.obj()
            .put("id", id)
            .put("unit", unit)
            .put("capability", capability)
            .put("personnel", personnel)
            .put("readiness", readiness)
            .put("available_from", from);
    ObjectNode c = b.putObject("caveats");
    ArrayNode x = c.putArray("excluded_tasks");
    excludedTasks.forEach(x::add);
    c.putArray("excluded_zones");
    c.put("no_use_of_force", noForce);
    if (conditions != null) c.put("conditions", conditions);
    b.put("illustrative", true).put("source", source);
    return b;
  }
}
