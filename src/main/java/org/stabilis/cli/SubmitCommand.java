package org.stabilis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "submit",
    description = "Sign an event with a key file and post it; prints the index.")
final class SubmitCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080",
      description = "server (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--key", required = true, description = "private key file (PKCS#8 PEM)")
  Path keyFile;

  @Option(names = "--party", required = true, description = "the signing party's id")
  String party;

  @Option(names = "--key-id", description = "id of the key (default: <party>-1)")
  String keyId;

  @Option(names = "--type", required = true, description = "event type, e.g. incident.reported")
  String type;

  @Option(
      names = "--seq",
      description = "sequence number (default: the current time in microseconds, which increases)")
  Long seq;

  @Option(names = "--time", description = "event time, RFC 3339 UTC (default: now)")
  String time;

  @Option(
      names = "--conceal",
      split = ",",
      paramLabel = "FIELD",
      description =
          "top-level body fields to conceal (SPEC §2.10), e.g. location,summary: the event carries their "
              + "salted digests, the submission their disclosures, read only by the parties entitled to them")
  List<String> conceal = List.of();

  @ArgGroup(multiplicity = "1")
  BodySource body;

  static final class BodySource {
    @Option(names = "--body", description = "event body as inline JSON")
    String inline;

    @Option(names = "--body-file", description = "file holding the event body as JSON")
    Path file;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    byte[] raw =
        body.inline != null
            ? body.inline.getBytes(StandardCharsets.UTF_8)
            : Files.readAllBytes(body.file);
    JsonNode parsed;
    try {
      parsed = StrictJson.parse(raw);
    } catch (JsonInputException e) {
      throw new CliException("the body is not valid JSON: " + e.getMessage());
    }
    Instant t =
        time == null
            ? Clock.systemUTC().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            : Instant.parse(time);
    long s = seq != null ? seq : Math.multiplyExact(Clock.systemUTC().millis(), 1000L);
    var signer =
        new EventSigner(party, keyId == null ? party + "-1" : keyId, App.readKey(keyFile), s - 1);
    if (!conceal.isEmpty()) {
      for (String f : conceal)
        if (!parsed.has(f))
          throw new CliException(
              "--conceal " + f + ": the body has no top-level field \"" + f + "\"");
    }
    // Salts from a SecureRandom: a guessable salt would let anyone test candidate values against a
    // digest.
    byte[] submission =
        EventSigner.toSubmission(signer.sign(type, parsed, t, conceal, new SecureRandom()));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(submission))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 201 || r.statusCode() == 200) {
      JsonNode receipt = StrictJson.mapper().readTree(r.body());
      System.out.println(receipt.path("index").asLong());
      return 0;
    }
    System.err.println("refused (" + r.statusCode() + "): " + r.body());
    return 1;
  }
}
