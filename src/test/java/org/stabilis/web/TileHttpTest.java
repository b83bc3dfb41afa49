package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofPlan;
import org.stabilis.log.merkle.TreeHasher;
import org.stabilis.log.tiles.TileNodeReader;
import org.stabilis.log.tiles.TilePath;
import org.stabilis.log.tiles.Tiles;
import org.stabilis.testing.TestLog;

/** The log as tlog-tiles: what the tiles say is what the JSON API says. */
class TileHttpTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void tilesAndBundles_agreeWithEntriesRootAndProofsOfTheJsonApi() throws Exception {
    try (TestLog log = TestLog.create(dir)) {
      List<EventSigner> monitor = signers(log);
      submit(log, monitor, 0, 592);
      String token = log.app.tokens.issue("monitors-0", TestLog.T0, new SecureRandom());
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + web.port() + TileRoutes.PREFIX + "/";
        Checkpoint cp = Checkpoint.parseBody(body(get(base + "checkpoint", null, 200)));
        long size = cp.size();
        assertThat(size).isEqualTo(601); // genesis, 8 parties, 592 incidents
        TileNodeReader tiles =
            new TileNodeReader(size, t -> get(base + t.path(), token, 200).body());

        assertThat(ProofPlan.root(size, tiles)).isEqualTo(cp.root());
        for (long i : new long[] {0, 1, 255, 256, 300, 511, 512, 600}) {
          JsonNode p = json(get(base + "proof/inclusion?index=" + i + "&size=" + size, token, 200));
          assertThat(ProofPlan.fetchInclusion(i, size, tiles).stream().map(Hash::base64).toList())
              .as("inclusion of " + i)
              .isEqualTo(texts(p.path("path")));
        }
        for (long m : new long[] {1, 7, 256, 300, 512}) {
          JsonNode p = json(get(base + "proof/consistency?from=" + m + "&to=" + size, token, 200));
          assertThat(ProofPlan.fetchConsistency(m, size, tiles).stream().map(Hash::base64).toList())
              .as("consistency from " + m)
              .isEqualTo(texts(p.path("path")));
        }

        // Every bundle holds the entries of the JSON API, and each hashes to its level-0 tile hash.
        for (long n = 0; n * 256 < size; n++) {
          TilePath bundlePath = TilePath.bundle(n, tiles.tileAt(0, n).width());
          List<byte[]> bundle = Tiles.parseBundle(get(base + bundlePath.path(), token, 200).body());
          JsonNode page =
              json(
                  get(
                      base + "entries?start=" + n * 256 + "&end=" + (n * 256 + bundle.size()),
                      token,
                      200));
          List<Hash> level0 = tiles.hashes(tiles.tileAt(0, n));
          assertThat(bundle).hasSize(level0.size());
          for (int i = 0; i < bundle.size(); i++) {
            assertThat(bundle.get(i))
                .isEqualTo(
                    Base64.getDecoder().decode(page.path("entries").get(i).path("data").asText()));
            assertThat(TreeHasher.leafHash(bundle.get(i))).isEqualTo(level0.get(i));
          }
        }

        HttpResponse<byte[]> full = get(base + "tile/0/001", token, 200);
        assertThat(full.body()).hasSize(8192);
        assertThat(full.headers().firstValue("Cache-Control").orElse(""))
            .contains("immutable")
            .contains("max-age=31536000");
        assertThat(full.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/octet-stream");
        HttpResponse<byte[]> partial = get(base + "tile/0/002.p/89", token, 200);
        assertThat(partial.headers().firstValue("Cache-Control").orElse(""))
            .doesNotContain("immutable");
        assertThat(get(base + "tile/1/000.p/2", token, 200).body()).hasSize(64);

        // What the tree does not have, what is not a tile path, and no token.
        assertThat(json(get(base + "tile/0/002.p/90", token, 404)).path("detail").asText())
            .contains("needs 602");
        get(base + "tile/0/003", token, 404);
        get(base + "tile/1/000", token, 404);
        get(base + "tile/0/x000/001", token, 404);
        get(base + "tile/entries/002.p/90", token, 404);
        assertThat(json(get(base + "tile/0/000", null, 401)).path("code").asText())
            .isEqualTo("unauthorized");

        // A partial tile of an earlier size is still served once the log has grown past it.
        byte[] before = get(base + "tile/0/002.p/89", token, 200).body();
        submit(log, monitor, 592, 800);
        assertThat(get(base + "tile/0/002.p/89", token, 200).body()).isEqualTo(before);
        assertThat(
                java.util.Arrays.copyOf(get(base + "tile/0/002", token, 200).body(), before.length))
            .isEqualTo(before);
      } finally {
        web.stop();
      }
    }
  }

  /** Eight reporting parties (the genesis entry and these make 9 entries). */
  static List<EventSigner> signers(TestLog log) {
    List<EventSigner> out = new ArrayList<>();
    for (int t = 0; t < 8; t++) out.add(log.register("monitors-" + t, "inspector"));
    return out;
  }

  /** Submits incidents {@code from..to}, one thread per signer, so that they commit in groups. */
  static void submit(TestLog log, List<EventSigner> signers, int from, int to) throws Exception {
    int n = signers.size();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        int thread = t;
        fs.add(
            pool.submit(() -> {
              for (int i = from + thread; i < to; i += n)
                log.accept(signers.get(thread), "incident.reported", TestLog.incident("inc-" + i));
              return null;
            }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdown();
    }
  }

  private HttpResponse<byte[]> get(String url, String token, int status) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
      if (token != null) b.header("Authorization", "Bearer " + token);
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(url + ": " + new String(r.body())).isEqualTo(status);
      return r;
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static String body(HttpResponse<byte[]> r) {
    String note = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    return note.substring(0, note.indexOf("\n\n") + 1);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws java.io.IOException {
    return StrictJson.mapper().readTree(r.body());
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
