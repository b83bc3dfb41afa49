package org.stabilis.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Role;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.schema.Schema;
import org.stabilis.party.PartyRegistry;
import org.stabilis.party.PartyView;
import org.stabilis.web.ApiException;
import org.stabilis.web.Auth;

/**
 * The workstation of SPEC §6: the part of the dashboard page where a party's staff state facts. The
 * server only describes: the catalogue, as JSON, with the schema of every body it applies (the page
 * validates with it before it signs), the party and its roles, and the static scripts. The browser
 * holds the key, signs, queues and checks receipts; nothing here writes to the log.
 */
public final class Workstation {
  /** Where the page's scripts, messages and vendored libraries are served (public, no data). */
  static final String ASSETS = Auth.PUBLIC_ASSETS + "ws/";

  static final String SCRIPT = ASSETS + "workstation.js";
  static final String STYLE = ASSETS + "workstation.css";
  static final String CATALOGUE = "/dashboard/workstation/catalogue";

  /** At the root so that its scope is the whole page (Service Workers §"scope"). */
  static final String SERVICE_WORKER = "/workstation-sw.js";

  static final List<String> LANGUAGES = List.of("en", "ar", "he");

  /** The files of the workstation, all loaded at start so that a missing one fails the start. */
  private static final List<String> FILES =
      List.of(
          "workstation.js",
          "workstation.css",
          "forms.js",
          "validate.js",
          "keys.js",
          "queue.js",
          "receipt.js",
          "i18n.js",
          "mapping.js",
          "i18n/en.json",
          "i18n/ar.json",
          "i18n/he.json",
          "vendor/canonicalize.js",
          "vendor/idb-keyval.js",
          "vendor/qrcode.js",
          "vendor/basemap.geojson");

  /**
   * Which projection a field's value names, by field name (or {@code type.field} where one type's
   * field differs): the page offers the ids it reads from the API as a list to pick from.
   */
  static final Map<String, String> REFS =
      Map.ofEntries(
          Map.entry("zone", "zones"),
          Map.entry("zones", "zones"),
          Map.entry("excluded_zones", "zones"),
          Map.entry("controller", "parties"),
          Map.entry("party", "parties"),
          Map.entry("fallback_party", "parties"),
          Map.entry("operator", "parties"),
          Map.entry("item", "items"),
          Map.entry("crossing", "crossings"),
          Map.entry("from", "nodes"),
          Map.entry("to", "holders"),
          Map.entry("at", "holders"),
          Map.entry("project", "projects"),
          Map.entry("excluded_tasks", "tasks"),
          Map.entry("incident", "incidents"),
          Map.entry("pledge.amended.id", "pledges"),
          Map.entry("pledge.withdrawn.id", "pledges"),
          Map.entry("project.approved.id", "projects"),
          Map.entry("project.rejected.id", "projects"),
          Map.entry("zone.control-changed.id", "zones"),
          Map.entry("demil.item-decommissioned.id", "demil-items"),
          Map.entry("demil.item-verified.id", "demil-items"),
          Map.entry("party.registered.id", "none"),
          Map.entry("zone.defined.geometry", "polygon"),
          Map.entry("epcis.capture", "json"));

  private final EventCatalogue catalogue;
  private final LogService log;
  private final PartyView parties;
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  public Workstation(LogService log, EventCatalogue catalogue, PartyView parties) {
    this.log = log;
    this.catalogue = catalogue;
    this.parties = parties;
    for (String f : FILES) files.put(f, resource(f));
  }

  public void register(RoutesConfig r) {
    r.get(CATALOGUE, this::catalogue);
    r.get(ASSETS + "{name}", ctx -> asset(ctx, ctx.pathParam("name")));
    r.get(
        ASSETS + "{dir}/{name}",
        ctx -> asset(ctx, ctx.pathParam("dir") + "/" + ctx.pathParam("name")));
    r.get(
        SERVICE_WORKER,
        ctx -> {
          ctx.header("Cache-Control", "no-cache");
          ctx.contentType("text/javascript; charset=utf-8").result(resource("sw.js"));
        });
  }

  /** The empty section the script fills; the page's only markup for the workstation. */
  static void section(Html h) {
    h.open(
        "section",
        "id",
        "workstation",
        "class",
        "panel wide",
        "aria-labelledby",
        "ws-h",
        "data-catalogue",
        CATALOGUE,
        "data-sw",
        SERVICE_WORKER,
        "data-assets",
        ASSETS);
    h.msg("h2", Msg.of("ws.title"), "id", "ws-h");
    h.msg("p", Msg.of("ws.loading"), "id", "ws-loading");
    h.close("section");
  }

