package org.stabilis;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.catalogue.Reference;
import org.stabilis.cli.Cli;
import org.stabilis.correction.CorrectionRoutes;
import org.stabilis.correction.CorrectionRules;
import org.stabilis.correction.Corrections;
import org.stabilis.correction.Refold;
import org.stabilis.dashboard.Dashboard;
import org.stabilis.dashboard.Workstation;
import org.stabilis.force.CoverageService;
import org.stabilis.force.ForceProjection;
import org.stabilis.force.ForceRoutes;
import org.stabilis.force.ForceRule;
import org.stabilis.incident.IncidentLog;
import org.stabilis.incident.IncidentRoutes;
import org.stabilis.incident.IncidentRule;
import org.stabilis.incident.IncidentStore;
import org.stabilis.log.CodeVersion;
import org.stabilis.log.EventSigner;
import org.stabilis.log.LogHistory;
import org.stabilis.log.LogService;
import org.stabilis.log.Outcome;
import org.stabilis.log.Projection;
import org.stabilis.log.RuleCode;
import org.stabilis.log.RuleCodes;
import org.stabilis.log.Snapshots;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.crypto.InvalidKeyException;
import org.stabilis.log.merkle.TreeHasher;
import org.stabilis.log.store.CosignatureStore;
import org.stabilis.log.store.Database;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.store.SnapshotStore;
import org.stabilis.log.witness.Witnessing;
import org.stabilis.material.MaterialProjection;
import org.stabilis.material.MaterialRoutes;
import org.stabilis.material.MaterialRule;
import org.stabilis.material.Policy;
import org.stabilis.obligation.ObligationRoutes;
import org.stabilis.obligation.ObligationRules;
import org.stabilis.obligation.Obligations;
import org.stabilis.party.PartyRegistry;
import org.stabilis.party.PartyRule;
import org.stabilis.party.TokenStore;
import org.stabilis.permit.PermitRoutes;
import org.stabilis.permit.PermitRules;
import org.stabilis.permit.Permits;
import org.stabilis.reconstruction.ProjectRoutes;
import org.stabilis.reconstruction.ProjectRule;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.reconstruction.Projects;
import org.stabilis.web.Auth;
import org.stabilis.web.DisclosureRoutes;
import org.stabilis.web.LogRoutes;
import org.stabilis.web.SessionStore;
import org.stabilis.web.TileRoutes;
import org.stabilis.web.ViewGuard;
import org.stabilis.web.WebServer;
import org.stabilis.zone.ZoneBook;
import org.stabilis.zone.ZoneGate;
import org.stabilis.zone.ZoneRoutes;
import org.stabilis.zone.ZoneRule;

/**
 * The one composition root: configuration → store → log → modules → web and command line. Every
 * object is wired here by hand.
 */
public final class App implements AutoCloseable {

  /**
   * Every rule code the server may send, one owner enum each (STYLE habit 10). A new owner is
   * listed here once; a new code is one constant in its owner (see {@link RuleCode}).
   */
  public static final RuleCodes RULES =
      RuleCodes.of(
          Reference.values(),
          PartyRule.values(),
          ZoneRule.values(),
          ZoneGate.Criterion.values(),
          IncidentRule.values(),
          ProjectRule.values(),
          ForceRule.values(),
          MaterialRule.values(),
          CorrectionRules.values(),
          ObligationRules.values(),
          PermitRules.values());

  /** File in the data folder holding the log's checkpoint signing key (PKCS#8 PEM). */
  public static final String LOG_KEY_FILE = "log-key.pem";

  public final Path dataDir;
  public final Database db;
  public final LogStore store;
  public final EventCatalogue catalogue;
  public final SubmissionParser parser;
  public final PartyRegistry parties;
  public final TokenStore tokens;
  public final SessionStore sessions;
  public final ZoneBook zones;
  public final IncidentLog incidents;
  private final IncidentStore incidentStore;
  public final Projects projects;
  public final LogService log;
  public final Clock clock;
  public final ForceProjection force;
  public final CoverageService coverage;
  public final MaterialProjection materials;
  public final Corrections corrections;
  public final Snapshots snapshots;
  public final Obligations obligations;
  public final Permits permits;
  private final ProjectView projectView;
  private final LogHistory history;
  private volatile java.util.Optional<Witnessing> witnessing = java.util.Optional.empty();

  private App(
      Path dataDir,
      Database db,
      Clock clock,
      NoteSigner signer,
      LogService.Settings settings,
      Snapshots.Settings snapshotSettings,
      LogService.Progress progress) {
    this(dataDir, db, clock, signer, settings, snapshotSettings, progress, false);
  }

