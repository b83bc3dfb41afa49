package org.stabilis.catalogue;

import static org.stabilis.catalogue.Role.CONTRIBUTOR;
import static org.stabilis.catalogue.Role.COORDINATOR;
import static org.stabilis.catalogue.Role.IMPLEMENTER;
import static org.stabilis.catalogue.Role.INSPECTOR;
import static org.stabilis.catalogue.Role.LOGISTICS;
import static org.stabilis.catalogue.Role.SECURITY;
import static org.stabilis.log.schema.Schema.anyObject;
import static org.stabilis.log.schema.Schema.array;
import static org.stabilis.log.schema.Schema.bool;
import static org.stabilis.log.schema.Schema.date;
import static org.stabilis.log.schema.Schema.gs1Key;
import static org.stabilis.log.schema.Schema.id;
import static org.stabilis.log.schema.Schema.integer;
import static org.stabilis.log.schema.Schema.object;
import static org.stabilis.log.schema.Schema.oneOf;
import static org.stabilis.log.schema.Schema.pattern;
import static org.stabilis.log.schema.Schema.point;
import static org.stabilis.log.schema.Schema.sha256;
import static org.stabilis.log.schema.Schema.text;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stabilis.log.EventTypes;
import org.stabilis.log.schema.Schema;

/**
 * The event catalogue of SPEC §4, in one place as data: every type, the roles that may submit it
 * and the schema of its body. Modules interpret the bodies; this table decides which types exist
 * and who may state them.
 */
public final class EventCatalogue implements EventTypes {

  /**
   * One catalogue row: who may submit the type, the schema of its body, and the top-level fields a
   * party may conceal (SPEC §2.10) with the roles that may read each. The author always reads its
   * own.
   */
  public record Type(
      String name, Set<Role> roles, Schema body, Map<String, Set<Role>> concealable) {}

  /** SPEC §2.10: who reads the concealed facts of demilitarization, evidence and incidents. */
  private static final Set<Role> SECURITY_READERS = Set.of(COORDINATOR, SECURITY, INSPECTOR);

  /** SPEC §2.10: who reads a concealed project location. */
  private static final Set<Role> PROJECT_READERS = Set.of(COORDINATOR, INSPECTOR);

  public static final Set<String> CAPABILITIES =
      Set.of(
          "infantry",
          "military-police",
          "border-security",
          "engineering",
          "eod",
          "medical",
          "logistics",
          "aviation",
          "police-training",
          "civil-affairs",
          "humanitarian-protection");
  public static final Set<String> DEMIL_CATEGORIES =
      Set.of(
          "small-arms",
          "light-weapons",
          "rockets",
          "mortars",
          "explosives",
          "tunnel",
          "production-site",
          "cache");
  public static final Set<String> INCIDENT_CATEGORIES =
      Set.of(
          "ceasefire-violation",
          "rearmament-indicator",
          "attack-on-aid",
          "diversion",
          "uxo",
          "tunnel-found",
          "other");

  private static final int NAME = 200;
  private static final int TEXT = 4000;
  private static final Schema EVIDENCE = array(sha256(), 0, 100);
  private static final Schema IDS = array(id(), 0, 1000);
  private static final Schema KEY =
      object().req("id", id()).req("public", pattern("^[A-Za-z0-9+/]{43}=$", 44)).build();
  private static final Schema ROLES =
      array(
          oneOf(java.util.Arrays.stream(Role.values()).map(Role::wire).toArray(String[]::new)),
          1,
          7);
  private static final Schema CAPABILITY = oneOf(CAPABILITIES.toArray(String[]::new));
  private static final Schema QUANTITY = integer(1, (1L << 53) - 1); // I-JSON safe integers
  private static final Schema PERCENT = integer(0, 100);
  private static final Schema PLEDGE =
      object()
          .req("id", id())
          .req("unit", text(NAME))
          .req("capability", CAPABILITY)
          .req("personnel", integer(1, 1_000_000))
          .req("readiness", oneOf("registered", "assessed", "ready", "rapid"))
          .req("available_from", date())
          .opt(
              "caveats",
              object()
                  .opt("excluded_tasks", IDS)
                  .opt("excluded_zones", IDS)
                  .opt("no_use_of_force", bool())
                  .opt("conditions", text(TEXT))
                  .build())
          .opt("illustrative", bool())
          .opt("source", text(TEXT))
          .build();

