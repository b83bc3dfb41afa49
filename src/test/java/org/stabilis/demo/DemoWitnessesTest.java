package org.stabilis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.cli.Cli;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.testing.Await;

/**
 * The demo's two witnesses cosign its checkpoint within seconds, and the dashboard shows it as
 * text.
 */
class DemoWitnessesTest {
  @TempDir Path dir;

  @Test
  void theDemoCheckpointIsCosignedByBothWitnesses_andTheIntegrityPanelShowsThem() throws Exception {
    Path data = dir.resolve("demo");
    var demo = DemoScenario.load(data, Clock.systemUTC(), new SecureRandom());
    try (DemoWitnesses witnesses =
        DemoWitnesses.start(
            data, demo.app().log.verifierKey(), Clock.systemUTC(), new SecureRandom())) {
      assertThat(Files.readString(data.resolve(DemoWitnesses.POLICY_FILE)))
          .contains("quorum both", "(illustrative)");
      demo.app().witness(witnesses.policy, Duration.ofSeconds(2));
      Javalin web = demo.app().web().start("127.0.0.1", 0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        URI cp = URI.create("http://127.0.0.1:" + web.port() + "/api/v1/log/checkpoint");
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        Await.until(
            "the checkpoint is cosigned",
            Duration.ofSeconds(30),
            () -> {
              last[0] =
                  http.send(
                      HttpRequest.newBuilder(cp).build(), HttpResponse.BodyHandlers.ofString());
              if (last[0].statusCode() == 200) return true;
              assertThat(last[0].statusCode()).isEqualTo(503);
              return false;
            });
        HttpResponse<String> r = last[0];
        Policy.Witnessed w =
            Policy.parse(Files.readAllBytes(witnesses.policyFile)).requireQuorum(r.body());
        assertThat(w.checkpoint().size()).isEqualTo(demo.app().log.size());
        assertThat(w.cosignatures())
            .extracting(c -> c.witness().name())
            .containsExactly("committee", "guarantor");

        String token = demo.tokens().get(DemoScenario.COORDINATOR);
        String panel =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + web.port() + "/dashboard/panel/integrity"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(panel)
            .contains(
                "id=\"witness-table\"",
                "data-witness=\"committee\"",
                "data-witness=\"guarantor\"",
                "quorum both",
                "meets the quorum",
                "group both 2 committee guarantor");
        assertThat(panel).contains(">" + w.checkpoint().size() + "<");

        assertThat(
                Cli.run(
                    "verify",
                    "--data",
                    data.toString(),
                    "--policy",
                    witnesses.policyFile.toString(),
                    "--quiet"))
            .isZero();
      } finally {
        web.stop();
      }
    } finally {
      demo.app().close();
    }
  }
}