  private App(
      Path dataDir,
      Database db,
      Clock clock,
      NoteSigner signer,
      LogService.Settings settings,
      Snapshots.Settings snapshotSettings,
      LogService.Progress progress,
      boolean readOnly) {
    this.dataDir = dataDir;
    this.db = db;
    this.clock = clock;
    this.store = new LogStore(db);
    this.catalogue = new EventCatalogue();
    this.parser = new SubmissionParser(catalogue);
    this.parties = new PartyRegistry(catalogue);
    this.tokens = new TokenStore(db);
    this.sessions = new SessionStore(db);
    this.incidentStore = new IncidentStore(db, CodeVersion.current());
    incidentStore.deleteOtherVersions();
    Modules m = modules(parties, incidentStore);
    this.zones = m.zones();
    this.incidents = m.incidents();
    this.projects = m.projects();
    this.force = m.force();
    this.projectView = m.projects();
    this.materials = m.materials();
    this.obligations = m.obligations();
    this.permits = m.permits();
    // Every module folds through the corrections, so a retraction re-folds them all alike; the
    // party registry decides first and is not retractable (it says whose signatures count).
    this.snapshots = new Snapshots(new SnapshotStore(db), CodeVersion.current(), snapshotSettings);
    this.history = LogService.history(store, snapshots);
    // The window holds the commit group being decided, which is not in the store yet.
    this.corrections =
        new Corrections(
            m.list(),
            () -> modules(parties, incidentStore).list(),
            Refold.fromLog(history, Math.max(1024, settings.maxBatch())));
    this.log =
        readOnly
            ? LogService.openReadOnly(
                store,
                parser,
                parties,
                List.of(parties, corrections),
                settings,
                clock,
                progress,
                replayFold(history),
                snapshots)
            : LogService.open(
                store,
                parser,
                parties,
                List.of(parties, corrections),
                signer,
                settings,
                clock,
                progress,
                replayFold(history),
                snapshots);
    Predicate<String> zoneExists = zones::exists;
    Predicate<String> partyExists = p -> parties.party(p) != null;
    this.coverage =
        new CoverageService(log, force, () -> new ForceProjection(zoneExists, partyExists));
  }

  /**
   * The fold of a replay into fresh projections: the party registry first and beside the
   * corrections, as the live log folds it (party events are not retractable, so a retraction never
   * changes it), the others through the corrections. Each part then restores from its own part of a
   * snapshot.
   */
  private static java.util.function.UnaryOperator<List<Projection>> replayFold(LogHistory history) {
    return into -> {
      // A replay into a corrections fold alone (the corrections view "as of") is already folded
      // through the corrections: it is not wrapped again.
      if (into.size() == 1 && into.getFirst() instanceof Corrections) return into;
      List<Projection> fold = new ArrayList<>();
      List<Projection> modules = new ArrayList<>();
      for (Projection p : into) (p instanceof PartyRegistry ? fold : modules).add(p);
      fold.add(Corrections.replaying(modules, history));
      return fold;
    };
  }

  /** The module projections, wired to one another through their views, in the order they fold. */
  private record Modules(
      ZoneBook zones,
      IncidentLog incidents,
      Projects projects,
      ForceProjection force,
      MaterialProjection materials,
      Obligations obligations,
      Permits permits) {
    List<Projection> list() {
      // Permits decide before materials apply an entry, against the catalogue materials hold.
      return List.of(zones, incidents, projects, force, permits, materials, obligations);
    }
  }

  /**
   * A fresh, wired set of the module projections over {@code parties}, in the order they fold, with
   * every incident in memory: what a reference rebuild of the modules folds into.
   */
  public static List<Projection> moduleProjections(PartyRegistry parties) {
    return modules(parties, null).list();
  }

  /**
   * A fresh, wired set of this log's module projections over {@code parties}, in the order they
   * fold: what a view of the past folds into. Its incident log reads the incidents this log's
   * snapshots handed over to the store.
   */
  public List<Projection> freshModules(PartyRegistry parties) {
    return modules(parties, incidentStore).list();
  }

  /** A zone book and the incident log it reads, fresh, for a view of the past. */
  private record ZoneFold(ZoneBook zones, IncidentLog incidents) {
    List<Projection> list() {
      return List.of(zones, incidents);
    }
  }

