package org.stabilis.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.log.CodeVersion;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.Outcome;
import org.stabilis.log.Projection;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotParts;
import org.stabilis.log.Snapshots;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.store.SnapshotStore;
import org.stabilis.testing.StoreTarget;
import org.stabilis.testing.World;

/**
 * Snapshots (SPEC §7 "Scale") are derived state: every view answered from a snapshot and the
 * entries after it is the view a replay of the whole log answers, byte for byte, and a snapshot
 * that fails a check is ignored and rebuilt, never trusted.
 */
class SnapshotTest {
  static final Clock CLOCK = Clock.fixed(RetractionTest.NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  /** The views that answer "as of" a size, and some that answer only the live state. */
  static final List<String> AS_OF_VIEWS =
      List.of(
          "/api/v1/zones",
          "/api/v1/demil/items",
          "/api/v1/projects",
          "/api/v1/coverage?date=2026-07-01",
          "/api/v1/materials/balance",
          "/api/v1/materials/alerts",
          "/api/v1/corrections");

  static final List<String> LIVE_VIEWS =
      List.of(
          "/api/v1/incidents",
          "/api/v1/tasks",
          "/api/v1/pledges",
          "/api/v1/coverage?on=2026-05-01&date=2026-07-01",
          "/api/v1/zones?on=2026-05-01",
          "/api/v1/materials/balance?on=2026-05-02");

  /** Every view's JSON answer, as of each of {@code sizes} and live, by URL. */
  static Map<String, String> answers(App app, List<Long> sizes) throws Exception {
    String token = app.tokens.issue("cmcc", CLOCK.instant(), new SecureRandom());
    Javalin web = app.web().start("127.0.0.1", 0);
    try {
      List<String> urls = new ArrayList<>(LIVE_VIEWS);
      for (String v : AS_OF_VIEWS) {
        urls.add(v);
        for (long n : sizes) urls.add(v + (v.contains("?") ? "&" : "?") + "at=" + n);
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String u : urls)
        // The solver's own run time is the one part of an answer that is not derived from the log.
        out.put(u, get(web, token, u).replaceAll("\"solve_ms\":[0-9]+", "\"solve_ms\":_"));
      return out;
    } finally {
      web.stop();
    }
  }

  /** {@code GET url} of a running server; fails unless it answers 200. */
  static String get(Javalin web, String token, String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return r.body();
  }

  /** Opens the log again, recording the (done, total) the start-up replay reported last. */
  static App reopen(World w, long[] progress, Snapshots.Settings s) {
    return App.open(
        w.dir,
        w.dbUrl,
        CLOCK,
        (done, total) -> {
          progress[0] = done;
          progress[1] = total;
        },
        s);
  }

  @Test
  void randomLogsWithRetractions_viewsFromSnapshotAndTail_equalViewsFromAWholeReplay()
      throws Exception {
    Snapshots.Settings every23 = Snapshots.Settings.DEFAULT.exactlyEvery(23);
    for (long seed = 11; seed <= 12; seed++) {
      World w = new World(dir.resolve("s" + seed), StoreTarget.freshDatabaseUrl(), every23);
      long size;
      List<Long> points = new ArrayList<>();
      String incremental;
      Map<String, String> fromSnapshots;
      try (w) {
        RetractionTest.Randomised r = new RetractionTest.Randomised(w, seed);
        r.setUp();
        for (int step = 0; step < 300; step++) r.step();
        assertThat(r.retractionsAccepted).as("seed %d retracts", seed).isGreaterThan(2);
        size = w.app.log.size();
        w.app.snapshots.flush();
        List<Long> taken = w.app.snapshots.sizes();
        assertThat(taken).as("snapshots taken as the log grew").hasSizeGreaterThanOrEqualTo(4);
        TreeSet<Long> at = new TreeSet<>(List.of(1L, size / 3, size / 2, size - 1, size));
        for (long s : taken) at.addAll(List.of(s - 1, s, s + 1));
        at.removeIf(n -> n < 1 || n > size);
        points.addAll(at);
        assertThat(r.disputesAccepted).as("seed %d disputes", seed).isGreaterThan(2);
        String token = w.app.tokens.issue("cmcc", CLOCK.instant(), new SecureRandom());
        Javalin web = w.app.web().start("127.0.0.1", 0);
        try {
          for (long n : points) {
            long before = w.app.log.entriesReplayed();
            assertThat(RetractionTest.asOf(w.app, n))
                .as("seed %d: the state as of %d from a snapshot and its tail", seed, n)
                .isEqualTo(RetractionTest.reference(w.app, n));
            long floor =
                taken.stream().filter(s -> s <= n).mapToLong(Long::longValue).max().orElse(0);
            assertThat(w.app.log.entriesReplayed() - before)
                .as(
                    "seed %d: the view as of %d replays only the entries after snapshot %d",
                    seed, n, floor)
                .isEqualTo(n - floor);
            before = w.app.log.entriesReplayed();
            get(web, token, "/api/v1/corrections?at=" + n);
            assertThat(w.app.log.entriesReplayed() - before)
                .as(
                    "seed %d: the corrections as of %d replay only the entries after snapshot %d",
                    seed, n, floor)
                .isEqualTo(n - floor);
          }
        } finally {
          web.stop();
        }
        incremental = RetractionTest.live(w.app);
        fromSnapshots = answers(w.app, points);
      }

      App.dropSnapshots(w.dir, w.dbUrl);
      long[] progress = {-1, -1};
      try (App whole =
          reopen(w, progress, Snapshots.Settings.DEFAULT.exactlyEvery(Long.MAX_VALUE))) {
        assertThat(progress[1]).as("without snapshots the whole log is replayed").isEqualTo(size);
        assertThat(RetractionTest.live(whole)).isEqualTo(incremental);
        assertThat(answers(whole, points))
            .as("seed %d: every view from whole replays", seed)
            .containsExactlyEntriesOf(fromSnapshots);
      }
    }
  }

  @Test
  void restart_restoresTheNewestSnapshot_andReplaysOnlyTheEntriesAfterIt() throws Exception {
    Snapshots.Settings every25 = Snapshots.Settings.DEFAULT.exactlyEvery(25);
    World w = new World(dir.resolve("log"), StoreTarget.freshDatabaseUrl(), every25);
    long size;
    String incremental;
    Map<String, String> expected;
    byte[] firstLeaf;
    try (w) {
      RetractionTest.Randomised r = new RetractionTest.Randomised(w, 5);
      r.setUp();
      for (int step = 0; step < 160; step++) r.step();
      size = w.app.log.size();
      incremental = RetractionTest.live(w.app);
      expected = answers(w.app, List.of(size / 2, size));
      firstLeaf = w.app.log.entries(20, 21).getFirst().data();
    }
    List<Long> sizes = tags(w).stream().map(SnapshotStore.Tags::size).toList();
    assertThat(sizes).as("a snapshot is taken on a clean close").contains(size);
    long older = sizes.get(sizes.size() - 2);

    long[] progress = {-1, -1};
    try (App app = reopen(w, progress, every25)) {
      assertThat(progress[1]).as("nothing after the snapshot of the whole log").isZero();
      assertThat(app.log.entriesReplayed()).isZero();
      assertThat(RetractionTest.live(app)).isEqualTo(incremental);
      assertThat(answers(app, List.of(size / 2, size))).containsExactlyEntriesOf(expected);
      // The sequence numbers came back too: an entry sent again is the same entry, not a new one.
      Outcome again = app.log.submit(LeafCodec.decode(firstLeaf, app.parser).signed());
      assertThat(again).isInstanceOf(Outcome.Duplicate.class);
      assertThat(((Outcome.Duplicate) again).index()).isEqualTo(20);
    }

    try (Database db = database(w)) {
      new SnapshotStore(db).delete(size, CodeVersion.current());
    }
    try (App app = reopen(w, progress, every25)) {
      assertThat(progress[1])
          .as("only the entries after snapshot %d", older)
          .isEqualTo(size - older);
      assertThat(app.log.entriesReplayed()).isEqualTo(size - older);
      assertThat(RetractionTest.live(app)).isEqualTo(incremental);
      assertThat(answers(app, List.of(size / 2, size))).containsExactlyEntriesOf(expected);
    }
    assertThat(tags(w).stream().map(SnapshotStore.Tags::size)).contains(size);
  }

  /** How a stored snapshot is spoiled, and what the log must then do. */
  interface Spoil {
    void apply(SnapshotStore store, SnapshotStore.Tags newest, byte[] content) throws Exception;
  }

  @Test
  void aCorruptStaleOrForeignSnapshot_isIgnored_andRebuilt_withTheSameAnswers() throws Exception {
    Snapshots.Settings every30 = Snapshots.Settings.DEFAULT.exactlyEvery(30);
    World w = new World(dir.resolve("log"), StoreTarget.freshDatabaseUrl(), every30);
    long size;
    String incremental;
    Map<String, String> expected;
    try (w) {
      RetractionTest.Randomised r = new RetractionTest.Randomised(w, 9);
      r.setUp();
      for (int step = 0; step < 150; step++) r.step();
      size = w.app.log.size();
      incremental = RetractionTest.live(w.app);
      expected = answers(w.app, List.of(size / 3, size));
    }
    Map<String, Spoil> spoils = new LinkedHashMap<>();
    spoils.put(
        "a flipped byte",
        (store, t, content) -> {
          content[content.length / 2] ^= 0x01;
          store.put(t, content);
        });
    spoils.put(
        "a root that is not the tree's",
        (store, t, content) ->
            store.put(
                new SnapshotStore.Tags(
                    t.size(), t.codeVersion(), Hash.of(new byte[32]), t.digest()),
                content));
    spoils.put(
        "a part that does not restore",
        (store, t, content) -> {
          byte[] bad = gzip(SnapshotParts.write(Map.of("parties", "not a state".getBytes())));
          store.put(
              new SnapshotStore.Tags(
                  t.size(),
                  t.codeVersion(),
                  t.root(),
                  MessageDigest.getInstance("SHA-256").digest(bad)),
              bad);
        });
    for (Map.Entry<String, Spoil> spoil : spoils.entrySet()) {
      SnapshotStore.Tags newest = tags(w).getLast();
      assertThat(newest.size()).isEqualTo(size);
      long older = tags(w).get(tags(w).size() - 2).size();
      try (Database db = database(w)) {
        SnapshotStore store = new SnapshotStore(db);
        spoil
            .getValue()
            .apply(store, newest, store.content(size, CodeVersion.current()).orElseThrow());
      }
      long[] progress = {-1, -1};
      try (App app = reopen(w, progress, every30)) {
        assertThat(progress[1])
            .as("%s: the snapshot is ignored and the older one used", spoil.getKey())
            .isEqualTo(size - older);
        assertThat(RetractionTest.live(app)).as(spoil.getKey()).isEqualTo(incremental);
        assertThat(answers(app, List.of(size / 3, size)))
            .as(spoil.getKey())
            .containsExactlyEntriesOf(expected);
      }
      try (App app = reopen(w, progress, every30)) {
        assertThat(progress[1]).as("%s: rebuilt at close", spoil.getKey()).isZero();
      }
    }

    // Written by other code: none is used, the whole log is replayed, and new ones are written.
    try (Database db = database(w);
        Connection c = db.write();
        PreparedStatement s = c.prepareStatement("UPDATE log_snapshots SET code_version = ?")) {
      s.setString(1, "f".repeat(64));
      assertThat(s.executeUpdate()).isGreaterThan(1);
    }
    long[] progress = {-1, -1};
    try (App app = reopen(w, progress, every30)) {
      assertThat(progress[1]).as("no snapshot of other code is used").isEqualTo(size);
      assertThat(RetractionTest.live(app)).isEqualTo(incremental);
      assertThat(answers(app, List.of(size / 3, size))).containsExactlyEntriesOf(expected);
    }
    assertThat(tags(w)).allMatch(t -> t.codeVersion().equals(CodeVersion.current()));
    assertThat(tags(w).stream().map(SnapshotStore.Tags::size)).contains(size);
  }

  @Test
  void aViewOverAProjectionThatSavesNoState_isReplayedFromTheStart() {
    World w =
        new World(
            dir.resolve("log"),
            StoreTarget.freshDatabaseUrl(),
            Snapshots.Settings.DEFAULT.exactlyEvery(20));
    try (w) {
      RetractionTest.Randomised r = new RetractionTest.Randomised(w, 3);
      r.setUp();
      for (int step = 0; step < 120; step++) r.step();
      w.app.snapshots.flush();
      assertThat(w.app.snapshots.sizes()).isNotEmpty();
      long size = w.app.log.size();
      List<Long> expected = new ArrayList<>();
      TreeSet<Long> retracted = new TreeSet<>();
      for (LogStore.StoredEntry s : w.app.log.entries(0, size)) {
        Event e = RetractionTest.trusted(s).event();
        if (e.type().equals("record.retracted")) retracted.add(e.body().get("index").asLong());
      }
      for (long i = 0; i < size; i++) if (!retracted.contains(i)) expected.add(i);
      Indices seen = new Indices();
      long before = w.app.log.entriesReplayed();
      w.app.log.replayInto(size, List.of(seen));
      assertThat(w.app.log.entriesReplayed() - before).isEqualTo(size);
      List<Long> kept = new ArrayList<>(seen.indices);
      kept.removeIf(i -> isCorrection(w.app, i));
      expected.removeIf(i -> isCorrection(w.app, i));
      assertThat(kept).isEqualTo(expected);
    }
  }

  @Test
  void corrections_overAModuleThatSavesNoState_refuseToSaveAndToRestore() {
    Corrections c = new Corrections(List.of(new Indices()), null, Refold.fromStart());
    assertThatThrownBy(c::save).isInstanceOf(UnsupportedOperationException.class);
    byte[] someState = SnapshotParts.write(Map.of("corrections", "{}".getBytes()));
    assertThatThrownBy(() -> c.restore(someState)).isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean isCorrection(App app, long i) {
    return RetractionTest.trusted(app.log.entries(i, i + 1).getFirst())
        .event()
        .type()
        .startsWith("record.");
  }

  /** A projection without a snapshot: the indices of the entries it was given, in order. */
  static final class Indices implements Projection {
    final List<Long> indices = new ArrayList<>();

    @Override
    public Rejection decide(Event event) {
      return null;
    }

    @Override
    public void evolve(Entry entry) {
      indices.add(entry.index());
    }

    @Override
    public void reset() {
      indices.clear();
    }
  }

  private static Database database(World w) {
    return Database.open(w.dbUrl != null ? w.dbUrl : Database.sqliteUrl(w.dir));
  }

  private static List<SnapshotStore.Tags> tags(World w) {
    try (Database db = database(w)) {
      return new SnapshotStore(db).list();
    }
  }

  private static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }
}
