package org.stabilis.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.correction.CorrectionView;
import org.stabilis.force.CoverageView;
import org.stabilis.incident.IncidentView;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.material.MaterialView;
import org.stabilis.obligation.ObligationView;
import org.stabilis.party.PartyRegistry;
import org.stabilis.party.PartyView;
import org.stabilis.reconstruction.ProjectListing;
import org.stabilis.web.ApiException;
import org.stabilis.web.Auth;
import org.stabilis.zone.ZoneListing;

/**
 * The coordination centre's dashboard (SPEC §6): one page at {@code /} with the map, coverage,
 * materials, reconstruction and integrity panels, refreshed by htmx when the log grows. Nothing
 * here writes to the log: the what-if form is answered from copies.
 */
public final class Dashboard {
  /**
   * Versions of the WebJars in the build; the page links them, and nothing comes from the internet.
   */
  static final String LEAFLET = "/webjars/leaflet/1.9.4/dist/";

  static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
  static final String CHART = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private final LogService log;
  private final Auth auth;
  private final PartyView parties;
  private final CoverageView coverage;
  private final Panels panels;
  private final MaterialsPanel materials;
  private final ReciprocityPanel reciprocity;
  private final Map<String, String> assets;
  private final Readers readers;

  /**
   * Reads the modules through their published views only; {@code readers} tells who reads each
   * page.
   */
  public Dashboard(
      LogService log,
      Auth auth,
      PartyView parties,
      CoverageView coverage,
      ZoneListing zones,
      IncidentView incidents,
      ProjectListing projects,
      MaterialView materials,
      ObligationView obligations,
      CorrectionView corrections,
      Clock clock,
      Readers readers,
      java.util.Optional<org.stabilis.log.witness.Witnessing> witnessing) {
    this.log = log;
    this.readers = readers;
    this.auth = auth;
    this.parties = parties;
    this.coverage = coverage;
    this.panels = new Panels(log, zones, incidents, projects, coverage, parties, clock, witnessing);
    this.materials = new MaterialsPanel(log, materials);
    this.reciprocity = new ReciprocityPanel(log, obligations, corrections, clock);
    this.assets = Map.of("app.js", resource("app.js"), "app.css", resource("app.css"));
    // The solver's native library takes a second or two to load: load it now, not on the first
    // page.
    Thread.ofVirtual().name("coverage-warm-up").start(() -> coverage.current(panels.today()));
  }

  public void register(RoutesConfig r) {
    r.get("/", this::page);
    r.post("/signin", this::signIn);
    r.post("/signout", this::signOut);
    r.get(Auth.PUBLIC_ASSETS + "{name}", this::asset);
    r.get("/dashboard/pulse", this::pulse);
    r.get("/dashboard/panel/{name}", this::panel);
    r.get("/dashboard/zone/{id}", this::zone);
    r.post("/dashboard/what-if", this::whatIf);
  }

  // ---- sign-in ----------------------------------------------------------------------------