  /**
   * A fresh zone book for a view of the past, with the incident log whose incidents it reads.
   * Decisions of the past are replayed as taken: parties are not asked again.
   */
  private ZoneFold zoneFold() {
    IncidentLog[] reported = new IncidentLog[1];
    ZoneBook z = new ZoneBook(p -> true, id -> reported[0].indexOf(id));
    reported[0] = new IncidentLog(z, incidentStore);
    return new ZoneFold(z, reported[0]);
  }

  /**
   * The module projections over {@code parties}, wired to one another, in the order they fold; the
   * incident log hands its incidents over to {@code incidentStore} when snapshots are taken (null:
   * kept in memory).
   */
  private static Modules modules(PartyRegistry parties, IncidentStore incidentStore) {
    // The zone book asks the incident log for the incidents it refers to, instead of keeping them.
    IncidentLog[] reported = new IncidentLog[1];
    ZoneBook zones = new ZoneBook(id -> parties.party(id) != null, id -> reported[0].indexOf(id));
    IncidentLog incidents = new IncidentLog(zones, incidentStore);
    reported[0] = incidents;
    // A bill of materials names catalogue items: asked of the material ledger when a project
    // registers.
    MaterialProjection[] ledger = new MaterialProjection[1];
    Projects projects = new Projects(zones, code -> ledger[0].ledger().item(code) != null);
    // Force generation reads zones and parties only through these two questions.
    ForceProjection force = new ForceProjection(zones::exists, p -> parties.party(p) != null);
    // Materials reads projects and zone status only through these small views.
    MaterialProjection materials =
        new MaterialProjection(projects, zones, parties::has, Policy.DEFAULT);
    ledger[0] = materials;
    Obligations obligations = new Obligations(p -> parties.party(p) != null);
    Permits permits =
        new Permits(
            new Permits.Items() {
              @Override
              public boolean defined(String item) {
                return materials.ledger().item(item) != null;
              }

              @Override
              public boolean dualUse(String item) {
                var i = materials.ledger().item(item);
                return i != null && i.dualUse();
              }

              @Override
              public List<Permits.Items.Entering> entered(
                  com.fasterxml.jackson.databind.JsonNode doc) {
                return org.stabilis.material.Epcis.entered(doc, materials.ledger()).stream()
                    .map(en ->
                        new Permits.Items.Entering(
                            en.fact().consignment(),
                            en.fact().item(),
                            en.fact().quantity(),
                            en.fact().permit(),
                            en.position(),
                            en.eventId()))
                    .toList();
              }
            });
    return new Modules(zones, incidents, projects, force, materials, obligations, permits);
  }

  /**
   * Opens an initialised data folder.
   *
   * @param dbUrl a JDBC URL, or null for the SQLite file inside the folder
   */
  public static App open(Path dataDir, String dbUrl, Clock clock, LogService.Progress progress) {
    return open(dataDir, dbUrl, clock, progress, Snapshots.Settings.DEFAULT);
  }

  /**
   * Opens an initialised data folder, taking snapshots as {@code snapshots} says.
   *
   * @param dbUrl a JDBC URL, or null for the SQLite file inside the folder
   */
  public static App open(
      Path dataDir,
      String dbUrl,
      Clock clock,
      LogService.Progress progress,
      Snapshots.Settings snapshots) {
    Path keyFile = dataDir.resolve(LOG_KEY_FILE);
    if (!Files.isRegularFile(keyFile))
      throw new IllegalArgumentException(
          dataDir
              + " is not an initialised Stabilis data folder (no "
              + LOG_KEY_FILE
              + "); create one with `stabilis init`");
    Database db = Database.open(dbUrl != null ? dbUrl : Database.sqliteUrl(dataDir));
    try {
      LogStore store = new LogStore(db);
      String origin =
          store
              .meta("origin")
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "the database has no log origin; was `stabilis init` run against it?"));
      NoteSigner signer = new NoteSigner(origin, readKey(keyFile));
      // SPEC §2.1: the accepted window of event times, configured when the log was created.
      long maxPastDays = Long.parseLong(store.meta("max_past_days").orElse("30"));
      long maxFutureMinutes = Long.parseLong(store.meta("max_future_minutes").orElse("5"));
      LogService.Settings settings =
          new LogService.Settings(
              origin, Duration.ofMinutes(maxFutureMinutes), Duration.ofDays(maxPastDays), 1000);
      return new App(dataDir, db, clock, signer, settings, snapshots, progress);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Deletes every stored snapshot of the log in {@code dataDir} (or at {@code dbUrl}), and the
   * incidents they handed over to the store: the next start rebuilds the projections from the whole
   * log, and takes new ones.
   *
   * @return the number of snapshots deleted
   */
  public static int dropSnapshots(Path dataDir, String dbUrl) {
    try (Database db = Database.open(dbUrl != null ? dbUrl : Database.sqliteUrl(dataDir))) {
      int n = new SnapshotStore(db).deleteAll();
      new IncidentStore(db, CodeVersion.current()).deleteAll();
      return n;
    }
  }

