package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.log.EventSigner;
import org.stabilis.log.SignedEvent;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.TestLog;

/**
 * SPEC §2.10 over HTTP: a concealed submission is accepted, its leaf data holds digests only, its
 * disclosures are served as submitted to the entitled and to no one else, duplicates are judged
 * with their disclosures, and {@code verify --data} checks every stored disclosure against its
 * digest.
 */
class ConcealedHttpTest {
  static final String SUMMARY = "ordnance found beside the well";
  @TempDir Path dir;
  TestLog log;
  Javalin server;
  HttpClient http = HttpClient.newHttpClient();
  EventSigner security;
  String base, observer, inspector, securityToken, coordinator;

  @BeforeEach
  void start() {
    log = TestLog.create(dir);
    security = log.register("idf", "security");
    log.register("press", "observer");
    log.register("monitors", "inspector");
    server = log.app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
    SecureRandom r = new SecureRandom();
    observer = log.app.tokens.issue("press", TestLog.T0, r);
    inspector = log.app.tokens.issue("monitors", TestLog.T0, r);
    securityToken = log.app.tokens.issue("idf", TestLog.T0, r);
    coordinator = log.app.tokens.issue("coord", TestLog.T0, r);
  }

  @AfterEach
  void stop() {
    server.stop();
    log.close();
  }

  record Reply(int status, JsonNode body) {}

