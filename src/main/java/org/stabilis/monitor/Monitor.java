package org.stabilis.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.KeyDirectory;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.Projection;
import org.stabilis.log.Rejection;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.checkpoint.PolicyException;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.merkle.CompactRange;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofException;
import org.stabilis.log.merkle.ProofPlan;
import org.stabilis.log.merkle.ProofVerifier;
import org.stabilis.log.merkle.TreeHasher;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.tiles.TilePath;
import org.stabilis.log.tiles.Tiles;
import org.stabilis.party.PartyRegistry;

/**
 * A monitor (SPEC §2.9): what a party that trusts nobody runs against a log.
 *
 * <p>Each {@link #run} mirrors what is new into its own store, reading entry bundles (C2SP
 * tlog-tiles), and checks: every checkpoint's signature (and quorum, under a policy); that no two
 * checkpoints it ever kept have one size and two roots; that every kept checkpoint is consistent
 * with the tree it mirrored; that entries it reads again have the bytes it read before; that the
 * entries hash to the checkpoint's root; every entry's own signature with the key its party held
 * then; the server's consistency proof; and that the server's views at the mirrored size (coverage,
 * zones, projects, balances, alerts, obligations, permits, corrections), every page of each, equal
 * those the same modules compute over the mirror. What it finds it returns, prints and keeps in
 * {@code DIR/findings}; every checkpoint it saw stays in {@code DIR/checkpoints}, so a fork shown
 * later is still caught.
 */
public final class Monitor implements AutoCloseable {

  /**
   * How a monitor is set up. {@code policy} null: trust the log key served at the first run, and
   * keep it. {@code pageLimit}: the {@code ?limit=} of each page of a view asked (1 to {@code
   * web/Page.MAX_LIMIT}).
   */
  public record Settings(
      String url,
      Path dir,
      String token,
      Path policy,
      Set<String> watch,
      Clock clock,
      Bars bars,
      int pageLimit) {
    public Settings {
      if (pageLimit < 1)
        throw new IllegalArgumentException("pageLimit must be at least 1; got " + pageLimit);
    }
  }

  /** Progress bars for long work, supplied by the command line. */
  public interface Bars {
    Bar open(String task, long total);

    interface Bar extends AutoCloseable {
      void stepTo(long n);

      @Override
      void close();
    }

    Bars NONE =
        (task, total) ->
            new Bar() {
              @Override
              public void stepTo(long n) {}

              @Override
              public void close() {}
            };
  }

  /** What one pass found: findings, the entries of watched parties, the size mirrored. */
  public record Report(long size, List<Finding> findings, List<String> watched) {}

  /**
   * The views compared, each a path below the server with {@code at} added, and the time the
   * time-dependent ones are asked for: {@code now} for alerts, the {@code date} of obligations, the
   * {@code time} of the permit queue (its aggregates for a reader the queue refuses).
   */
  public static final List<String> VIEWS =
      List.of(
          "/api/v1/coverage",
          "/api/v1/zones",
          "/api/v1/projects",
          "/api/v1/materials/balance",
          "/api/v1/materials/alerts",
          "/api/v1/obligations",
          "/api/v1/permits",
          "/api/v1/corrections");

  /** The permit queue's aggregates, open to every reader. */
  static final String PERMIT_STATS = "/api/v1/permits/stats";

  /**
   * Parts of an answer that measure the server rather than state a fact of the log: the time the
   * coverage solver took. Left out of the comparison.
   */
  static final Set<String> MEASUREMENTS = Set.of("/solver/solve_ms");

  private final Settings s;
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final SubmissionParser parser = new SubmissionParser(new EventCatalogue());
  private final Path checkpoints;
  private final Path findingsDir;
  private App mirror;
  private Javalin local;
  private String localToken;

  /** Key history and sequence numbers over the mirrored entries, to check new ones against. */
  private PartyRegistry keys;

  private final Map<String, Long> lastSeq = new HashMap<>();

  public Monitor(Settings settings) {
    this.s = settings;
    this.base = settings.url().replaceAll("/+$", "");
    this.checkpoints = settings.dir().resolve("checkpoints");
    this.findingsDir = settings.dir().resolve("findings");
  }