  /**
   * Opens a monitor's mirror of a log (SPEC §2.9): the same modules over a store that the monitor
   * fills, with no signing key and no submissions; the projections follow what is appended after
   * {@link LogService#refresh}.
   */
  public static App openMirror(
      Path dataDir, String dbUrl, Clock clock, LogService.Progress progress) {
    Database db = Database.open(dbUrl != null ? dbUrl : Database.sqliteUrl(dataDir));
    try {
      String origin =
          new LogStore(db)
              .meta("origin")
              .orElseThrow(
                  () -> new IllegalArgumentException(dataDir + " holds no mirror of a log yet"));
      return new App(
          dataDir,
          db,
          clock,
          null,
          LogService.Settings.defaults(origin),
          Snapshots.Settings.DEFAULT,
          progress,
          true);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** What {@code init} needs: the log's origin and the coordinator that signs the genesis entry. */
  public record Genesis(
      String origin,
      String coordinatorId,
      String coordinatorName,
      String keyId,
      Ed25519PrivateKey coordinatorKey,
      long maxPastDays,
      long maxFutureMinutes) {
    public Genesis {
      if (maxPastDays < 0 || maxFutureMinutes < 0)
        throw new IllegalArgumentException("the time window must not be negative");
    }

    /** SPEC §2.1 defaults: 30 days in the past, 5 minutes in the future. */
    public Genesis(
        String origin,
        String coordinatorId,
        String coordinatorName,
        String keyId,
        Ed25519PrivateKey key,
        long maxPastDays) {
      this(origin, coordinatorId, coordinatorName, keyId, key, maxPastDays, 5);
    }
  }

  /**
   * Creates a new log in {@code dataDir}: the checkpoint signing key, the database and the genesis
   * entry, the coordinator registering itself (SPEC §3). Refuses a folder that already holds a log.
   */
  public static App initialise(
      Path dataDir,
      String dbUrl,
      Genesis g,
      Instant genesisTime,
      Clock clock,
      SecureRandom random) {
    return initialise(dataDir, dbUrl, g, genesisTime, clock, random, Snapshots.Settings.DEFAULT);
  }

  /**
   * As {@link #initialise(Path, String, Genesis, Instant, Clock, SecureRandom)}, opened with these
   * snapshot settings.
   */
  public static App initialise(
      Path dataDir,
      String dbUrl,
      Genesis g,
      Instant genesisTime,
      Clock clock,
      SecureRandom random,
      Snapshots.Settings snapshots) {
    new Checkpoint(g.origin(), 0, TreeHasher.emptyRoot()); // validates the origin
    Path keyFile = dataDir.resolve(LOG_KEY_FILE);
    if (Files.exists(keyFile))
      throw new IllegalArgumentException(
          dataDir + " already holds a log (" + LOG_KEY_FILE + " exists)");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create " + dataDir + ": " + e.getMessage(), e);
    }
    Database db = Database.open(dbUrl != null ? dbUrl : Database.sqliteUrl(dataDir));
    try {
      LogStore store = new LogStore(db);
      if (store.size() > 0 || store.meta("origin").isPresent())
        throw new IllegalArgumentException(
            "the database already holds a log; refusing to overwrite it");
      store.putMeta("origin", g.origin());
      store.putMeta("max_past_days", Long.toString(g.maxPastDays()));
      store.putMeta("max_future_minutes", Long.toString(g.maxFutureMinutes()));
    } finally {
      db.close();
    }
    Ed25519PrivateKey logKey = Ed25519PrivateKey.generate(random);
    try {
      logKey.writePkcs8Pem(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + keyFile + ": " + e.getMessage(), e);
    }
    App app = open(dataDir, dbUrl, clock, null, snapshots);
    var body = StrictJson.mapper().createObjectNode();
    body.put("id", g.coordinatorId());
    body.put("name", g.coordinatorName());
    body.put("kind", "coordination-centre");
    body.putArray("roles").add("coordinator");
    var key = body.putArray("keys").addObject();
    key.put("id", g.keyId());
    key.put("public", g.coordinatorKey().publicKey().base64());
    var signer = new EventSigner(g.coordinatorId(), g.keyId(), g.coordinatorKey(), 0);
    var outcome = app.log.submit(signer.sign("party.registered", body, genesisTime));
    if (!(outcome instanceof Outcome.Accepted)) {
      app.close();
      throw new IllegalStateException("the genesis entry was refused: " + outcome);
    }
    return app;
  }

  public static Ed25519PrivateKey readKey(Path pem) {
    try {
      return Ed25519PrivateKey.fromPkcs8Pem(Files.readString(pem));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + pem + ": " + e.getMessage(), e);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          pem + " is not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
    }
  }

