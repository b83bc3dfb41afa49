package org.stabilis.log.proof;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.stabilis.log.EventSigner;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.testing.TestLog;

/**
 * Writes the offline-proof vectors under {@code src/test/resources/proof} from a real log served
 * over HTTP, its checkpoint cosigned by two witnesses. Run once by hand (the vectors are data:
 * tests read them, they do not regenerate them): {@code java -cp
 * target/classes:target/test-classes:$(cat cp.txt) org.stabilis.log.proof.MakeProofVectors
 * OUT_DIR}.
 */
public final class MakeProofVectors {
  private MakeProofVectors() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path dir = Files.createTempDirectory("proof-vectors");
    SecureRandom random = new SecureRandom();
    try (TestLog log = TestLog.create(dir.resolve("log"))) {
      EventSigner reporter = log.register("reporter", "inspector");
      EventSigner other = log.register("other", "inspector");
      for (int i = 0; i < 6; i++)
        log.accept(i == 3 ? other : reporter, "incident.reported", TestLog.incident("inc-" + i));
      String token = log.app.tokens.issue("reporter", TestLog.T0, random);
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + web.port();
        Cosigner a = new Cosigner.Ed25519("witness.example/a", Ed25519PrivateKey.generate(random));
        Cosigner b = new Cosigner.Ed25519("witness.example/b", Ed25519PrivateKey.generate(random));
        Cosigner c = new Cosigner.Ed25519("witness.example/c", Ed25519PrivateKey.generate(random));
        String vkey = get(base + "/api/v1/log/key", null);
        Files.writeString(
            out.resolve("entry.tlog-proof"),
            cosigned(get(base + "/api/v1/log/proof/bundle?index=4", token), a, b));
        Files.writeString(
            out.resolve("genesis.tlog-proof"),
            cosigned(get(base + "/api/v1/log/proof/bundle?index=0", token), a, b));
        String witnesses =
            "witness A "
                + a.verifierKey().vkey()
                + "\nwitness B "
                + b.verifierKey().vkey()
                + "\nwitness C "
                + c.verifierKey().vkey()
                + "\ngroup donors 2 A B C\nquorum donors\n";
        Files.writeString(
            out.resolve("policy.txt"),
            "# the log and two of three witnesses\nlog " + vkey + "\n" + witnesses);
        // Another key under the same origin: not the log that signed.
        String otherLog =
            new org.stabilis.log.checkpoint.NoteSigner(
                    TestLog.ORIGIN, Ed25519PrivateKey.generate(random))
                .verifierKey();
        Files.writeString(
            out.resolve("policy-other-log.txt"), "log " + otherLog + "\n" + witnesses);
        Files.writeString(
            out.resolve("reporter.pub"), log.keyOf("reporter").publicKey().toSpkiPem());
        Files.writeString(out.resolve("other.pub"), log.keyOf("other").publicKey().toSpkiPem());
      } finally {
        web.stop();
      }
    }
  }

  /** The proof with cosignatures of {@code ws} after the log's signature. */
  private static String cosigned(String proof, Cosigner... ws) {
    TlogProof p = TlogProof.parse(proof);
    String note = p.checkpoint();
    String text = note.substring(0, note.indexOf("\n\n") + 1);
    StringBuilder b = new StringBuilder(note);
    for (Cosigner w : ws) b.append(w.cosign(text, 1_764_590_400L));
    return new TlogProof(p.extra(), p.index(), p.path(), b.toString()).text();
  }

  private static String get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200)
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }
}