  private static final Schema INDEX = integer(0, (1L << 53) - 1);

  /** Every role that states facts: observers read and verify (SPEC §1), they state nothing. */
  private static final Set<Role> ANY_ROLE = EnumSet.complementOf(EnumSet.of(Role.OBSERVER));

  private final Map<String, Type> types = new LinkedHashMap<>();

  public EventCatalogue() {
    // Parties (SPEC §3)
    add(
        "party.registered",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("name", text(NAME))
            .req("kind", text(NAME))
            .opt("country", pattern("^[A-Z]{3}$", 3))
            .req("roles", ROLES)
            .req("keys", array(KEY, 1, 16))
            .build());
    add(
        "party.key-added",
        Set.of(COORDINATOR),
        object().req("party", id()).req("key", KEY).build());
    add(
        "party.key-revoked",
        Set.of(COORDINATOR),
        object().req("party", id()).req("key", id()).build());
    add(
        "party.roles-changed",
        Set.of(COORDINATOR),
        object().req("party", id()).req("roles", ROLES).build());

    // Mandate and force generation
    add(
        "mandate.task-defined",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("title", text(NAME))
            .req("source", text(TEXT))
            .req(
                "requirements",
                array(
                    object()
                        .req("capability", CAPABILITY)
                        .req("units", integer(1, 100_000))
                        .build(),
                    1,
                    50))
            .req("zones", IDS)
            .req("use_of_force", bool())
            .req("priority", integer(1, 100))
            .opt("fallback_party", id())
            .opt("need_by", date())
            .build());
    add("pledge.made", Set.of(CONTRIBUTOR), PLEDGE);
    add("pledge.amended", Set.of(CONTRIBUTOR), PLEDGE);
    add(
        "pledge.withdrawn",
        Set.of(CONTRIBUTOR),
        object().req("id", id()).req("reason", text(TEXT)).build());

    // Zones and demilitarization
    add(
        "zone.defined",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("name", text(NAME))
            .req("geometry", anyObject())
            .req("controller", id())
            .opt("illustrative", bool())
            .opt("source", text(TEXT))
            .build());
    add(
        "zone.control-changed",
        Set.of(COORDINATOR),
        object().req("id", id()).req("controller", id()).build());
    add(
        "demil.estimate-set",
        Set.of(SECURITY, INSPECTOR),
        object()
            .req("zone", id())
            .req("category", oneOf(DEMIL_CATEGORIES.toArray(String[]::new)))
            .req("count", integer(0, 100_000_000))
            .build());
    add(
        "demil.item-reported",
        Set.of(SECURITY, INSPECTOR),
        object()
            .req("id", id())
            .opt("zone", id())
            .req("category", oneOf(DEMIL_CATEGORIES.toArray(String[]::new)))
            .req("count", integer(1, 100_000_000))
            .req("location", point())
            .opt(
                "traced", array(object().req("item", id()).req("consignment", id()).build(), 0, 50))
            .build(),
        concealable(SECURITY_READERS, "location"));
    add(
        "demil.item-decommissioned",
        Set.of(SECURITY),
        object()
            .req("id", id())
            .req("method", oneOf("destroyed", "handed-over", "sealed", "beyond-use"))
            .req("evidence", EVIDENCE)
            .build(),
        concealable(SECURITY_READERS, "evidence"));
    add(
        "demil.item-verified",
        Set.of(INSPECTOR),
        object().req("id", id()).req("evidence", EVIDENCE).build(),
        concealable(SECURITY_READERS, "evidence"));
    add(
        "zone.certified",
        Set.of(INSPECTOR),
        object().req("zone", id()).req("criteria", text(TEXT)).req("evidence", EVIDENCE).build(),
        concealable(SECURITY_READERS, "evidence"));
    add(
        "zone.suspended",
        Set.of(INSPECTOR, COORDINATOR),
        object().req("zone", id()).req("reason", text(TEXT)).opt("incident", id()).build(),
        concealable(SECURITY_READERS, "reason"));

    // Reconstruction
    add(
        "policy.gate-set",
        Set.of(COORDINATOR),
        object()
            .req("require_verified_zone", bool())
            .req("min_decommissioned_share", PERCENT)
            .opt("exempt_kinds", array(text(NAME), 0, 100))
            .opt("restricted_items", IDS)
            .build());
    add(
        "project.registered",
        Set.of(IMPLEMENTER),
        object()
            .req("id", id())
            .req("zone", id())
            .req("location", point())
            .req("kind", text(NAME))
            .req(
                "materials",
                array(object().req("item", id()).req("quantity", QUANTITY).build(), 0, 200))
            .opt("name", text(NAME))
            .build(),
        concealable(PROJECT_READERS, "location"));
    add(
        "project.approved",
        Set.of(COORDINATOR),
        object().req("id", id()).req("reason", text(TEXT)).build());
    add(
        "project.rejected",
        Set.of(COORDINATOR),
        object().req("id", id()).req("reason", text(TEXT)).build());

    // Materials
    add(
        "material.item-defined",
        Set.of(COORDINATOR),
        object()
            .req("code", id())
            .req("name", text(NAME))
            .req("unit", oneOf("kg", "m", "piece", "l"))
            .req("dual_use", bool())
            .opt("gtin", gs1Key(14))
            .build());
    add(
        "node.defined",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("kind", oneOf("crossing", "warehouse"))
            .req("name", text(NAME))
            .req("location", point())
            .opt("gln", gs1Key(13))
            .opt("operator", id())
            .build());
    add(
        "material.entered",
        Set.of(LOGISTICS),
        object()
            .req("consignment", id())
            .req("item", id())
            .req("quantity", QUANTITY)
            .req("crossing", id())
            .req("to", id())
            .opt("permit", id())
            .build());
    add(
        "material.transferred",
        Set.of(LOGISTICS),
        object()
            .req("shipment", id())
            .req("item", id())
            .req("quantity", QUANTITY)
            .req("from", id())
            .req("to", id())
            .build());
    add(
        "material.received",
        Set.of(LOGISTICS, IMPLEMENTER),
        object().req("shipment", id()).req("quantity", integer(0, (1L << 53) - 1)).build());
    add(
        "material.consumed",
        Set.of(IMPLEMENTER),
        object()
            .req("project", id())
            .req("item", id())
            .req("quantity", QUANTITY)
            .req("progress", PERCENT)
            .build());
    add(
        "material.loss-reported",
        Set.of(LOGISTICS, IMPLEMENTER),
        object()
            .req("at", id())
            .req("item", id())
            .req("quantity", QUANTITY)
            .req("cause", text(TEXT))
            .opt("shipment", id())
            .build());
    add(
        "inspection.recorded",
        Set.of(INSPECTOR),
        object().req("project", id()).req("progress", PERCENT).req("evidence", EVIDENCE).build(),
        concealable(SECURITY_READERS, "evidence"));
    add("epcis.capture", Set.of(LOGISTICS, IMPLEMENTER), anyObject());

    // Incidents
    add(
        "incident.reported",
        Set.of(SECURITY, INSPECTOR, COORDINATOR),
        object()
            .req("id", id())
            .req("category", oneOf(INCIDENT_CATEGORIES.toArray(String[]::new)))
            .req("severity", integer(1, 5))
            .req("location", point())
            .req("summary", text(TEXT))
            .build(),
        concealable(SECURITY_READERS, "location", "summary"));

    // Decision rules (who must agree before a zone changes status)
    add(
        "policy.decisions-set",
        Set.of(COORDINATOR),
        object()
            .req("certification_quorum", integer(1, 50))
            .req("suspension", oneOf("immediate", "on-confirmation"))
            .req("confirm_within_hours", integer(1, 24 * 365))
            .build());
    add("incident.confirmed", Set.of(INSPECTOR, COORDINATOR), object().req("id", id()).build());

    // Phases and obligations: the obligated party reports (the obligation module checks who)
    add(
        "phase.defined",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("order", integer(1, 1000))
            .req("title", text(NAME))
            .req("source", text(TEXT))
            .opt("illustrative", bool())
            .build());
    add(
        "obligation.defined",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("phase", id())
            .req("party", id())
            .req("title", text(NAME))
            .opt("due", date())
            .opt("measure", text(TEXT))
            .req("source", text(TEXT))
            .opt("illustrative", bool())
            .build());
    add(
        "obligation.reported",
        ANY_ROLE,
        object().req("id", id()).req("evidence", EVIDENCE).req("note", text(TEXT)).build());
    add(
        "obligation.confirmed",
        Set.of(INSPECTOR),
        object().req("id", id()).req("evidence", EVIDENCE).build());

    // Permits for dual-use items
    add(
        "policy.permits-set",
        Set.of(COORDINATOR),
        object()
            .req("required_for_dual_use", bool())
            .req("decision_days", integer(1, 3650))
            .build());
    add(
        "permit.requested",
        Set.of(IMPLEMENTER, LOGISTICS),
        object()
            .req("id", id())
            .req(
                "items",
                array(object().req("item", id()).req("quantity", QUANTITY).build(), 1, 200))
            .opt("project", id())
            .req("purpose", text(TEXT))
            .build());
    add(
        "permit.decided",
        Set.of(COORDINATOR),
        object()
            .req("id", id())
            .req("decision", oneOf("approved", "rejected"))
            .req("reason", text(TEXT))
            .build());

    // Corrections and disputes: any role may state them; who may correct which entry is the
    // correction module's rule (the signer of the entry retracts it, any other party disputes it).
    add(
        "record.retracted",
        ANY_ROLE,
        object()
            .req("index", INDEX)
            .req("reason", oneOf("did-not-occur", "incorrect-data"))
            .req("note", text(TEXT))
            .build());
    add(
        "record.disputed",
        ANY_ROLE,
        object().req("index", INDEX).req("reason", text(TEXT)).req("evidence", EVIDENCE).build());
    add("record.dispute-withdrawn", ANY_ROLE, object().req("index", INDEX).build());
  }

