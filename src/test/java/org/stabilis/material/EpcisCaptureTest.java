package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/** EPCIS capture through the real admission path, and the query document over HTTP. */
class EpcisCaptureTest {
  private static final Instant T = Instant.parse("2025-11-03T06:00:00Z");

  @TempDir Path dir;
  private App app;
  private Javalin web;
  private EventSigner cmcc, logistics;
  private String token;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    SecureRandom random = new SecureRandom(new byte[] {1});
    Ed25519PrivateKey ck = Ed25519PrivateKey.generate(random);
    Ed25519PrivateKey lk = Ed25519PrivateKey.generate(random);
    app =
        App.initialise(
            dir.resolve("data"),
            null,
            new App.Genesis("test.example/materials", "cmcc", "CMCC", "cmcc-1", ck, 30000),
            T,
            Clock.fixed(T.plusSeconds(86_400), ZoneOffset.UTC),
            random);
    cmcc = new EventSigner("cmcc", "cmcc-1", ck, 1);
    logistics = new EventSigner("un-logistics", "un-logistics-1", lk, 0);
    ObjectNode p =
        obj().put("id", "un-logistics").put("name", "UN logistics").put("kind", "un-agency");
    p.putArray("roles").add("logistics");
    p.putArray("keys")
        .addObject()
        .put("id", "un-logistics-1")
        .put("public", lk.publicKey().base64());
    accept(cmcc, "party.registered", p);
    accept(
        cmcc,
        "material.item-defined",
        obj()
            .put("code", "cement")
            .put("name", "Cement")
            .put("unit", "kg")
            .put("dual_use", true)
            .put("gtin", "00950600134356"));
    accept(
        cmcc, "node.defined", node("ks", "crossing", 34.271, 31.221).put("name", "Kerem Shalom"));
    accept(
        cmcc, "node.defined", node("wh-1", "warehouse", 34.35, 31.41).put("gln", "0614141000012"));
    accept(cmcc, "node.defined", node("wh-2", "warehouse", 34.45, 31.51));
    token = app.tokens.issue("un-logistics", T, random);
    web = app.web().start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    if (web != null) web.stop();
    app.close();
  }

  private static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  private static ObjectNode node(String id, String kind, double lon, double lat) {
    ObjectNode n = obj().put("id", id).put("kind", kind).put("name", id);
    n.putArray("location").add(lon).add(lat);
    return n;
  }

  private Outcome submit(EventSigner s, String type, JsonNode body) {
    return app.log.submit(s.sign(type, body, T.plusSeconds(60)));
  }

  /** Through the parser, as a submission over HTTP is: the schema applies. */
  private Outcome submitBytes(EventSigner s, String type, JsonNode body) {
    return app.log.submit(s.submission(type, body, T.plusSeconds(60)));
  }

  private void accept(EventSigner s, String type, JsonNode body) {
    assertThat(submit(s, type, body)).isInstanceOf(Outcome.Accepted.class);
  }

  private static JsonNode doc(String name) throws Exception {
    return StrictJson.mapper()
        .readTree(Files.readString(Path.of("src/test/resources/epcis/" + name)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void capturedDocument_becomesMovements_andQueryReturnsEquivalentEvents() throws Exception {
    JsonNode captured = doc("capture-crossing-to-warehouse.jsonld");
    accept(logistics, "epcis.capture", captured);

    var ledger = app.log.read(() -> app.materials.ledger());
    assertThat(ledger.stock("wh-1", "cement")).as("40 t entered, 40 000 kg shipped on").isZero();
    assertThat(ledger.stock("wh-2", "cement")).isEqualTo(39_000);
    assertThat(ledger.alerts(null))
        .as("the damaged 1 000 kg explains the short receipt")
        .singleElement()
        .satisfies(a -> {
          assertThat(a.kind()).isEqualTo("shortfall");
          assertThat(a.status()).isEqualTo("resolved");
          assertThat(a.resolvedBy()).isEqualTo("material.loss-reported");
        });

    HttpResponse<String> r = get("/api/v1/epcis/events");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode q = StrictJson.mapper().readTree(r.body());
    assertThat(q.path("type").asText()).isEqualTo("EPCISQueryDocument");
    assertThat(q.path("schemaVersion").asText()).isEqualTo("2.0");
    assertThat(q.path("@context").get(0).asText()).isEqualTo(Epcis.CONTEXT);
    JsonNode out = q.path("epcisBody").path("queryResults").path("resultsBody").path("eventList");
    JsonNode in = captured.path("epcisBody").path("eventList");
    assertThat(out.size()).isEqualTo(in.size());
    for (int i = 0; i < in.size(); i++) {
      JsonNode a = in.get(i), b = out.get(i);
      assertThat(b.path("eventID").asText()).isEqualTo(a.path("eventID").asText());
      assertThat(b.path("type").asText()).isEqualTo(a.path("type").asText());
      assertThat(java.time.OffsetDateTime.parse(b.path("eventTime").asText()).toInstant())
          .isEqualTo(java.time.OffsetDateTime.parse(a.path("eventTime").asText()).toInstant());
      assertThat(b.path("eventTimeZoneOffset").asText()).isEqualTo("+02:00");
    }
    assertThat(out.get(0).path("bizStep").asText()).isEqualTo("entering_exiting");
    assertThat(out.get(0).path("quantityList").get(0).path("quantity").asLong()).isEqualTo(40_000);
    assertThat(out.get(0).path("destinationList").get(0).path("destination").asText())
        .isEqualTo("urn:stabilis:node:wh-1");
    assertThat(out.get(1).path("bizTransactionList").get(0).path("bizTransaction").asText())
        .isEqualTo("urn:stabilis:shipment:ship-wh1-wh2-01");
    assertThat(out.get(2).path("quantityList").get(0).path("quantity").asLong()).isEqualTo(39_000);
    assertThat(out.get(3).path("disposition").asText()).isEqualTo("damaged");

    // The query document, captured again under new references, maps onto the same movements.
    String again =
        r.body()
            .replace("EPCISQueryDocument", "EPCISDocument")
            .replace("ship-wh1-wh2-01", "ship-again")
            .replace("cons-2025-11-03-01", "cons-again");
    ObjectNode d2 = (ObjectNode) StrictJson.mapper().readTree(again);
    ObjectNode body = d2.putObject("epcisBody");
    body.set(
        "eventList",
        StrictJson.mapper()
            .readTree(again)
            .path("epcisBody")
            .path("queryResults")
            .path("resultsBody")
            .path("eventList"));
    accept(logistics, "epcis.capture", d2);
    assertThat(app.log.read(() -> app.materials.ledger().stock("wh-2", "cement")))
        .isEqualTo(78_000);
  }

  @Test
  void documentWithAnUnmappableEvent_isRefusedWhole_namingThatEvent() throws Exception {
    accept(logistics, "epcis.capture", doc("capture-crossing-to-warehouse.jsonld"));
    long size = app.log.size();
    Outcome o = submit(logistics, "epcis.capture", doc("capture-unmappable-second-event.jsonld"));
    assertThat(o)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.rejection().code().wire()).isEqualTo("schema");
              assertThat(r.rejection().field()).isEqualTo("event.body.epcisBody.eventList[1]");
              assertThat(r.rejection().detail())
                  .contains("urn:uuid:6d1f0c2e-4d3a-4b7e-9a51-0f3c2b8e7b03")
                  .contains("commissioning");
            });
    assertThat(app.log.size()).isEqualTo(size);
    assertThat(app.log.read(() -> app.materials.ledger().shipment("ship-wh1-wh2-02")))
        .as("the first event was not applied either")
        .isNull();
  }

  @Test
  void documentWhoseShipmentExceedsStock_isRefusedWithInsufficientStock_namingTheEvent()
      throws Exception {
    JsonNode d = doc("capture-crossing-to-warehouse.jsonld");
    ((ObjectNode) d.path("epcisBody").path("eventList").get(1).path("quantityList").get(0))
        .put("quantity", 40_001);
    Outcome o = submit(logistics, "epcis.capture", d);
    assertThat(o)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.rejection().rule().wire()).isEqualTo("insufficient-stock");
              assertThat(r.rejection().detail())
                  .contains("urn:uuid:6d1f0c2e-4d3a-4b7e-9a51-0f3c2b8e7a02");
            });
    assertThat(app.log.read(() -> app.materials.ledger().stock("wh-1", "cement"))).isZero();
  }

  @Test
  void balanceCsv_carriesHxlHashtagsOnItsSecondLine_andAsOfIndexShowsThePast() throws Exception {
    long before = app.log.size();
    accept(logistics, "epcis.capture", doc("capture-crossing-to-warehouse.jsonld"));
    List<String> lines = get("/api/v1/materials/balance.csv").body().lines().toList();
    assertThat(lines.get(1))
        .startsWith("#loc+code,#loc+type,#org+impl,#loc+zone+id,#item+code")
        .contains("#meta+qty+stock")
        .as("#adm1+code carries P-codes only, and a zone id is none")
        .doesNotContain("#adm1");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("wh-2,node,,,cement,Cement,kg,true,0,39000,"));

    JsonNode past =
        StrictJson.mapper().readTree(get("/api/v1/materials/balance?at=" + before).body());
    assertThat(past.path("balances")).isEmpty();
    JsonNode now = StrictJson.mapper().readTree(get("/api/v1/materials/balance?node=wh-2").body());
    assertThat(now.path("balances").get(0).path("stock").asLong()).isEqualTo(39_000);
    JsonNode alertsBefore =
        StrictJson.mapper().readTree(get("/api/v1/materials/alerts?at=" + before).body());
    assertThat(alertsBefore.path("alerts")).isEmpty();
    JsonNode resolved =
        StrictJson.mapper().readTree(get("/api/v1/materials/alerts?status=resolved").body());
    assertThat(resolved.path("alerts").get(0).path("id").asText())
        .isEqualTo("shortfall-ship-wh1-wh2-01");
    assertThat(get("/api/v1/materials/alerts.csv").body().lines().skip(1).findFirst().orElseThrow())
        .startsWith("#meta+id,");
  }

  @Test
  void glnAndGtinWithAWrongCheckDigit_areRefusedAsSchemaErrorsNamingTheField() {
    // 0614141000012 is a valid GLN; changing its last digit breaks the GS1 mod-10 check.
    Outcome gln =
        submitBytes(
            cmcc,
            "node.defined",
            node("wh-9", "warehouse", 34.36, 31.42).put("gln", "0614141000013"));
    assertThat(gln)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.rejection().code()).isEqualTo(org.stabilis.log.ErrorCode.SCHEMA);
              assertThat(r.rejection().field()).isEqualTo("event.body.gln");
              assertThat(r.rejection().detail()).contains("check digit");
            });
    Outcome gtin =
        submitBytes(
            cmcc,
            "material.item-defined",
            obj()
                .put("code", "pipe")
                .put("name", "Pipe")
                .put("unit", "m")
                .put("dual_use", true)
                .put("gtin", "00950600134357"));
    assertThat(gtin)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.rejection().code()).isEqualTo(org.stabilis.log.ErrorCode.SCHEMA);
              assertThat(r.rejection().field()).isEqualTo("event.body.gtin");
            });
    assertThat(app.log.read(() -> app.materials.ledger().item("pipe")))
        .as("nothing was defined")
        .isNull();
  }
}
