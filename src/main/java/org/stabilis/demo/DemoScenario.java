package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * The illustrative demo scenario (SPEC §8), drawn from public reporting as of late 2025. Parties
 * are organisations only; positions are as publicly reported and marked illustrative.
 */
public final class DemoScenario {

  /** A demo party: id, display name, kind, ISO 3166-1 alpha-3 country (or null) and roles. */
  public record DemoParty(
      String id, String name, String kind, String country, List<String> roles) {}

  public static final String ORIGIN = "stabilis.example/gaza-isf-demo";
  public static final String COORDINATOR = "cmcc";

  /** The parties of the scenario. */
  public static final List<DemoParty> PARTIES =
      List.of(
          new DemoParty(
              "cmcc",
              "Civil-Military Coordination Center (illustrative)",
              "coordination-centre",
              null,
              List.of("coordinator")),
          new DemoParty(
              "idn", "Indonesia (illustrative pledge)", "state", "IDN", List.of("contributor")),
          new DemoParty(
              "aze", "Azerbaijan (illustrative pledge)", "state", "AZE", List.of("contributor")),
          new DemoParty(
              "pak", "Pakistan (illustrative pledge)", "state", "PAK", List.of("contributor")),
          new DemoParty(
              "egy", "Egypt (illustrative pledge)", "state", "EGY", List.of("contributor")),
          new DemoParty(
              "ita", "Italy (illustrative pledge)", "state", "ITA", List.of("contributor")),
          new DemoParty(
              "jor", "Jordan (illustrative pledge)", "state", "JOR", List.of("contributor")),
          new DemoParty("idf", "Israel Defense Forces", "armed-forces", "ISR", List.of("security")),
          new DemoParty(
              "monitors",
              "Independent decommissioning monitors (illustrative)",
              "monitor",
              null,
              List.of("inspector")),
          new DemoParty(
              "ivc",
              "Implementation Verification Committee of donor-country representatives (illustrative, May 2026 roadmap)",
              "monitor",
              null,
              List.of("inspector")),
          new DemoParty(
              "pal-side",
              "Palestinian side of the roadmap's obligations (illustrative)",
              "administration",
              null,
              List.of("security")),
          new DemoParty(
              "un-logistics",
              "UN logistics (illustrative)",
              "un-agency",
              null,
              List.of("logistics")),
          new DemoParty(
              "impl-water",
              "Water and sanitation implementer (illustrative)",
              "implementer",
              null,
              List.of("implementer")),
          new DemoParty(
              "impl-shelter",
              "Shelter and housing implementer (illustrative)",
              "implementer",
              null,
              List.of("implementer")),
          new DemoParty("donors", "Donor group (observer)", "observer", null, List.of("observer")));

  /** 17 October 2025, the day the coordination centre opened (scenario-facts §1). */
  public static final Instant START = Instant.parse("2025-10-17T08:00:00Z");

  /** The loaded scenario: where it lives and a token to sign in with. */
  public record Loaded(App app, Path keysDir, Map<String, String> tokens) {}

  private DemoScenario() {}

  /**
   * Creates a log in {@code dataDir} (which must not hold one) and loads the scenario. Private keys
   * of the demo parties are written to {@code dataDir/keys} so that a user can submit as them.
   */
  public static Loaded load(Path dataDir, Clock clock, SecureRandom random) throws IOException {
    Path keys = dataDir.resolve("keys");
    Map<String, Ed25519PrivateKey> privateKeys = new LinkedHashMap<>();
    for (DemoParty p : PARTIES) privateKeys.put(p.id(), Ed25519PrivateKey.generate(random));
    // The scenario's events are dated from October 2025; accept them however long ago that is.
    long days = Math.max(30, java.time.Duration.between(START, clock.instant()).toDays() + 30);
    App app =
        App.initialise(
            dataDir,
            null,
            new App.Genesis(
                ORIGIN,
                COORDINATOR,
                PARTIES.get(0).name(),
                COORDINATOR + "-1",
                privateKeys.get(COORDINATOR),
                days),
            START,
            clock,
            random);
    try {
      Files.createDirectories(keys);
      for (var e : privateKeys.entrySet()) {
        e.getValue().writePkcs8Pem(keys.resolve(e.getKey() + ".pem"));
        Files.writeString(
            keys.resolve(e.getKey() + ".pem.pub"), e.getValue().publicKey().toSpkiPem());
      }
      DemoWorld w = new DemoWorld(app, random);
      for (var e : privateKeys.entrySet())
        w.addSigner(
            new EventSigner(
                e.getKey(),
                e.getKey() + "-1",
                e.getValue(),
                e.getKey().equals(COORDINATOR) ? 1 : 0));
      Instant t = START.plusSeconds(600);
      for (DemoParty p : PARTIES.subList(1, PARTIES.size())) {
        ObjectNode b = DemoWorld.obj();
        b.put("id", p.id());
        b.put("name", p.name());
        b.put("kind", p.kind());
        if (p.country() != null) b.put("country", p.country());
        p.roles().forEach(b.putArray("roles")::add);
        ObjectNode k = b.putArray("keys").addObject();
        k.put("id", p.id() + "-1");
        k.put("public", privateKeys.get(p.id()).publicKey().base64());
        w.say(COORDINATOR, "party.registered", b, t);
        t = t.plusSeconds(60);
      }
      MaterialsDemo.loadCatalogue(w);
      ZonesDemo.load(w);
      ForceDemo.load(w);
      MaterialsDemo.loadLogistics(w);
      MaterialsDemo.loadProjects(w);
      // The 2026 layer only when the clock has reached it: no event is stated in the log's future.
      boolean layer2026 = clock.instant().isAfter(DecisionsDemo.LATEST);
      if (layer2026) DecisionsDemo.load(w);
      w.flush();
      if (layer2026) DecisionsDemo.loadCorrections(w);
      Map<String, String> tokens = new LinkedHashMap<>();
      for (String party : List.of(COORDINATOR, "donors"))
        tokens.put(party, app.tokens.issue(party, clock.instant(), random));
      return new Loaded(app, keys, tokens);
    } catch (IOException | RuntimeException e) {
      app.close();
      throw e;
    }
  }
}
