package org.stabilis.cli;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Submits already signed events, one submission object {"event":..., "sig":...} per line, in order.
 * Each goes through the same checks as any submission; the import stops at the first refusal and
 * names its line, so a file is never half-understood silently.
 */
@Command(
    name = "import",
    description =
        "Submit signed events from a JSON-lines file, in order; stops at the first refusal.")
final class ImportCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080",
      description = "server (default: ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--file",
      required = true,
      description = "file of submissions, one JSON object per line")
  Path file;

  @Override
  public Integer call() throws Exception {
    long lines;
    try (var s = Files.lines(file, StandardCharsets.UTF_8)) {
      lines = s.filter(l -> !l.isBlank()).count();
    }
    HttpClient http = HttpClient.newHttpClient();
    URI events = URI.create(url.replaceAll("/+$", "") + "/api/v1/events");
    long appended = 0, duplicates = 0, n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        ProgressBar bar = Progress.bar("importing", lines)) {
      for (String line; (line = in.readLine()) != null; ) {
        n++;
        if (line.isBlank()) continue;
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(events)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(line))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201) appended++;
        else if (r.statusCode() == 200) duplicates++;
        else {
          bar.close();
          System.err.println("line " + n + " refused (" + r.statusCode() + "): " + r.body());
          System.out.printf(
              "imported %d, already present %d; stopped at line %d%n", appended, duplicates, n);
          return 1;
        }
        bar.step();
      }
    }
    System.out.printf("imported %d, already present %d%n", appended, duplicates);
    return 0;
  }
}