  void page(Context ctx) {
    String token = ctx.queryParam("token");
    if (token != null) {
      if (auth.signIn(ctx, token)) {
        // Take the token out of the address bar and the browser history.
        ctx.redirect("/", HttpStatus.SEE_OTHER);
      } else signInPage(ctx, 401, Msg.of("signin.invalid"));
      return;
    }
    Optional<String> party = auth.session(ctx);
    if (party.isEmpty()) {
      signInPage(ctx, 200, null);
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(dashboard(ctx, party.get()));
  }

  void signIn(Context ctx) {
    if (!auth.signIn(ctx, ctx.formParam("token"))) {
      signInPage(ctx, 401, Msg.of("signin.invalid"));
      return;
    }
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  /** Ends the session on the server, so that a copy of the old cookie reads nothing either. */
  void signOut(Context ctx) {
    auth.signOut(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void signInPage(Context ctx, int status, Msg error) {
    Html h = head(Msg.of("signin.title"));
    h.raw("<body class=signin><main id=main>");
    h.msg("h1", Msg.of("page.title"));
    h.msg("p", Msg.of("signin.help"));
    if (error != null) h.msg("p", error, "class", "error", "role", "alert");
    h.open("form", "method", "post", "action", "/signin");
    h.msg("label", Msg.of("signin.token"), "for", "token");
    h.open(
        "input",
        "id",
        "token",
        "name",
        "token",
        "type",
        "password",
        "autocomplete",
        "off",
        "required",
        "",
        "autofocus",
        "");
    h.msg("button", Msg.of("signin.submit"), "type", "submit");
    h.close("form").raw("</main></body></html>");
    ctx.status(status).contentType("text/html; charset=utf-8").result(h.toString());
  }

  // ---- the page ---------------------------------------------------------------------------

  private String dashboard(Context ctx, String party) {
    PartyRegistry.Party p = log.read(() -> parties.byId(party).orElse(null));
    List<Msg> roles =
        p == null
            ? List.of()
            : p.roles().stream().map(r -> r.wire()).sorted().map(r -> Msg.of("role." + r)).toList();
    Html h = head(Msg.of("page.title"));
    h.raw("<body>");
    h.msg("a", Msg.of("page.skip"), "href", "#main", "class", "skip");
    h.open("header", "class", "top");
    h.msg("h1", Msg.of("page.title"));
    h.open("nav", "aria-label", Msg.of("page.nav").english(), "data-i18n-label", "page.nav")
        .open("ul");
    for (String s :
        List.of(
            "workstation",
            "map",
            "coverage",
            "materials",
            "reconstruction",
            "reciprocity",
            "integrity"))
      h.open("li").msg("a", Msg.of("page.nav." + s), "href", "#" + s).close("li");
    h.close("ul").close("nav");
    h.raw(pulse(log.size()));
    h.open("form", "method", "post", "action", "/signout", "class", "who");
    h.msg(
        "span",
        roles.isEmpty()
            ? Msg.of("page.signed-in", "party", party)
            : Msg.of("page.signed-in-roles", "party", party, "roles", roles));
    h.msg("button", Msg.of("page.sign-out"), "type", "submit");
    h.close("form").close("header");
    h.open("main", "id", "main", "tabindex", "-1");
    Workstation.section(h);
    map(h, readers.of(party));
    h.raw(panels.coverage());
    h.raw(materials.render());
    h.raw(panels.reconstruction());
    h.raw(reciprocity.render());
    h.raw(panels.integrity(baseUrl(ctx)));
    h.close("main");
    h.raw("</body></html>");
    return h.toString();
  }

  private Html head(Msg title) {
    Html h = new Html();
    h.raw(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
            + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><link rel=icon href=\"data:,\">");
    h.msg("title", title);
    // htmx as the Content-Security-Policy allows it: no inline indicator style, no eval, and no
    // script from swapped fragments (they never carry any; this makes sure).
    h.open(
        "meta",
        "name",
        "htmx-config",
        "content",
        "{\"includeIndicatorStyles\":false,\"allowEval\":false,\"allowScriptTags\":false}");
    h.open("link", "rel", "stylesheet", "href", LEAFLET + "leaflet.css");
    h.open("link", "rel", "stylesheet", "href", Auth.PUBLIC_ASSETS + "app.css");
    h.open("link", "rel", "stylesheet", "href", Workstation.STYLE);
    h.open("script", "src", LEAFLET + "leaflet.js", "defer", "").close("script");
    h.open("script", "src", HTMX, "defer", "").close("script");
    h.open("script", "src", CHART, "defer", "").close("script");
    h.open("script", "src", Auth.PUBLIC_ASSETS + "app.js", "defer", "").close("script");
    h.open("script", "type", "module", "src", Workstation.SCRIPT).close("script");
    return h.raw("</head>");
  }

  private void map(Html h, Reader reader) {
    h.open("section", "id", "map", "class", "panel wide", "aria-labelledby", "map-h");
    h.msg("h2", Msg.of("dash.map.title"), "id", "map-h");
    h.open("div", "class", "map-row");
    h.open("div", "class", "map-col");
    h.open(
            "div",
            "id",
            "leaflet",
            "role",
            "region",
            "aria-label",
            Msg.of("dash.map.label").english(),
            "data-i18n-label",
            "dash.map.label")
        .close("div");
    h.open(
        "ul",
        "class",
        "legend",
        "aria-label",
        Msg.of("dash.legend").english(),
        "data-i18n-label",
        "dash.legend");
    for (String s : List.of("verified", "in-progress", "unverified", "suspended", "under-review"))
      h.open("li")
          .el("span", "", "class", "swatch status-" + s, "aria-hidden", "true")
          .text(" ")
          .msg("span", Msg.of("dash.legend.zone", "status", Msg.of("status." + s)))
          .close("li");
    for (String s : List.of("incident", "node", "trace", "outline"))
      h.open("li")
          .el("span", "", "class", "swatch " + s, "aria-hidden", "true")
          .text(" ")
          .msg("span", Msg.of("dash.legend." + s))
          .close("li");
    h.close("ul");
    h.open("div", "id", "zone-detail", "class", "detail", "aria-live", "polite")
        .msg("p", Msg.of("dash.zone.choose"))
        .close("div");
    h.close("div");
    h.open("div", "class", "map-text").raw(panels.mapLists(reader)).close("div");
    h.close("div").close("section");
  }

  static String baseUrl(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  // ---- fragments --------------------------------------------------------------------------

  /**
   * The live indicator, polled every two seconds. When the log has grown since {@code seen}, the
   * response carries {@code HX-Trigger: logchanged}, on which every panel and the map refresh.
   */
  private static String pulse(long size) {
    Html h = new Html();
    h.open(
        "p",
        "id",
        "pulse",
        "class",
        "pulse",
        "hx-get",
        "/dashboard/pulse?seen=" + size,
        "hx-trigger",
        "every 2s",
        "hx-swap",
        "outerHTML",
        "data-size",
        Long.toString(size));
    h.msg("span", Msg.of("dash.live"), "class", "dot")
        .text(" ")
        .msg("span", Msg.of("dash.log-size"))
        .text(" ")
        .num("strong", size, "id", "pulse-size");
    return h.close("p").toString();
  }

  void pulse(Context ctx) {
    long seen = parseSeen(ctx.queryParam("seen"));
    long size = log.size();
    if (size != seen) ctx.header("HX-Trigger", "logchanged");
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(pulse(size));
  }

  private static long parseSeen(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  void panel(Context ctx) {
    String html =
        switch (ctx.pathParam("name")) {
          case "coverage" -> panels.coverage();
          case "reconstruction" -> panels.reconstruction();
          case "integrity" -> panels.integrity(baseUrl(ctx));
          case "map-lists" -> panels.mapLists(readers.of(Auth.party(ctx)));
          case "materials" -> materials.render();
          case "reciprocity" -> reciprocity.render();
          default ->
              throw ApiException.notFound("no dashboard panel \"" + ctx.pathParam("name") + "\"");
        };
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  void zone(Context ctx) {
    String html = panels.zoneDetail(ctx.pathParam("id"), readers.of(Auth.party(ctx)));
    if (html == null)
      throw ApiException.notFound("zone \"" + ctx.pathParam("id") + "\" is not defined");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  /**
   * Runs the form's change through the same parser and service as POST /api/v1/coverage/what-if.
   */
  void whatIf(Context ctx) {
    ObjectNode body = StrictJson.mapper().createObjectNode();
    ObjectNode change = body.putArray("changes").addObject();
    String kind = String.valueOf(ctx.formParam("change"));
    switch (kind) {
      case "withdraw" -> change.put("withdraw", ctx.formParam("pledge"));
      case "lift" ->
          change
              .putObject("lift")
              .put("pledge", ctx.formParam("pledge"))
              .put("caveat", ctx.formParam("caveat"));
      case "add" -> {
        ObjectNode p = change.putObject("add");
        p.put("id", "what-if-" + ctx.formParam("party") + "-" + ctx.formParam("capability"));
        p.put("party", ctx.formParam("party"))
            .put("capability", ctx.formParam("capability"))
            .put("readiness", ctx.formParam("readiness"))
            .put("available_from", ctx.formParam("available_from"));
      }
      default -> {
        error(ctx, Msg.of("dash.what-if.choose"));
        return;
      }
    }
    switch (coverage.whatIf(body, panels.today())) {
      case CoverageView.WhatIfRefused r ->
          error(ctx, Msg.of("dash.what-if.refused-because", "reason", r.reason()));
      case CoverageView.WhatIfAnswer a -> {
        Html h = new Html();
        panels.coverageView(h, a.changed(), a.current());
        ctx.contentType("text/html; charset=utf-8").result(h.toString());
      }
    }
  }

  private static void error(Context ctx, Msg message) {
    Html h = new Html();
    h.msg("p", message, "class", "error", "role", "alert");
    // htmx swaps 2xx answers only; the message is an answer to show, not a failure of the page.
    ctx.contentType("text/html; charset=utf-8").result(h.toString());
  }

  void asset(Context ctx) {
    String name = ctx.pathParam("name");
    String body = assets.get(name);
    if (body == null) throw ApiException.notFound("no dashboard asset \"" + name + "\"");
    ctx.contentType(
        name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.result(body);
  }

  private static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null)
        throw new IllegalStateException(
            "the dashboard resource " + name + " is missing from the build");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