  /** One pass: fetch, mirror, check, compare. */
  public Report run() {
    List<Finding> found = new ArrayList<>();
    List<String> watched = new ArrayList<>();
    long size = -1;
    try {
      size = pass(found, watched);
    } catch (Unreachable e) {
      found.add(new Finding("unreachable", e.getMessage(), List.of()));
    }
    for (Finding f : found) keep(f);
    return new Report(size, List.copyOf(found), List.copyOf(watched));
  }

  private static final class Unreachable extends RuntimeException {
    Unreachable(String m) {
      super(m);
    }
  }

  private long pass(List<Finding> found, List<String> watched) {
    String note = text(get("/api/v1/log/checkpoint", true));
    Policy policy = policy(note);
    Policy.Witnessed w;
    try {
      w = policy.verify(note);
    } catch (NoteException e) {
      found.add(
          new Finding(
              "checkpoint",
              "the checkpoint served does not verify: " + e.getMessage(),
              List.of("served checkpoint:\n" + note)));
      return -1;
    }
    String witnessed = note;
    w.shortfall()
        .ifPresent(sf ->
            found.add(
                new Finding(
                    "quorum",
                    "the checkpoint served does not meet the policy's quorum: " + sf.message(),
                    List.of("served checkpoint:\n" + witnessed))));
    Checkpoint cp = w.checkpoint();
    keepCheckpoint(cp, note);
    // SPEC §2.7: under a witness policy the log also serves its newest checkpoint, not yet
    // witnessed; it is kept and checked like any other, and mirrored up to when it is newer.
    HttpResponse<byte[]> lr = get("/api/v1/log/checkpoint/latest", true);
    if (lr.statusCode() == 200) {
      String latest = text(lr);
      try {
        Checkpoint l = policy.verify(latest).checkpoint();
        keepCheckpoint(l, latest);
        if (l.size() > cp.size()) {
          cp = l;
          note = latest;
        }
      } catch (NoteException e) {
        found.add(
            new Finding(
                "checkpoint",
                "the latest checkpoint served does not verify: " + e.getMessage(),
                List.of("served checkpoint/latest:\n" + latest)));
      }
    }
    openMirror(cp.origin());

    LogStore store = mirror.store;
    long mirrored = store.size();
    if (cp.size() > mirrored) mirrorUpTo(cp, note, mirrored, found, watched);
    else reread(mirrored, cp.size(), found);
    // SPEC §2.5: the newest checkpoint's size never decreases.
    if (cp.size() < mirrored)
      found.add(
          new Finding(
              "rollback",
              "the newest checkpoint served has size "
                  + cp.size()
                  + ", less than the "
                  + mirrored
                  + " entries an earlier checkpoint of this log covered",
              List.of(
                  "served checkpoint:\n" + note,
                  "earlier checkpoint:\n"
                      + store
                          .latestCheckpoint()
                          .map(LogStore.StoredCheckpoint::note)
                          .orElse("-"))));
    long now = store.size();

    checkKept(now, found);
    if (now >= 1 && now == cp.size()) compareViews(now, found);
    return now;
  }

  // ---- checkpoints ------------------------------------------------------------------------

