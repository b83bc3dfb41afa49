package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.log.SignedEvent;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.testing.TestLog;

/**
 * One test per rejection code of SPEC §2.3, over real HTTP; each checks that the refused request
 * left the log, its checkpoint and the party registry exactly as they were.
 */
class SubmissionHttpTest {
  @TempDir Path dir;
  TestLog log;
  Javalin server;
  HttpClient http = HttpClient.newHttpClient();
  EventSigner monitor;
  String base;

  @BeforeEach
  void start() {
    log = TestLog.create(dir);
    monitor = log.register("monitors", "inspector");
    server = log.app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.stop();
    log.close();
  }

  record Reply(int status, String contentType, JsonNode body) {}

  Reply post(byte[] body, String contentType) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? null : StrictJson.mapper().readTree(r.body());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json);
  }

  Reply post(byte[] body) throws Exception {
    return post(body, "application/json");
  }

  Reply post(SignedEvent e) throws Exception {
    return post(EventSigner.toSubmission(e));
  }

  /** Snapshot of everything a rejection must not change. */
  record State(long size, String checkpoint, int parties) {}

  State state() {
    return new State(
        log.app.log.size(),
        log.app.log.checkpoint().orElseThrow().note(),
        log.app.log.read(() -> log.app.parties.all().size()));
  }

  void assertProblem(Reply r, int status, String code, State before) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().path("code").asText()).isEqualTo(code);
    assertThat(r.body().path("status").asInt()).isEqualTo(status);
    assertThat(r.body().path("title").asText()).isNotBlank();
    assertThat(r.body().path("detail").asText()).isNotBlank();
    assertThat(state()).isEqualTo(before);
  }

  SignedEvent incident(EventSigner s, String id) {
    return s.sign("incident.reported", TestLog.incident(id), TestLog.T0);
  }

  @Test
  void accepted_returns201WithIndexLeafAndSize_afterCommit() throws Exception {
    long size = log.app.log.size();
    Reply r = post(incident(monitor, "inc-1"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().path("index").asLong()).isEqualTo(size);
    assertThat(r.body().path("size").asLong()).isEqualTo(size + 1);
    assertThat(Base64.getDecoder().decode(r.body().path("leaf").asText())).hasSize(32);
    assertThat(log.app.log.size()).isEqualTo(size + 1);
  }

  @Test
  void identicalResubmission_returns200WithOriginalIndex_andAppendsNothing() throws Exception {
    SignedEvent e = incident(monitor, "inc-1");
    Reply first = post(e);
    State before = state();
    Reply again = post(e);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("index").asLong()).isEqualTo(first.body().path("index").asLong());
    assertThat(again.body().path("leaf").asText()).isEqualTo(first.body().path("leaf").asText());
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void notJson_isMalformed() throws Exception {
    State before = state();
    assertProblem(post("{\"event\": ".getBytes(StandardCharsets.UTF_8)), 400, "malformed", before);
  }

  @Test
  void badBase64Signature_isMalformed() throws Exception {
    State before = state();
    ObjectNode sub =
        (ObjectNode) StrictJson.mapper().readTree(EventSigner.toSubmission(incident(monitor, "i")));
    sub.put("sig", "not*base64");
    assertProblem(post(StrictJson.mapper().writeValueAsBytes(sub)), 400, "malformed", before);
  }

  @Test
  void missingBodyField_isSchemaError_namingTheField() throws Exception {
    State before = state();
    ObjectNode body = TestLog.incident("i");
    body.remove("severity");
    Reply r = post(monitor.sign("incident.reported", body, TestLog.T0));
    assertProblem(r, 422, "schema", before);
    assertThat(r.body().path("field").asText()).isEqualTo("event.body.severity");
  }

  @Test
  void numberBeyondTheIJsonRange_isSchemaError_namingTheField() throws Exception {
    State before = state();
    ObjectNode body = TestLog.incident("i");
    body.putArray("location").add(34.45).add(new java.math.BigDecimal("111111111111111111111.111"));
    Reply r = post(monitor.sign("incident.reported", body, TestLog.T0));
    assertProblem(r, 422, "schema", before);
    assertThat(r.body().path("field").asText()).isEqualTo("event.body.location[1]");
  }

  @Test
  void unknownType_isSchemaError() throws Exception {
    State before = state();
    Reply r = post(monitor.sign("weapons.sold", TestLog.obj(), TestLog.T0));
    assertProblem(r, 422, "schema", before);
    assertThat(r.body().path("detail").asText()).contains("weapons.sold");
  }

  @Test
  void unregisteredParty_isUnknownParty() throws Exception {
    State before = state();
    EventSigner stranger =
        new EventSigner(
            "stranger",
            "stranger-1",
            Ed25519PrivateKey.generate(new java.security.SecureRandom()),
            0);
    assertProblem(post(incident(stranger, "i")), 403, "unknown-party", before);
  }

  @Test
  void unregisteredKey_isUnknownKey() throws Exception {
    State before = state();
    EventSigner wrongKey =
        new EventSigner(
            "monitors",
            "monitors-9",
            Ed25519PrivateKey.generate(new java.security.SecureRandom()),
            0);
    assertProblem(post(incident(wrongKey, "i")), 403, "unknown-key", before);
  }

  @Test
  void revokedKey_isRevokedKey() throws Exception {
    ObjectNode rev = TestLog.obj();
    rev.put("party", "monitors");
    rev.put("key", "monitors-1");
    log.accept(log.coordinator, "party.key-revoked", rev);
    State before = state();
    assertProblem(post(incident(monitor, "i")), 403, "revoked-key", before);
  }

  @Test
  void signatureByAnotherKey_isBadSignature() throws Exception {
    State before = state();
    SignedEvent good = incident(monitor, "i");
    byte[] forged =
        Ed25519PrivateKey.generate(new java.security.SecureRandom()).sign(good.canonical());
    SignedEvent bad =
        new SignedEvent(
            good.event(), good.canonical(), forged, Base64.getEncoder().encodeToString(forged));
    assertProblem(post(bad), 403, "bad-signature", before);
  }

  @Test
  void reusedSeqWithDifferentContent_isReplay() throws Exception {
    post(incident(monitor, "i-1"));
    State before = state();
    EventSigner sameSeq = new EventSigner("monitors", "monitors-1", log.keyOf("monitors"), 0);
    // A different event signed with seq 1 again: refused even though the signature is valid.
    Reply r = post(sameSeq.sign("incident.reported", TestLog.incident("i-2"), TestLog.T0));
    assertProblem(r, 409, "replay", before);
  }

  @Test
  void typeOutsideThePartysRoles_isForbidden() throws Exception {
    State before = state();
    ObjectNode b = TestLog.obj();
    b.put("require_verified_zone", true);
    b.put("min_decommissioned_share", 50);
    assertProblem(post(monitor.sign("policy.gate-set", b, TestLog.T0)), 403, "forbidden", before);
  }

  @Test
  void registeringAnExistingParty_isRuleNamingTheRule() throws Exception {
    State before = state();
    ObjectNode b = TestLog.obj();
    b.put("id", "monitors");
    b.put("name", "Again");
    b.put("kind", "test");
    b.putArray("roles").add("observer");
    ObjectNode k = b.putArray("keys").addObject();
    k.put("id", "m-2");
    k.put(
        "public",
        Ed25519PrivateKey.generate(new java.security.SecureRandom()).publicKey().base64());
    Reply r = post(log.coordinator.sign("party.registered", b, TestLog.T0));
    assertProblem(r, 422, "rule", before);
    assertThat(r.body().path("rule").asText()).isEqualTo("party-exists");
  }

  @Test
  void eventTimeTooFarAhead_isTimeSkew() throws Exception {
    State before = state();
    Instant ahead = TestLog.T0.plusSeconds(6 * 60);
    assertProblem(
        post(monitor.sign("incident.reported", TestLog.incident("i"), ahead)),
        422,
        "time-skew",
        before);
  }

  @Test
  void eventTimeTooFarBack_isTimeSkew() throws Exception {
    State before = state();
    Instant old = TestLog.T0.minus(java.time.Duration.ofDays(31));
    assertProblem(
        post(monitor.sign("incident.reported", TestLog.incident("i"), old)),
        422,
        "time-skew",
        before);
  }

  @Test
  void bodyOverOneMebibyte_isTooLarge() throws Exception {
    State before = state();
    byte[] big = new byte[(1 << 20) + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    assertProblem(post(big), 413, "too-large", before);
  }

  @Test
  void readEndpoints_needAToken_butCheckpointAndKeyArePublic() throws Exception {
    HttpResponse<String> cp =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/checkpoint")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(cp.statusCode()).isEqualTo(200);
    assertThat(cp.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(cp.body()).startsWith(TestLog.ORIGIN + "\n");
    HttpResponse<String> key =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/key")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(key.body()).matches("^stabilis\\.example/test\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*$");
    var verified =
        org.stabilis.log.checkpoint.NoteVerifier.parse(key.body()).verifyCheckpoint(cp.body());
    assertThat(verified.size()).isEqualTo(log.app.log.size());
    HttpResponse<String> entries =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/entries?start=0&end=1")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entries.statusCode()).isEqualTo(401);
    String token = log.app.tokens.issue("monitors", TestLog.T0, new java.security.SecureRandom());
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/entries?start=0&end=1"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    log.app.tokens.revoke(token, TestLog.T0);
    HttpResponse<String> revoked =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/entries?start=0&end=1"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(401);
  }

  @Test
  void outOfRangeProofArguments_are400Problems() throws Exception {
    String token = log.app.tokens.issue("monitors", TestLog.T0, new java.security.SecureRandom());
    for (String q :
        new String[] {
          "proof/inclusion?index=5&size=2",
          "proof/inclusion?index=0&size=999",
          "proof/consistency?from=0&to=1",
          "proof/consistency?from=3&to=2",
          "entries?start=0&end=5000",
          "entries?start=-1&end=2",
          "proof/inclusion?index=x&size=1"
        }) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/log/" + q))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(StrictJson.mapper().readTree(r.body()).path("code").asText())
          .as(q)
          .isEqualTo("bad-request");
    }
  }
}
