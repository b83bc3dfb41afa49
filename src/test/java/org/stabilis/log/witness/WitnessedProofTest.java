package org.stabilis.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.proof.ProofCheck;
import org.stabilis.log.proof.TlogProof;
import org.stabilis.testing.TestLog;

/**
 * SPEC §2.8 under a witness policy: the bundle carries the witnessed checkpoint byte for byte when
 * it covers the entry, else the newest with the cosignatures it has, which a verifier holding the
 * policy refuses, naming the group that falls short.
 */
class WitnessedProofTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theBundle_carriesTheWitnessedCheckpoint_orTheNewestWhichFallsShortOfTheQuorum()
      throws Exception {
    try (TestLog log = TestLog.create(dir.resolve("log"), Clock.systemUTC())) {
      WitnessedLogTest.WitnessProcess[] w = {
        new WitnessedLogTest.WitnessProcess(
            dir.resolve("w1"), "donors.example/committee", log.app.log.verifierKey()),
        new WitnessedLogTest.WitnessProcess(
            dir.resolve("w2"), "guarantor.example/witness", log.app.log.verifierKey())
      };
      Javalin web = null;
      try {
        Policy policy =
            Policy.parse(
                "log "
                    + log.app.log.verifierKey()
                    + "\n"
                    + "witness committee "
                    + w[0].vkey()
                    + " "
                    + w[0].url()
                    + "\n"
                    + "witness guarantor "
                    + w[1].vkey()
                    + " "
                    + w[1].url()
                    + "\n"
                    + "group both all committee guarantor\nquorum both\n");
        log.app.witness(policy, Duration.ofMillis(100));
        web = log.app.web().start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + web.port();
        String token = log.app.tokens.issue("coord", Instant.now(), new SecureRandom());
        log.accept(log.coordinator, "incident.reported", TestLog.incident("p-1"));
        long size = log.app.log.size();
        WitnessedLogTest.await(
            "both witnesses cosign size " + size, () -> servedSize(base) == size);
        String witnessed = get(base + "/api/v1/log/checkpoint", null);
        ProofCheck check = new ProofCheck(policy, new SubmissionParser(new EventCatalogue()));

        String proof = get(base + "/api/v1/log/proof/bundle?index=1", token);
        assertThat(TlogProof.parse(proof).checkpoint()).isEqualTo(witnessed);
        assertThat(check.check(proof, Optional.empty(), List.of()).checks().get(2))
            .isEqualTo("quorum both met by cosignatures of committee, guarantor");

        // The guarantor goes away; a newer entry is proved against the newest checkpoint.
        w[1].close();
        w[1] = null;
        log.accept(log.coordinator, "incident.reported", TestLog.incident("p-2"));
        long later = log.app.log.size();
        String newer = get(base + "/api/v1/log/proof/bundle?index=" + (later - 1), token);
        TlogProof p = TlogProof.parse(newer);
        assertThat(sizeOf(p.checkpoint())).isEqualTo(later);
        assertThat(servedSize(base)).isEqualTo(size);
        assertThatThrownBy(() -> check.check(newer, Optional.empty(), List.of()))
            .isInstanceOfSatisfying(
                ProofCheck.Failure.class,
                f -> {
                  assertThat(f.what()).isEqualTo("quorum");
                  assertThat(f.getMessage()).contains("group both needs 2");
                });
        // The older entry is still proved against the witnessed checkpoint.
        assertThat(
                TlogProof.parse(get(base + "/api/v1/log/proof/bundle?index=1", token)).checkpoint())
            .isEqualTo(witnessed);
      } finally {
        if (web != null) web.stop();
        for (var x : w) if (x != null) x.close();
      }
    }
  }

  private String get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private long servedSize(String base) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/log/checkpoint")).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? sizeOf(r.body()) : -1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static long sizeOf(String note) {
    return Checkpoint.parseBody(note.substring(0, note.indexOf("\n\n") + 1)).size();
  }
}
