package org.stabilis.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "proof",
    description = {
      "Fetch an offline proof (C2SP tlog-proof) that the log holds entry INDEX and write it to stdout,",
      "e.g. `stabilis proof --url URL --index 7 > entry-7.tlog-proof`; check it with `verify-proof`."
    })
final class ProofCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "server URL, e.g. http://127.0.0.1:8080")
  String url;

  @Option(names = "--index", required = true, description = "index of the entry")
  long index;

  @Option(
      names = "--token",
      defaultValue = "${env:STABILIS_TOKEN}",
      description = "read token (default: $STABILIS_TOKEN)")
  String token;

  @Override
  public Integer call() throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            URI.create(url.replaceAll("/+$", "") + "/api/v1/log/proof/bundle?index=" + index));
    if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token.trim());
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 401)
      throw new CliException(
          "the server needs a read token for proofs: pass --token or set STABILIS_TOKEN "
              + "(`stabilis token issue --data DIR --party ID` issues one)");
    if (r.statusCode() != 200)
      throw new CliException(
          "the server answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    System.out.write(r.body());
    System.out.flush();
    return 0;
  }
}
