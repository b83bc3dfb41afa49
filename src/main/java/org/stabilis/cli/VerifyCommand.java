package org.stabilis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.tongfei.progressbar.ProgressBar;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Auditor;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.checkpoint.NoteVerifier;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.store.CosignatureStore;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.witness.CosignedCheckpoints;
import org.stabilis.party.PartyRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    description = {
      "Audit a whole log: every signature, leaf and checkpoint.",
      "Exit 0 only if all hold; otherwise names the first bad entry."
    })
final class VerifyCommand implements Callable<Integer> {

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--data", description = "data folder")
    Path data;

    @Option(names = "--url", description = "server URL, e.g. http://127.0.0.1:8080")
    String url;
  }

  @Option(names = "--db", description = "JDBC URL with --data (default: SQLite file in the folder)")
  String db;

  @Option(
      names = "--token",
      defaultValue = "${env:STABILIS_TOKEN}",
      description = "read token, needed with --url to fetch entries (default: $STABILIS_TOKEN)")
  String token;

  @Option(
      names = "--log-key",
      description =
          "the log's verifier key to trust (with --url; default: the one the server serves)")
  String logKey;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Option(
      names = "--policy",
      description =
          "C2SP tlog-policy file: the served checkpoint (with --data: the newest stored one"
              + " that meets it) must carry its quorum of witness cosignatures")
  Path policyFile;

  /**
   * The checkpoint the policy is checked on, once the audit found it (null: none meets the quorum).
   */
  private String witnessedNote;

  private String witnessedProblem;

  @Override
  public Integer call() throws Exception {
    EventCatalogue catalogue = new EventCatalogue();
    SubmissionParser parser = new SubmissionParser(catalogue);
    PartyRegistry keys = new PartyRegistry(catalogue);
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      Auditor auditor = new Auditor(parser, keys, keys, pool);
      Policy policy = policyFile == null ? null : PolicyFiles.read(policyFile);
      Auditor.Report report =
          target.data != null ? local(auditor, policy) : remote(auditor, policy);
      if (report.ok() && policy != null) {
        String verdict = checkPolicy(policy);
        if (verdict != null) {
          System.out.println("FAILED: " + verdict);
          return 1;
        }
      }
      if (report.ok()) {
        System.out.println(
            "OK: "
                + report.entries()
                + " entries, "
                + report.checkpoints()
                + " checkpoints verified; root "
                + (report.root() == null ? "-" : report.root().base64()));
        return 0;
      }
      System.out.println(
          "FAILED"
              + (report.badIndex() >= 0 ? " at entry " + report.badIndex() : "")
              + ": "
              + report.problem());
      return 1;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Null if the witnessed checkpoint meets the policy, else why not (naming the group that falls
   * short).
   */
  private String checkPolicy(Policy policy) {
    if (witnessedNote == null) return witnessedProblem;
    try {
      Policy.Witnessed w = policy.requireQuorum(witnessedNote);
      System.out.println(
          "witnessed: size "
              + w.checkpoint().size()
              + " cosigned by "
              + (w.cosignatures().isEmpty()
                  ? "no witness"
                  : String.join(
                      ", ", w.cosignatures().stream().map(c -> c.witness().name()).toList()))
              + " (quorum "
              + policy.quorum()
              + ")");
      return null;
    } catch (NoteException e) {
      return "witnessed checkpoint: " + e.getMessage();
    }
  }

  private Auditor.Report local(Auditor auditor, Policy policy) throws InterruptedException {
    Path keyFile = target.data.resolve(App.LOG_KEY_FILE);
    if (!Files.isRegularFile(keyFile))
      throw new CliException(target.data + " is not a data folder (no " + App.LOG_KEY_FILE + ")");
    try (Database d = Database.open(db != null ? db : Database.sqliteUrl(target.data))) {
      LogStore store = new LogStore(d);
      String origin =
          store.meta("origin").orElseThrow(() -> new CliException("the database holds no log"));
      NoteVerifier verifier =
          NoteVerifier.parse(new NoteSigner(origin, App.readKey(keyFile)).verifierKey());
      List<String> notes =
          store.allCheckpoints().stream().map(LogStore.StoredCheckpoint::note).toList();
      if (policy != null) {
        // SPEC §2.7: with --data, the newest stored checkpoint that satisfies the quorum.
        witnessedNote =
            new CosignedCheckpoints(store, new CosignatureStore(d), policy)
                .newestWitnessed()
                .map(CosignedCheckpoints.Served::note)
                .orElse(null);
        if (witnessedNote == null) {
          Policy.Shortfall s =
              store
                  .latestCheckpoint()
                  .map(cp ->
                      new CosignedCheckpoints(store, new CosignatureStore(d), policy).served(cp))
                  .map(sv -> shortfall(policy, sv.note()))
                  .orElse(null);
          witnessedProblem =
              "no stored checkpoint meets the quorum"
                  + (s == null ? "" : "; the newest: " + s.message());
        }
      }
      long size = store.size();
      Auditor.Source src =
          new Auditor.Source() {
            @Override
            public long size() {
              return size;
            }

            @Override
            public List<byte[]> entries(long s, long e) {
              return store.entries(s, e).stream().map(LogStore.StoredEntry::data).toList();
            }

            // SPEC §2.10: every digest has exactly one stored disclosure, every stored disclosure
            // matches one.
            @Override
            public List<List<String>> disclosures(long s, long e) {
              return store.entries(s, e).stream().map(LogStore.StoredEntry::disclosures).toList();
            }
          };
      return run(auditor, src, notes, verifier, size);
    }
  }

  private static Policy.Shortfall shortfall(Policy policy, String note) {
    try {
      return policy.verify(note).shortfall().orElse(null);
    } catch (NoteException e) {
      return null;
    }
  }

  private Auditor.Report remote(Auditor auditor, Policy policy)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    String base = target.url.replaceAll("/+$", "");
    // SPEC §2.7: /checkpoint is what the quorum witnessed; /checkpoint/latest may be newer, and
    // every entry up to it is checked too.
    HttpResponse<String> witnessed = send(http, base + "/api/v1/log/checkpoint");
    HttpResponse<String> newest = send(http, base + "/api/v1/log/checkpoint/latest");
    String note = newest.statusCode() == 200 ? newest.body() : witnessed.body();
    if (newest.statusCode() != 200 && witnessed.statusCode() != 200)
      throw new CliException(
          "GET "
              + base
              + "/api/v1/log/checkpoint answered "
              + witnessed.statusCode()
              + ": "
              + witnessed.body());
    List<String> notes = new ArrayList<>();
    if (witnessed.statusCode() == 200) {
      notes.add(witnessed.body());
      witnessedNote = witnessed.body();
    } else {
      witnessedProblem =
          "the server serves no witnessed checkpoint ("
              + witnessed.statusCode()
              + ")"
              + java.util.Optional.ofNullable(policy == null ? null : shortfall(policy, note))
                  .map(s -> "; the newest: " + s.message())
                  .orElse("");
    }
    if (!notes.contains(note)) notes.add(note);
    String served = get(http, base + "/api/v1/log/key").trim();
    if (logKey != null && !logKey.trim().equals(served))
      System.err.println(
          "warning: the server's key differs from --log-key; checking against --log-key");
    NoteVerifier verifier = NoteVerifier.parse(logKey != null ? logKey.trim() : served);
    long size;
    try {
      size = verifier.verifyCheckpoint(note).size();
    } catch (org.stabilis.log.checkpoint.NoteException e) {
      return new Auditor.Report(false, 0, 0, null, -1, "checkpoint signature: " + e.getMessage());
    }
    Auditor.Source src =
        new Auditor.Source() {
          @Override
          public long size() {
            return size;
          }

          @Override
          public List<byte[]> entries(long s, long e) {
            List<byte[]> out = new ArrayList<>();
            for (long from = s; from < e; from += 1000) {
              try {
                JsonNode page =
                    StrictJson.mapper()
                        .readTree(
                            get(
                                http,
                                base
                                    + "/api/v1/log/entries?start="
                                    + from
                                    + "&end="
                                    + Math.min(e, from + 1000)));
                for (JsonNode n : page.path("entries"))
                  out.add(Base64.getDecoder().decode(n.path("data").asText()));
              } catch (IOException | InterruptedException ex) {
                throw new CliException(
                    "cannot fetch entries from " + from + ": " + ex.getMessage());
              }
            }
            return out;
          }
        };
    return run(auditor, src, notes, verifier, size);
  }

  private Auditor.Report run(
      Auditor auditor, Auditor.Source src, List<String> notes, NoteVerifier v, long size)
      throws InterruptedException {
    if (quiet || size < 10_000) return auditor.audit(src, notes, v, null);
    try (ProgressBar bar = Progress.bar("verifying", size)) {
      return auditor.audit(src, notes, v, bar::stepTo);
    }
  }

  private HttpResponse<String> send(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 401)
      throw new CliException(
          "the server needs a read token to hand out entries: pass --token or set STABILIS_TOKEN ("
              + "`stabilis token issue --data DIR --party ID` issues one)");
    if (r.statusCode() != 200)
      throw new CliException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }
}
