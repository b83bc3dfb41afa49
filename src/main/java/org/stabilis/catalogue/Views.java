package org.stabilis.catalogue;

import static org.stabilis.catalogue.Role.COORDINATOR;
import static org.stabilis.catalogue.Role.INSPECTOR;
import static org.stabilis.catalogue.Role.SECURITY;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which view shows which detail to which role (SPEC §2.6, §2.10), in one table. Every route and
 * dashboard fragment that reads the log is a row: the roles it opens to (none listed: every
 * signed-in reader, observers included), and the concealable fields it shows where they appear. A
 * concealable field is shown to a reader entitled to it (its author, or a holder of one of its
 * reader roles in {@link EventCatalogue}) and replaced by {@code {"concealed": true}} for anyone
 * else; a field that was not concealed is shown to every reader of the view. Derived facts and
 * aggregates (zones of incidents, counts, shares, statuses, alerts) are the same for every reader.
 */
public final class Views {
  private Views() {}

  /** A concealable field shown by a view: {@code field} of the body of {@code type}. */
  public record Detail(String type, String field) {}

  /**
   * A view. {@code path} as routes name it ({@code {id}} for a path parameter); {@code openTo}
   * empty: every reader; {@code refusal}: what a reader outside {@code openTo} is told instead.
   */
  public record View(
      String method, String path, Set<Role> openTo, List<Detail> details, String refusal) {
    public boolean opensTo(Reader r) {
      return openTo.isEmpty() || r.holdsAny(openTo);
    }

    boolean matches(String m, String p) {
      return method.equals(m) && Pattern.matches(path.replaceAll("\\{[a-z]+\\}", "[^/]+"), p);
    }
  }

  private static final Set<Role> ALL = Set.of();
  private static final Set<Role> SECURITY_FACTS = Set.of(COORDINATOR, SECURITY, INSPECTOR);
  private static final List<Detail> NONE = List.of();
  private static final Set<Role> PARTICIPANTS =
      java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.OBSERVER));
  private static final String PERMITS_REFUSAL =
      "observers read the permit queue as aggregates: GET /api/v1/permits/stats";
  private static final List<Detail> ZONE_HISTORY =
      List.of(
          new Detail("zone.suspended", "reason"),
          new Detail("demil.item-decommissioned", "evidence"),
          new Detail("zone.certified", "evidence"));
  private static final List<Detail> ITEMS =
      List.of(
          new Detail("demil.item-reported", "location"),
          new Detail("demil.item-decommissioned", "evidence"),
          new Detail("demil.item-verified", "evidence"));
  private static final List<Detail> INCIDENTS =
      List.of(
          new Detail("incident.reported", "location"), new Detail("incident.reported", "summary"));
  private static final List<Detail> INCIDENT_LIST =
      List.of(new Detail("incident.reported", "summary"));
  private static final List<Detail> PROJECTS =
      List.of(new Detail("project.registered", "location"));

  private static View get(String path, List<Detail> details) {
    return new View("GET", path, ALL, details, null);
  }

  /** The table. */
  public static final List<View> ALL_VIEWS =
      List.of(
          // The log itself: leaf data carries digests of concealed fields, never their values.
          get("/api/v1/log/checkpoint", NONE),
          get("/api/v1/log/checkpoint/latest", NONE),
          get("/api/v1/log/key", NONE),
          get("/api/v1/log/entries", NONE),
          get("/api/v1/log/proof/inclusion", NONE),
          get("/api/v1/log/proof/consistency", NONE),
          get("/api/v1/log/proof/bundle", NONE),
          get("/api/v1/log/tile/{path}", NONE),
          // Per entry: 403 unless the reader is its author or holds a reader role of its type.
          get("/api/v1/log/disclosures", NONE),
          get("/healthz", NONE),
          get("/api/v1/openapi.json", NONE),
          // Force generation: nothing concealable.
          get("/api/v1/capabilities", NONE),
          get("/api/v1/tasks", NONE),
          get("/api/v1/pledges", NONE),
          get("/api/v1/coverage", NONE),
          new View("POST", "/api/v1/coverage/what-if", ALL, NONE, null),
          // Zones: figures for everyone; the history quotes suspension reasons and evidence
          // digests.
          get("/api/v1/zones", NONE),
          get("/api/v1/zones/{id}", ZONE_HISTORY),
          new View(
              "GET",
              "/api/v1/demil/items",
              SECURITY_FACTS,
              ITEMS,
              "demilitarization items are shown to the coordinator, security forces and inspectors; "
                  + "observers read the per-zone figures at /api/v1/zones"),
          get("/api/v1/incidents", INCIDENTS),
          get("/api/v1/projects", PROJECTS),
          get("/api/v1/projects/{id}", PROJECTS),
          // Materials: nothing concealable.
          get("/api/v1/materials/items", NONE),
          get("/api/v1/materials/nodes", NONE),
          get("/api/v1/materials/balance", NONE),
          get("/api/v1/materials/balance.csv", NONE),
          get("/api/v1/materials/alerts", NONE),
          get("/api/v1/materials/alerts.csv", NONE),
          get("/api/v1/epcis/events", NONE),
          get("/api/v1/trace", NONE),
          // Corrections and obligations: every reader checks who retracted, disputed and owes what.
          get("/api/v1/corrections", NONE),
          get("/api/v1/obligations", NONE),
          get("/api/v1/obligations.csv", NONE),
          // Permits: who asked for what is for the parties that take part; observers read the
          // aggregates.
          new View("GET", "/api/v1/permits", PARTICIPANTS, NONE, PERMITS_REFUSAL),
          new View("GET", "/api/v1/permits.csv", PARTICIPANTS, NONE, PERMITS_REFUSAL),
          get("/api/v1/permits/stats", NONE),
          // The dashboard: the page embeds the map lists; the map draws
          // /api/v1/incidents?format=geojson.
          get("/", INCIDENT_LIST),
          get("/dashboard/pulse", NONE),
          get("/dashboard/panel/map-lists", INCIDENT_LIST),
          get("/dashboard/panel/coverage", NONE),
          get("/dashboard/panel/materials", NONE),
          get("/dashboard/panel/reconstruction", NONE),
          get("/dashboard/panel/integrity", NONE),
          get("/dashboard/panel/reciprocity", NONE),
          get("/dashboard/zone/{id}", ZONE_HISTORY),
          new View("POST", "/dashboard/what-if", ALL, NONE, null));

  /** The row for a request, if the table has one. */
  public static Optional<View> of(String method, String path) {
    for (View v : ALL_VIEWS) if (v.matches(method, path)) return Optional.of(v);
    return Optional.empty();
  }
}
