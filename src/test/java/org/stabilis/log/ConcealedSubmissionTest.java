package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.canonical.StrictJson;

/**
 * SPEC §2.10 at the submission gate: every check on {@code disclosures} and {@code _sd}, each
 * refused as {@code schema} naming {@code disclosures[i]}, {@code event.body._sd} or {@code
 * event.body.<name>}; the schema applies to the body with its disclosures merged.
 */
class ConcealedSubmissionTest {
  static final SubmissionParser PARSER = new SubmissionParser(new EventCatalogue());
  static final String SIG = Base64.getEncoder().encodeToString(new byte[64]);
  static final String SALT1 = "AAAAAAAAAAAAAAAAAAAAAA";
  static final String SALT2 = "BBBBBBBBBBBBBBBBBBBBBB";

  static String disclosure(String salt, String name, JsonNode value) {
    ArrayNode a = StrictJson.mapper().createArrayNode().add(salt).add(name).add(value);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(a.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String raw(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode text(String s) {
    return StrictJson.mapper().getNodeFactory().textNode(s);
  }

  static JsonNode point(double lon, double lat) {
    return StrictJson.mapper().createArrayNode().add(lon).add(lat);
  }

  /** An incident whose body is {@code body}, with {@code _sd} = {@code digests} unless null. */
  static ObjectNode submission(ObjectNode body, List<String> digests, List<String> disclosures) {
    ObjectNode ev = StrictJson.mapper().createObjectNode();
    ev.put("v", 1)
        .put("type", "incident.reported")
        .put("party", "idf")
        .put("key", "idf-1")
        .put("seq", 5)
        .put("time", "2026-11-01T10:00:00Z");
    if (digests != null) {
      ArrayNode sd = body.putArray("_sd");
      digests.forEach(sd::add);
    }
    ev.set("body", body);
    ObjectNode sub = StrictJson.mapper().createObjectNode();
    sub.set("event", ev);
    sub.put("sig", SIG);
    if (disclosures != null) {
      ArrayNode a = sub.putArray("disclosures");
      disclosures.forEach(a::add);
    }
    return sub;
  }

  /** An incident body without location and summary: both to be disclosed. */
  static ObjectNode visible() {
    ObjectNode b = StrictJson.mapper().createObjectNode();
    b.put("id", "inc-1").put("category", "uxo").put("severity", 2);
    return b;
  }

  static final String LOCATION = disclosure(SALT1, "location", point(34.45, 31.5));
  static final String SUMMARY = disclosure(SALT2, "summary", text("ordnance by the road"));

  static ObjectNode concealedIncident() {
    return submission(
        visible(),
        List.of(Disclosure.digest(LOCATION), Disclosure.digest(SUMMARY)),
        List.of(LOCATION, SUMMARY));
  }

  static SubmissionParser.Result parse(JsonNode sub) {
    return PARSER.parse(sub.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void refused(JsonNode sub, String field) {
    SubmissionParser.Result r = parse(sub);
    assertThat(r.rejection()).as(sub.toString()).isNotNull();
    assertThat(r.rejection().code()).isEqualTo(ErrorCode.SCHEMA);
    assertThat(r.rejection().field()).isEqualTo(field);
    assertThat(r.rejection().detail()).startsWith(field + ": ");
  }

  @Test
  void concealedRequiredFields_areAccepted_andTheEventCarriesTheMergedBody() {
    SubmissionParser.Result r = parse(concealedIncident());
    assertThat(r.rejection()).isNull();
    Event e = r.event().event();
    assertThat(e.body().path("summary").asText()).isEqualTo("ordnance by the road");
    assertThat(e.body().path("location").get(0).asDouble()).isEqualTo(34.45);
    assertThat(e.body().has("_sd")).isFalse();
    assertThat(e.concealed()).containsExactlyInAnyOrder("location", "summary");
    // What is signed and canonicalized is the event as sent: digests, not values.
    String canonical = new String(r.event().canonical(), StandardCharsets.UTF_8);
    assertThat(canonical).contains("\"_sd\"").doesNotContain("ordnance").doesNotContain("34.45");
    assertThat(r.event().disclosures()).containsExactly(LOCATION, SUMMARY);
  }

  @Test
  void theRfcsOwnDisclosureEncodings_areAcceptedAsSent() {
    // A disclosure need not be canonical JSON: white space and \\u escapes as in RFC 9901 §4.2.1.
    String spaced = raw("[\"" + SALT2 + "\",\n \"summary\" ,  \"ordnance by the road\"]");
    String escaped = raw("[\"" + SALT1 + "\",\"location\",[34.45, 31.5e0]]");
    SubmissionParser.Result r =
        parse(
            submission(
                visible(),
                List.of(Disclosure.digest(spaced), Disclosure.digest(escaped)),
                List.of(escaped, spaced)));
    assertThat(r.rejection()).isNull();
    assertThat(r.event().disclosures()).containsExactly(escaped, spaced);
  }

  @Test
  void everyFaultInDisclosures_isSchema_namingTheDisclosure() {
    String d1 = Disclosure.digest(LOCATION), d2 = Disclosure.digest(SUMMARY);
    ObjectNode notArray = concealedIncident();
    notArray.put("disclosures", LOCATION);
    refused(notArray, "disclosures");
    ObjectNode notString = concealedIncident();
    ((ArrayNode) notString.get("disclosures"))
        .set(1, StrictJson.mapper().getNodeFactory().numberNode(1));
    refused(notString, "disclosures[1]");
    // Not base64url, not UTF-8, not JSON, not [salt, name, value], a bad salt.
    for (String bad :
        List.of(
            LOCATION + "=",
            LOCATION.replace('_', '/').replace('-', '+') + "+",
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new byte[] {'[', (byte) 0xC3, ']'}),
            raw("[\"" + SALT1 + "\", \"summary\""),
            raw("[\"" + SALT1 + "\", \"x\"]"),
            raw("{\"summary\": 1}"),
            raw("[\"short-salt\", \"summary\", \"x\"]"),
            raw("[\"" + SALT1 + "\", 3, \"x\"]")))
      refused(
          submission(visible(), List.of(d1, Disclosure.digest(bad)), List.of(LOCATION, bad)),
          "disclosures[1]");
    // Two disclosures with one salt.
    String sameSalt = disclosure(SALT1, "summary", text("ordnance by the road"));
    refused(
        submission(
            visible(), List.of(d1, Disclosure.digest(sameSalt)), List.of(LOCATION, sameSalt)),
        "disclosures[1]");
    // The same disclosure twice.
    refused(submission(visible(), List.of(d1), List.of(LOCATION, LOCATION)), "disclosures[1]");
    // One name disclosed twice, with two salts.
    String again = disclosure(SALT2, "location", point(34.46, 31.5));
    refused(
        submission(visible(), List.of(d1, Disclosure.digest(again)), List.of(LOCATION, again)),
        "disclosures[1]");
    // Reserved names.
    for (String name : List.of("_sd", "...")) {
      String r = disclosure(SALT2, name, text("x"));
      refused(
          submission(visible(), List.of(d1, Disclosure.digest(r)), List.of(LOCATION, r)),
          "disclosures[1]");
    }
    // A disclosure that matches no digest of _sd.
    refused(submission(visible(), List.of(d1), List.of(LOCATION, SUMMARY)), "disclosures[1]");
    // A recursive disclosure: its value holds _sd.
    ObjectNode inner = StrictJson.mapper().createObjectNode();
    inner.putArray("_sd").add(d2);
    String recursive = disclosure(SALT2, "summary", inner);
    refused(
        submission(
            visible(),
            List.of(d1, Disclosure.digest(recursive)),
            List.of(LOCATION, recursive, SUMMARY)),
        "disclosures[1]");
  }

  @Test
  void everyFaultInSd_isSchema_namingEventBodySd() {
    String d1 = Disclosure.digest(LOCATION), d2 = Disclosure.digest(SUMMARY);
    // A digest without its disclosure (a decoy, or a disclosure left out).
    refused(submission(visible(), List.of(d1, d2), List.of(LOCATION)), "event.body._sd");
    refused(submission(visible(), List.of(d1, d2), null), "event.body._sd");
    // A digest twice.
    refused(
        submission(visible(), List.of(d1, d1, d2), List.of(LOCATION, SUMMARY)), "event.body._sd");
    // Empty, not an array, not digests.
    refused(submission(visible(), List.of(), List.of()), "event.body._sd");
    ObjectNode notArray = visible();
    notArray.put("_sd", d1);
    refused(submission(notArray, null, List.of(LOCATION)), "event.body._sd");
    refused(
        submission(visible(), List.of(d1, "not-a-digest"), List.of(LOCATION)), "event.body._sd");
  }

  @Test
  void fieldRules_nameTheField() {
    String d1 = Disclosure.digest(LOCATION), d2 = Disclosure.digest(SUMMARY);
    // A name that is also a plain field of the body.
    ObjectNode withSummary = visible();
    withSummary.put("summary", "plain");
    refused(
        submission(withSummary, List.of(d1, d2), List.of(LOCATION, SUMMARY)), "event.body.summary");
    // A field the catalogue does not let this type conceal.
    ObjectNode noCategory = visible();
    noCategory.remove("category");
    String category = disclosure("CCCCCCCCCCCCCCCCCCCCCC", "category", text("uxo"));
    refused(
        submission(
            noCategory,
            List.of(d1, d2, Disclosure.digest(category)),
            List.of(LOCATION, SUMMARY, category)),
        "event.body.category");
    // _sd_alg is not used.
    ObjectNode alg = visible();
    alg.put("_sd_alg", "sha-256");
    refused(submission(alg, List.of(d1, d2), List.of(LOCATION, SUMMARY)), "event.body._sd_alg");
    // A disclosed value of the wrong type is a schema error on the merged body.
    String wrong = disclosure(SALT1, "location", text("north of the road"));
    refused(
        submission(visible(), List.of(Disclosure.digest(wrong), d2), List.of(wrong, SUMMARY)),
        "event.body.location");
    // A required field neither plain nor disclosed is missing.
    refused(submission(visible(), List.of(d1), List.of(LOCATION)), "event.body.summary");
  }

  @Test
  void nestedAndArrayElementDigests_areRefused_namingTheTopLevelField() {
    String d2 = Disclosure.digest(SUMMARY);
    Consumer<ObjectNode> nestedSd =
        b -> b.putArray("location").add(34.45).addObject().putArray("_sd").add(d2);
    Consumer<ObjectNode> element =
        b -> b.putArray("location").add(34.45).addObject().put("...", d2);
    for (Consumer<ObjectNode> c : List.of(nestedSd, element)) {
      ObjectNode b = visible();
      c.accept(b);
      refused(submission(b, List.of(d2), List.of(SUMMARY)), "event.body.location");
    }
  }

  @Test
  void withoutItsDisclosures_aSignedEventStillParses_letConcealableFieldsBeAbsent() {
    ObjectNode sub = concealedIncident();
    sub.remove("disclosures");
    SubmissionParser.Result r = PARSER.parseWithoutDisclosures(sub);
    assertThat(r.rejection()).isNull();
    assertThat(r.event().event().body().has("summary")).isFalse();
    // A field that cannot be concealed must still be there.
    ObjectNode noCategory = concealedIncident();
    noCategory.remove("disclosures");
    ((ObjectNode) noCategory.get("event").get("body")).remove("category");
    assertThat(PARSER.parseWithoutDisclosures(noCategory).rejection().field())
        .isEqualTo("event.body.category");
  }

  @Test
  void signerConcealment_roundTripsThroughTheParser() throws Exception {
    EventSigner s =
        new EventSigner(
            "idf",
            "idf-1",
            org.stabilis.log.crypto.Ed25519PrivateKey.generate(new java.security.SecureRandom()),
            0);
    ObjectNode body = visible();
    body.putArray("location").add(34.45).add(31.5);
    body.put("summary", "ordnance by the road");
    SignedEvent se =
        s.sign(
            "incident.reported",
            body,
            java.time.Instant.parse("2026-11-01T10:00:00Z"),
            List.of("location", "summary"),
            new java.security.SecureRandom());
    SubmissionParser.Result r = PARSER.parse(EventSigner.toSubmission(se));
    assertThat(r.rejection()).isNull();
    assertThat(org.stabilis.log.canonical.Jcs.canonicalize(r.event().event().body()))
        .isEqualTo(org.stabilis.log.canonical.Jcs.canonicalize(body));
    assertThat(r.event().canonical()).isEqualTo(se.canonical());
    assertThat(new ArrayList<>(r.event().disclosures())).isEqualTo(se.disclosures());
    assertThat(se.event().concealed()).containsExactlyInAnyOrder("location", "summary");
  }
}