  /** The policy given, or the log's key pinned at the first run with quorum none. */
  private Policy policy(String note) {
    try {
      if (s.policy() != null) return Policy.parse(Files.readAllBytes(s.policy()));
      String vkey = pinnedKey();
      return Policy.parse("log " + vkey + "\nquorum none\n");
    } catch (PolicyException e) {
      throw new IllegalArgumentException(s.policy() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String pinnedKey() throws IOException {
    Path f = s.dir().resolve("log.vkey");
    if (Files.exists(f)) return Files.readString(f).trim();
    String vkey = text(get("/api/v1/log/key", true)).trim();
    Files.createDirectories(s.dir());
    Files.writeString(f, vkey + "\n");
    return vkey;
  }

  /**
   * Keeps a checkpoint as first seen, once per (size, root); names carry both for the fork check.
   */
  private void keepCheckpoint(Checkpoint cp, String note) {
    try {
      Files.createDirectories(checkpoints);
      Path f = checkpoints.resolve(cp.size() + "-" + cp.root().hex() + ".txt");
      if (!Files.exists(f)) writeAtomically(f, note);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every checkpoint kept, by size, each size with its notes by root. */
  private TreeMap<Long, Map<Hash, String>> kept() {
    TreeMap<Long, Map<Hash, String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(checkpoints)) {
      for (Path f : files.sorted().toList()) {
        String[] n = f.getFileName().toString().replace(".txt", "").split("-", 2);
        out.computeIfAbsent(Long.parseLong(n[0]), k -> new java.util.LinkedHashMap<>())
            .put(Hash.fromHex(n[1]), Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Every kept checkpoint against every other (a fork is two roots for one size) and against the
   * mirrored tree (the root it computes at that size).
   */
  private void checkKept(long mirrored, List<Finding> found) {
    for (var e : kept().entrySet()) {
      long size = e.getKey();
      List<Map.Entry<Hash, String>> roots = List.copyOf(e.getValue().entrySet());
      if (roots.size() > 1) {
        List<String> ev = new ArrayList<>();
        for (var r : roots)
          ev.add("checkpoint with root " + r.getKey().base64() + ":\n" + r.getValue());
        found.add(
            new Finding(
                "fork",
                "the log signed " + roots.size() + " different roots for size " + size,
                ev));
      }
      if (size > mirrored || size == 0) continue;
      Hash ours = ProofPlan.root(size, mirror.store);
      for (var r : roots) {
        if (!r.getKey().equals(ours))
          found.add(
              new Finding(
                  "inconsistent",
                  "a checkpoint of size "
                      + size
                      + " has root "
                      + r.getKey().base64()
                      + " but the entries mirrored up to it hash to "
                      + ours.base64(),
                  List.of(
                      "checkpoint:\n" + r.getValue(),
                      "mirror's root at " + size + ": " + ours.base64(),
                      "newest mirrored checkpoint:\n"
                          + mirror
                              .store
                              .latestCheckpoint()
                              .map(LogStore.StoredCheckpoint::note)
                              .orElse("-"))));
      }
    }
  }

  // ---- the mirror -------------------------------------------------------------------------

  private void openMirror(String origin) {
    if (mirror != null) return;
    try {
      Files.createDirectories(s.dir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Database db = Database.open(Database.sqliteUrl(s.dir()))) {
      LogStore st = new LogStore(db);
      Optional<String> o = st.meta("origin");
      if (o.isEmpty()) st.putMeta("origin", origin);
      else if (!o.get().equals(origin))
        throw new IllegalArgumentException(
            s.dir() + " mirrors the log " + o.get() + ", not " + origin + "; use another folder");
    }
    Bars.Bar[] bar = {null};
    mirror =
        App.openMirror(
            s.dir(),
            null,
            s.clock(),
            (n, total) -> {
              if (n >= 50_000 && bar[0] == null)
                bar[0] = s.bars().open("replaying the mirror", total);
              if (bar[0] != null) bar[0].stepTo(n);
            });
    if (bar[0] != null) bar[0].close();
    keys = new PartyRegistry(new EventCatalogue());
    lastSeq.clear();
    Projection seqs =
        new Projection() {
          @Override
          public Rejection decide(Event event) {
            return null;
          }

          @Override
          public void evolve(Entry entry) {
            lastSeq.put(seqKey(entry.event()), entry.event().seq());
          }

          @Override
          public void reset() {
            lastSeq.clear();
          }
        };
    mirror.log.replayInto(mirror.log.size(), List.of(keys, seqs));
  }

  private static String seqKey(Event e) {
    return e.party() + "/" + e.key();
  }

  /**
   * Reads the entries after {@code from} up to the checkpoint, checks them and appends them with
   * it.
   */
  private void mirrorUpTo(
      Checkpoint cp, String note, long from, List<Finding> found, List<String> watched) {
    LogStore store = mirror.store;
    CompactRange range = CompactRange.of(from, store.read(CompactRange.frontierIds(from)));
    List<LogStore.StoredEntry> rows = new ArrayList<>();
    List<LogStore.Node> nodes = new ArrayList<>();
    long n = cp.size();
    long first = from / TilePath.WIDTH;
    try (Bars.Bar bar =
        n - from >= 10_000 ? s.bars().open("mirroring", n - from) : Bars.NONE.open("", 0)) {
      for (long b = first; b * TilePath.WIDTH < n; b++) {
        long start = b * TilePath.WIDTH;
        int width = (int) Math.min(TilePath.WIDTH, n - start);
        List<byte[]> bundle = bundle(b, width);
        if (bundle.size() != width) {
          found.add(
              new Finding(
                  "entry",
                  "entry bundle " + b + " holds " + bundle.size() + " entries, not " + width,
                  List.of()));
          return;
        }
        for (int i = 0; i < width; i++) {
          long index = start + i;
          byte[] data = bundle.get(i);
          if (index < from) {
            compareWithKept(index, data, found);
            continue;
          }
          Entry entry = check(index, data, found);
          if (entry == null) return;
          if (s.watch().contains(entry.event().party()))
            watched.add(
                "entry "
                    + index
                    + ": "
                    + entry.event().type()
                    + " signed by party "
                    + entry.event().party()
                    + " with key "
                    + entry.event().key()
                    + " at "
                    + entry.event().time());
          range.append(entry.leafHash(), (id, h) -> nodes.add(new LogStore.Node(id, h)));
          rows.add(
              new LogStore.StoredEntry(
                  index,
                  entry.event().party(),
                  entry.event().key(),
                  entry.event().seq(),
                  data,
                  disclosures(index, data)));
        }
        bar.stepTo(Math.min(n, start + width) - from);
      }
    }
    if (!found.isEmpty() && found.stream().anyMatch(f -> f.kind().equals("entry-changed"))) return;
    if (!range.root().equals(cp.root())) {
      found.add(
          new Finding(
              "tree",
              "the "
                  + n
                  + " entries served hash to "
                  + range.root().base64()
                  + ", not to the root "
                  + cp.root().base64()
                  + " of the checkpoint",
              List.of("checkpoint:\n" + note)));
      return;
    }
    if (from > 0) checkProof(from, n, cp, note, found);
    store.inSequencerTransaction(tx -> {
      tx.append(rows, nodes, new LogStore.StoredCheckpoint(n, cp.root(), note));
      return null;
    });
    mirror.log.refresh();
  }

  /** Entries already mirrored that the last bundle holds again: the bytes must be those kept. */
  private void reread(long mirrored, long served, List<Finding> found) {
    long start = Math.min(mirrored, served) / TilePath.WIDTH * TilePath.WIDTH;
    int width = (int) (Math.min(mirrored, served) - start);
    if (width == 0) return;
    List<byte[]> bundle = bundle(start / TilePath.WIDTH, width);
    for (int i = 0; i < Math.min(width, bundle.size()); i++)
      compareWithKept(start + i, bundle.get(i), found);
  }

  private void compareWithKept(long index, byte[] data, List<Finding> found) {
    byte[] kept = mirror.store.entries(index, index + 1).get(0).data();
    if (!Arrays.equals(kept, data))
      found.add(
          new Finding(
              "entry-changed",
              "entry " + index + " now reads differently from when it was mirrored",
              List.of(
                  "mirrored: " + Base64.getEncoder().encodeToString(kept),
                  "served now: " + Base64.getEncoder().encodeToString(data))));
  }

  /** Decodes a new entry and checks its signature with the key its party held at that point. */
  /**
   * The disclosures stored beside a concealing entry (SPEC §2.10), which the projections need to
   * see what the party stated; none for an entry that conceals nothing. The log service checks each
   * against its digest when the mirror folds the entry.
   */
  private List<String> disclosures(long index, byte[] data) {
    JsonNode sd;
    try {
      sd = StrictJson.mapper().readTree(data).path("event").path("body").path("_sd");
    } catch (IOException e) {
      throw new Unreachable("entry " + index + " is not JSON: " + e.getMessage());
    }
    if (sd.isMissingNode()) return List.of();
    HttpResponse<byte[]> r = get("/api/v1/log/disclosures?index=" + index, true);
    if (r.statusCode() == 403)
      throw new Unreachable(
          "entry "
              + index
              + " conceals fields this token may not read, so the projections cannot be"
              + " rebuilt and compared (not checkable); run the monitor with a token of a party that reads them");
    ok(r, "/api/v1/log/disclosures?index=" + index);
    List<String> out = new ArrayList<>();
    for (JsonNode d : json(r).path("disclosures")) out.add(d.asText());
    return out;
  }

  private Entry check(long index, byte[] data, List<Finding> found) {
    LeafCodec.Decoded d;
    try {
      d = LeafCodec.decode(data, parser);
    } catch (LeafCodec.BadLeafException e) {
      found.add(
          new Finding(
              "entry",
              "entry " + index + " is not a valid entry: " + e.getMessage(),
              List.of("served: " + Base64.getEncoder().encodeToString(data))));
      return null;
    }
    Event ev = d.signed().event();
    KeyDirectory.Lookup k = keys.lookup(ev);
    if (!(k instanceof KeyDirectory.Active a)) {
      found.add(
          new Finding(
              "key",
              "entry "
                  + index
                  + " is signed with key "
                  + ev.key()
                  + " of party "
                  + ev.party()
                  + ", which was not an active key at that point ("
                  + k.getClass().getSimpleName()
                  + ")",
              List.of("served: " + Base64.getEncoder().encodeToString(data))));
      return null;
    }
    try {
      a.key().verify(d.signed().canonical(), d.signed().sig());
    } catch (BadSignatureException e) {
      found.add(
          new Finding(
              "entry",
              "entry "
                  + index
                  + "'s signature does not verify with key "
                  + ev.key()
                  + " of party "
                  + ev.party(),
              List.of("served: " + Base64.getEncoder().encodeToString(data))));
      return null;
    }
    Long last = lastSeq.get(seqKey(ev));
    if (last != null && ev.seq() <= last) {
      found.add(
          new Finding(
              "entry",
              "entry "
                  + index
                  + " reuses seq "
                  + ev.seq()
                  + " of "
                  + seqKey(ev)
                  + " (last "
                  + last
                  + ")",
              List.of("served: " + Base64.getEncoder().encodeToString(data))));
      return null;
    }
    Entry entry = new Entry(index, ev, d.received(), data, TreeHasher.leafHash(data));
    keys.evolve(entry);
    lastSeq.put(seqKey(ev), ev.seq());
    return entry;
  }

  /**
   * The server's own consistency proof from what was mirrored to the new checkpoint must verify.
   */
  private void checkProof(long from, long to, Checkpoint cp, String note, List<Finding> found) {
    JsonNode p = json(get("/api/v1/log/proof/consistency?from=" + from + "&to=" + to, true));
    List<Hash> path = new ArrayList<>();
    try {
      for (JsonNode h : p.path("path")) path.add(Hash.fromBase64(h.asText()));
      ProofVerifier.verifyConsistency(
          from, to, ProofPlan.root(from, mirror.store), cp.root(), path);
    } catch (ProofException | IllegalArgumentException e) {
      found.add(
          new Finding(
              "proof",
              "the server's consistency proof from "
                  + from
                  + " to "
                  + to
                  + " does not verify: "
                  + e.getMessage(),
              List.of("proof: " + p, "checkpoint:\n" + note)));
    }
  }

  /**
   * An entry bundle (tlog-tiles); one whose entries are too long for it is read from the JSON API.
   */
  private List<byte[]> bundle(long index, int width) {
    HttpResponse<byte[]> r = get(TilePath.bundle(index, width).path(), false);
    if (r.statusCode() == 413) {
      long start = index * TilePath.WIDTH;
      JsonNode page =
          json(get("/api/v1/log/entries?start=" + start + "&end=" + (start + width), true));
      List<byte[]> out = new ArrayList<>();
      for (JsonNode e : page.path("entries"))
        out.add(Base64.getDecoder().decode(e.path("data").asText()));
      return out;
    }
    ok(r, TilePath.bundle(index, width).path());
    try {
      return Tiles.parseBundle(r.body());
    } catch (IllegalArgumentException e) {
      throw new Unreachable("entry bundle " + index + " is not a valid bundle: " + e.getMessage());
    }
  }

  // ---- the views --------------------------------------------------------------------------

  /**
   * Each view as the server answers it and as the same modules answer over the mirror, at one size,
   * every page of it.
   */
  private void compareViews(long size, List<Finding> found) {
    startLocal();
    // Alerts depend on "now": both sides are asked for the time of the last entry mirrored.
    String now = LeafCodec.RECEIVED.format(decoded(size - 1).received());
    String day =
        java.time.LocalDate.ofInstant(decoded(size - 1).received(), ZoneOffset.UTC).toString();
    for (String asked : VIEWS) {
      String view = asked;
      String q = query(view, size, now, day) + "&limit=" + s.pageLimit();
      HttpResponse<byte[]> served = get(q, true);
      if (served.statusCode() == 403 && view.equals("/api/v1/permits")) {
        // Observers read the queue as aggregates: those are compared instead.
        view = PERMIT_STATS;
        q = query(view, size, now, day);
        served = get(q, true);
      }
      comparePages(q, served, size, found);
    }
  }

  /**
   * A view page by page ({@code web/Page}): each page the server serves against the mirror's answer
   * to the same request, following the server's {@code "next"} until it is null or absent. The walk
   * is bounded: it goes on only while a page, its {@code "next"} included, equals the mirror's,
   * whose keyset cursors strictly advance to a last page; a {@code "next"} the server already gave
   * (a loop) is reported before anything else about that page. At most one finding per view: the
   * first page that differs.
   */
  private void comparePages(
      String first, HttpResponse<byte[]> served, long size, List<Finding> found) {
    Map<String, Integer> given = new HashMap<>(); // cursor → the page whose "next" it was
    String q = first;
    for (int page = 1; ; page++) {
      JsonNode theirs = json(served);
      JsonNode next = theirs.path("next");
      if (next.isTextual() && given.containsKey(next.asText())) {
        found.add(
            new Finding(
                "paging",
                "GET "
                    + q
                    + " (page "
                    + page
                    + ") gives as \"next\" the cursor that page "
                    + given.get(next.asText())
                    + " already gave: the server's pages loop, so the rest of the list was not"
                    + " compared",
                List.of("next: " + next.asText(), "served page " + page + ": " + theirs)));
        return;
      }
      List<String> diffs = JsonDiff.of(theirs, local(q), 5, MEASUREMENTS);
      if (!diffs.isEmpty()) {
        found.add(
            new Finding(
                "view",
                "GET "
                    + q
                    + (page > 1 ? " (page " + page + ")" : "")
                    + " differs from what the mirror computes at size "
                    + size
                    + ": "
                    + diffs.get(0),
                diffs));
        return;
      }
      if (!next.isTextual()) return;
      given.put(next.asText(), page);
      q = first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
      served = get(q, true);
    }
  }

  /** The mirror's own answer to {@code q}, from its local server. */
  private JsonNode local(String q) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + q))
                  .header("Authorization", "Bearer " + localToken)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return StrictJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the mirror's own view " + q + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the mirror's view " + q, e);
    }
  }

  /** The query of a view at {@code size}, with the time it is asked for where it depends on one. */
  private static String query(String view, long size, String now, String day) {
    String q = view + "?at=" + size;
    return switch (view) {
      case "/api/v1/materials/alerts" -> q + "&now=" + now;
      case "/api/v1/obligations" -> q + "&date=" + day;
      case "/api/v1/permits", PERMIT_STATS -> q + "&time=" + now;
      default -> q;
    };
  }

  private LeafCodec.Decoded decoded(long index) {
    try {
      return LeafCodec.decode(mirror.store.entries(index, index + 1).get(0).data(), parser);
    } catch (LeafCodec.BadLeafException e) {
      throw new IllegalStateException(
          "mirrored entry " + index + " does not decode: " + e.getMessage());
    }
  }

  private void startLocal() {
    if (local != null) return;
    // The views compared are the same for every reader; the mirror's genesis party reads them.
    String party = decoded(0).signed().event().party();
    localToken = mirror.tokens.issue(party, s.clock().instant(), new SecureRandom());
    local = mirror.web().start("127.0.0.1", 0);
  }

  // ---- keeping and fetching ---------------------------------------------------------------

  private void keep(Finding f) {
    try {
      Files.createDirectories(findingsDir);
      String name = s.clock().instant().toString().replace(":", "") + "-" + f.kind();
      Path p = findingsDir.resolve(name + ".txt");
      for (int i = 2; Files.exists(p); i++) p = findingsDir.resolve(name + "-" + i + ".txt");
      writeAtomically(p, f.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeAtomically(Path f, String text) throws IOException {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** GET below the server's root ({@code api}) or below the tiles prefix. */
  private HttpResponse<byte[]> get(String path, boolean api) {
    String url = base + (api ? path : "/api/v1/log/" + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (s.token() != null && !s.token().isBlank())
      b.header("Authorization", "Bearer " + s.token().trim());
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 401)
        throw new IllegalArgumentException(
            "the server needs a read token: pass --token or set STABILIS_TOKEN");
      return r;
    } catch (IOException e) {
      throw new Unreachable("GET " + url + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
  }

  private static void ok(HttpResponse<byte[]> r, String what) {
    if (r.statusCode() != 200)
      throw new Unreachable(
          "GET "
              + what
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
  }

  private static String text(HttpResponse<byte[]> r) {
    ok(r, r.uri().getPath());
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> r) {
    ok(r, r.uri().toString());
    try {
      return StrictJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new Unreachable(r.uri() + " did not answer JSON: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (local != null) local.stop();
    if (mirror != null) mirror.close();
  }
}