  void catalogue(Context ctx) {
    String party = Auth.party(ctx);
    Set<Role> roles =
        log.read(() -> parties.byId(party).map(PartyRegistry.Party::roles).orElse(Set.of()));
    ObjectNode out = StrictJson.mapper().createObjectNode();
    out.put("party", party);
    ArrayNode rs = out.putArray("roles");
    roles.stream().map(Role::wire).sorted().forEach(rs::add);
    ArrayNode ps = out.putArray("parties");
    log.read(() -> parties.all().stream().map(PartyRegistry.Party::id).toList()).forEach(ps::add);
    out.put("disclosures_accepted", true); // SPEC §2.10: the log takes concealed fields
    ObjectNode personal = out.putObject("personal_data");
    personal.put("email", Schema.Text.EMAIL.pattern());
    personal.put("phone", Schema.Text.PHONE.pattern());
    ArrayNode types = out.putArray("types");
    for (EventCatalogue.Type t : catalogue.types().values()) {
      if (t.roles().stream().noneMatch(roles::contains)) continue;
      ObjectNode o = types.addObject();
      o.put("type", t.name());
      ArrayNode tr = o.putArray("roles");
      t.roles().stream().map(Role::wire).sorted().forEach(tr::add);
      o.set("body", describe(t.body(), t.name(), null, t.concealable()));
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("application/json").result(out.toString());
  }

  /**
   * The schema as data, every constraint {@link Schema#check} applies, so that the page refuses
   * exactly what the server refuses (the browser tests check the two agree on generated bodies).
   */
  static ObjectNode describe(Schema s, String type, String field) {
    return describe(s, type, field, Map.of());
  }

  /**
   * As {@link #describe(Schema, String, String)}, marking the top-level fields the catalogue lets a
   * party conceal.
   */
  static ObjectNode describe(
      Schema s, String type, String field, Map<String, Set<Role>> concealable) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    switch (s) {
      case Schema.Text t -> {
        o.put("kind", "text").put("max", t.maxLength());
        if (t.pattern() != null) o.put("pattern", t.pattern().pattern());
      }
      case Schema.Gs1Key g -> o.put("kind", "gs1").put("digits", g.digits());
      case Schema.OneOf e -> {
        o.put("kind", "enum");
        ArrayNode v = o.putArray("values");
        e.values().stream().sorted().forEach(v::add);
      }
      case Schema.Int i -> o.put("kind", "integer").put("min", i.min()).put("max", i.max());
      case Schema.Bool b -> o.put("kind", "boolean");
      case Schema.Date d -> o.put("kind", "date");
      case Schema.Point p -> o.put("kind", "point");
      case Schema.AnyObject a -> o.put("kind", "object-any");
      case Schema.Arr a -> {
        o.put("kind", "array").put("min", a.minItems()).put("max", a.maxItems());
        o.set("items", describe(a.items(), type, field));
      }
      case Schema.Obj obj -> {
        o.put("kind", "object").put("open", obj.open());
        ArrayNode fields = o.putArray("fields");
        // Required fields in the order the server checks them, then the optional ones by name.
        for (String name : obj.order())
          field(fields, name, true, obj.required().get(name), type, field, concealable);
        obj.optional().keySet().stream()
            .sorted(Comparator.naturalOrder())
            .forEach(name ->
                field(fields, name, false, obj.optional().get(name), type, field, concealable));
      }
    }
    if (field == null && REFS.containsKey(type)) o.put("ref", REFS.get(type));
    return o;
  }

  private static void field(
      ArrayNode fields,
      String name,
      boolean required,
      Schema s,
      String type,
      String parent,
      Map<String, Set<Role>> concealable) {
    ObjectNode f = fields.addObject();
    f.put("name", name).put("required", required);
    f.set("schema", describe(s, type, name));
    if (parent == null) {
      String ref = REFS.getOrDefault(type + "." + name, REFS.get(name));
      if (ref != null) f.put("ref", ref);
      Set<Role> readers = concealable.get(name);
      if (readers != null) {
        ArrayNode r = f.putArray("concealable");
        readers.stream().map(Role::wire).sorted().forEach(r::add);
      }
    } else if (REFS.containsKey(name)) f.put("ref", REFS.get(name));
  }

  private void asset(Context ctx, String name) {
    byte[] body = files.get(name);
    if (body == null) throw ApiException.notFound("no workstation asset \"" + name + "\"");
    String type =
        name.endsWith(".js")
            ? "text/javascript; charset=utf-8"
            : name.endsWith(".css")
                ? "text/css; charset=utf-8"
                : name.endsWith(".json") || name.endsWith(".geojson")
                    ? "application/json"
                    : "application/octet-stream";
    ctx.contentType(type);
    ctx.header("Cache-Control", "no-cache");
    ctx.result(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Workstation.class.getResourceAsStream("/dashboard/workstation/" + name)) {
      if (in == null)
        throw new IllegalStateException(
            "the workstation resource " + name + " is missing from the build");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