  private void add(String name, Set<Role> roles, Schema body) {
    add(name, roles, body, Map.of());
  }

  private void add(String name, Set<Role> roles, Schema body, Map<String, Set<Role>> concealable) {
    types.put(
        name, new Type(name, Set.copyOf(EnumSet.copyOf(roles)), body, Map.copyOf(concealable)));
  }

  private static Map<String, Set<Role>> concealable(Set<Role> readers, String... fields) {
    Map<String, Set<Role>> m = new LinkedHashMap<>();
    for (String f : fields) m.put(f, readers);
    return m;
  }

  /**
   * The fields of {@code type} a party may conceal (SPEC §2.10), each with the roles that may read
   * it besides its author; empty for an unknown type or one that conceals nothing. For forms that
   * conceal these fields by default and tell the party who will see them.
   */
  public Map<String, Set<Role>> concealable(String type) {
    Type t = types.get(type);
    return t == null ? Map.of() : t.concealable();
  }

  @Override
  public Set<String> concealableFields(String type) {
    return concealable(type).keySet();
  }

  /**
   * The roles that read field {@code field} of {@code type} when it is concealed; empty when it is
   * not concealable.
   */
  public Set<Role> readers(String type, String field) {
    return concealable(type).getOrDefault(field, Set.of());
  }

  /**
   * The reader roles of {@code type} (SPEC §2.10): the roles that read any of its concealable
   * fields.
   */
  public Set<Role> readers(String type) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    concealable(type).values().forEach(out::addAll);
    return Set.copyOf(out);
  }

  /**
   * The reader {@code party} holding {@code roles} now, judged by this catalogue's concealment
   * rules.
   */
  public Reader reader(String party, Set<Role> roles) {
    return new Reader(party, roles, this);
  }

  @Override
  public Schema bodySchema(String type) {
    Type t = types.get(type);
    return t == null ? null : t.body();
  }

  /** The roles that may submit {@code type}; empty for an unknown type. */
  public Set<Role> rolesFor(String type) {
    Type t = types.get(type);
    return t == null ? Set.of() : t.roles();
  }

  public Map<String, Type> types() {
    return java.util.Collections.unmodifiableMap(types);
  }
}