  Reply post(byte[] body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), StrictJson.mapper().readTree(r.body()));
  }

  Reply get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), StrictJson.mapper().readTree(r.body()));
  }

  SignedEvent concealedIncident(String id) {
    ObjectNode b = TestLog.incident(id);
    b.put("summary", SUMMARY);
    return security.sign(
        "incident.reported", b, TestLog.T0, List.of("location", "summary"), new SecureRandom());
  }

  static byte[] withDisclosures(SignedEvent e, List<String> disclosures) throws Exception {
    ObjectNode sub = (ObjectNode) StrictJson.mapper().readTree(EventSigner.toSubmission(e));
    sub.remove("disclosures");
    if (disclosures != null) disclosures.forEach(sub.putArray("disclosures")::add);
    return sub.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void concealedSubmission_isAccepted_theLeafHoldsDigestsOnly_andDisclosuresGoToTheEntitled()
      throws Exception {
    SignedEvent e = concealedIncident("inc-1");
    Reply accepted = post(EventSigner.toSubmission(e));
    assertThat(accepted.status()).isEqualTo(201);
    long index = accepted.body().path("index").asLong();

    // The leaf data any token holder reads carries the digests, never the values.
    Reply entries = get("/api/v1/log/entries?start=" + index + "&end=" + (index + 1), observer);
    String leaf =
        new String(
            Base64.getDecoder().decode(entries.body().path("entries").get(0).path("data").asText()),
            StandardCharsets.UTF_8);
    assertThat(leaf)
        .contains("\"_sd\"")
        .doesNotContain(SUMMARY)
        .doesNotContain("34.45")
        .doesNotContain("disclosures");

    String path = "/api/v1/log/disclosures?index=" + index;
    for (String entitled : List.of(inspector, securityToken, coordinator)) {
      Reply d = get(path, entitled);
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.body().path("index").asLong()).isEqualTo(index);
      List<String> got = new ArrayList<>();
      d.body().path("disclosures").forEach(n -> got.add(n.asText()));
      assertThat(got).isEqualTo(e.disclosures());
    }
    Reply refused = get(path, observer);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("code").asText()).isEqualTo("forbidden");
    assertThat(refused.body().toString()).doesNotContain(SUMMARY);
    assertThat(get(path, null).status()).isEqualTo(401);
    assertThat(get("/api/v1/log/disclosures?index=" + log.app.log.size(), inspector).status())
        .isEqualTo(400);
    assertThat(get("/api/v1/log/disclosures?index=-1", inspector).status()).isEqualTo(400);
    assertThat(get("/api/v1/log/disclosures", inspector).status()).isEqualTo(400);
    // An entry that conceals nothing: [] for its author; its type has no reader roles.
    Reply genesis = get("/api/v1/log/disclosures?index=0", coordinator);
    assertThat(genesis.status()).isEqualTo(200);
    assertThat(genesis.body().path("disclosures").isArray()).isTrue();
    assertThat(genesis.body().path("disclosures")).isEmpty();
    assertThat(get("/api/v1/log/disclosures?index=0", inspector).status()).isEqualTo(403);
  }

  @Test
  void duplicates_areJudgedWithTheirDisclosures_andStoredDisclosuresNeverChange() throws Exception {
    SignedEvent e = concealedIncident("inc-2");
    long index = post(EventSigner.toSubmission(e)).body().path("index").asLong();
    long size = log.app.log.size();
    String cp = log.app.log.checkpoint().orElseThrow().note();

    // The same set in another order is the same submission.
    Reply again = post(withDisclosures(e, e.disclosures().reversed()));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("index").asLong()).isEqualTo(index);
    // Missing disclosures, or other ones: refused.
    Reply missing = post(withDisclosures(e, null));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body().path("code").asText()).isEqualTo("schema");
    assertThat(missing.body().path("field").asText()).isEqualTo("event.body._sd");
    Reply one = post(withDisclosures(e, e.disclosures().subList(0, 1)));
    assertThat(one.status()).isEqualTo(422);
    assertThat(one.body().path("field").asText()).isEqualTo("event.body._sd");
    SignedEvent other = concealedIncident("inc-2"); // same fields, fresh salts: other disclosures
    Reply others = post(withDisclosures(e, other.disclosures()));
    assertThat(others.status()).isEqualTo(422);
    assertThat(others.body().path("field").asText()).isEqualTo("disclosures[0]");

    assertThat(log.app.log.size()).isEqualTo(size);
    assertThat(log.app.log.checkpoint().orElseThrow().note()).isEqualTo(cp);
    assertThat(log.app.log.disclosures(index)).isEqualTo(e.disclosures());
  }

  @Test
  void aRefusedConcealment_writesNothing() throws Exception {
    long size = log.app.log.size();
    ObjectNode b = TestLog.incident("inc-3");
    SignedEvent e =
        security.sign("incident.reported", b, TestLog.T0, List.of("category"), new SecureRandom());
    Reply r = post(EventSigner.toSubmission(e));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().path("field").asText()).isEqualTo("event.body.category");
    assertThat(log.app.log.size()).isEqualTo(size);
    assertThat(log.app.log.read(() -> log.app.incidents.incident("inc-3"))).isEmpty();
  }

  @Test
  void verifyData_checksEveryStoredDisclosure_andNamesTheEntryWhoseDisclosureDoesNotMatch()
      throws Exception {
    long target =
        post(EventSigner.toSubmission(concealedIncident("inc-4"))).body().path("index").asLong();
    post(EventSigner.toSubmission(concealedIncident("inc-5")));
    assertThat(verify()).startsWith("OK: ");
    // The projections were rebuilt from the log and the stored disclosures.
    assertThat(log.app.log.read(() -> log.app.incidents.incident("inc-4").orElseThrow().summary()))
        .isEqualTo(SUMMARY);

    // Replace one stored disclosure by another of the same field: well formed, but not the one
    // signed.
    SignedEvent forged = concealedIncident("inc-4");
    try (var c = log.app.db.write();
        var s = c.prepareStatement("UPDATE log_entries SET disclosures = ? WHERE idx = ?")) {
      s.setString(1, StrictJson.mapper().writeValueAsString(forged.disclosures()));
      s.setLong(2, target);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    String out = verify();
    assertThat(out).startsWith("FAILED at entry " + target);
    assertThat(out).contains("disclosures[0]");

    // A digest with no stored disclosure at all is caught too.
    try (var c = log.app.db.write();
        var s = c.prepareStatement("UPDATE log_entries SET disclosures = NULL WHERE idx = ?")) {
      s.setLong(1, target);
      s.executeUpdate();
    }
    assertThat(verify()).startsWith("FAILED at entry " + target).contains("event.body._sd");
  }

  private String verify() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      List<String> args = new ArrayList<>(List.of("verify", "--data", dir.toString(), "--quiet"));
      args.addAll(log.dbArgs());
      Cli.run(args.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