  /**
   * Starts collecting witness cosignatures under {@code policy} (SPEC §2.7); from then on the
   * checkpoint endpoints serve what the policy's quorum witnessed. Call before {@link #web()}.
   *
   * @throws IllegalArgumentException if the policy does not list this log's key
   */
  public Witnessing witness(org.stabilis.log.checkpoint.Policy policy, Duration interval) {
    Witnessing w = new Witnessing(log, new CosignatureStore(db), policy, interval, clock).start();
    witnessing = java.util.Optional.of(w);
    return w;
  }

  /** The witnessing started by {@link #witness}, if any. */
  public java.util.Optional<Witnessing> witnessing() {
    return witnessing;
  }

  /** A signed-in party as a reader: its roles as the log stands now (SPEC §2.6, §2.10). */
  public Reader reader(String party) {
    return log.read(() -> {
      PartyRegistry.Party p = party == null ? null : parties.party(party);
      return catalogue.reader(
          party == null ? "" : party, p == null ? java.util.Set.of() : p.roles());
    });
  }

  /** The HTTP server over this instance, not yet started, with the default settings. */
  public Javalin web() {
    return web(Auth.Settings.DEFAULT);
  }

  /** The HTTP server over this instance, not yet started. */
  public Javalin web(Auth.Settings settings) {
    Readers readers = this::reader;
    List<Consumer<RoutesConfig>> routes = new ArrayList<>();
    // After sign-in: the views open to some roles only refuse the others (the Views table).
    routes.add(r -> r.before(new ViewGuard(readers)::check));
    routes.add(new LogRoutes(log, RULES, witnessing)::register);
    routes.add(new DisclosureRoutes(log, catalogue, readers)::register);
    routes.add(new TileRoutes(log)::register);
    routes.add(
        new ZoneRoutes(
                log,
                zones,
                clock,
                readers,
                size -> {
                  ZoneFold past = zoneFold();
                  log.replayInto(size, past.list());
                  return past.zones();
                })
            ::register);
    routes.add(new IncidentRoutes(log, incidents, readers)::register);
    // Decisions of the past are replayed as taken: the item check only guards new submissions.
    routes.add(
        new ProjectRoutes(
                log,
                projects,
                readers,
                size -> {
                  ZoneFold past = zoneFold();
                  Projects p = new Projects(past.zones(), item -> true);
                  log.replayInto(size, List.of(past.zones(), past.incidents(), p));
                  return p;
                })
            ::register);
    routes.add(new ForceRoutes(coverage, clock)::register);
    routes.add(new MaterialRoutes(log, materials, projectView)::register);
    routes.add(new ObligationRoutes(log, obligations, clock)::register);
    routes.add(
        new PermitRoutes(
                log,
                permits,
                parties,
                clock,
                size -> {
                  // Permits read entries from EPCIS documents through the materials catalogue.
                  Modules past = modules(parties, incidentStore);
                  log.replayInto(size, past.list());
                  return past.permits();
                })
            ::register);
    CorrectionRoutes correctionRoutes =
        new CorrectionRoutes(
            log,
            corrections,
            size -> {
              // The corrections alone: restored from the nearest snapshot's part, then the tail.
              Corrections past = Corrections.replaying(List.of(), history);
              log.replayInto(size, List.of(past));
              return past;
            });
    routes.add(correctionRoutes::register);
    Auth auth = new Auth(tokens, sessions, clock, new SecureRandom(), settings);
    routes.add(
        new Dashboard(
                log,
                auth,
                parties,
                coverage,
                zones,
                incidents,
                projects,
                materials,
                obligations,
                corrections,
                clock,
                readers,
                witnessing)
            ::register);
    routes.add(new Workstation(log, catalogue, parties)::register);
    return WebServer.create(auth, routes, correctionRoutes);
  }

  @Override
  public void close() {
    witnessing.ifPresent(Witnessing::close);
    log.close();
    snapshots.close();
    db.close();
  }

  public static void main(String[] args) {
    System.exit(Cli.run(args));
  }
}
