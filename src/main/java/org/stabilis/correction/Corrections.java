package org.stabilis.correction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.LogHistory;
import org.stabilis.log.Projection;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.SnapshotParts;
import org.stabilis.log.Snapshotting;

/**
 * Corrections and disputes (SPEC §4, §5), once for every module: the module projections are folded
 * through this one. A {@code record.retracted} makes every module answer as if the retracted entry
 * had never been accepted, by re-folding them from the remembered entries without it (through
 * {@link Refold}); it is refused with {@code retraction-conflicts} when a later accepted entry
 * would have been refused without it, which is what "depends on it" means for every module alike.
 * Disputes change no module state: they are kept here and shown beside the facts they concern.
 *
 * <p>Party events are not retractable: who holds which key decides which signatures count, and is
 * corrected by party events. A retraction or a dispute is not retractable either (a dispute is
 * withdrawn).
 */
public final class Corrections implements Snapshotting, CorrectionView {

  /** This fold's part of a snapshot; inside it, its own state under the same name. */
  static final String SNAPSHOT_NAME = "corrections";

  private final List<Projection> modules;
  private final Supplier<List<Projection>> fresh;
  private final Refold refold;
  private final SortedSet<Long> retracted = new TreeSet<>();
  private final Map<Long, Retraction> retractions = new LinkedHashMap<>();

  /** Open disputes by the disputed entry's index, then by disputing party. */
  private final Map<Long, Map<String, Dispute>> disputes = new LinkedHashMap<>();

  /**
   * @param modules the live module projections, folded in this order
   * @param fresh makes a new, wired set of module projections like {@code modules}, for checking a
   *     retraction without touching the live ones; null when this fold only replays accepted
   *     entries
   * @param refold where re-folds read the entries
   */
  public Corrections(List<Projection> modules, Supplier<List<Projection>> fresh, Refold refold) {
    this.modules = List.copyOf(modules);
    this.fresh = fresh;
    this.refold = refold;
  }

  /**
   * A fold for replaying entries held in memory into fresh projections: a retraction folds again
   * from the entries this fold was given (folds outside a log, and the corrections view as of a
   * size).
   */
  public static Corrections replaying(List<Projection> modules) {
    return new Corrections(modules, null, Refold.fromStart());
  }

  /**
   * A fold for replaying accepted entries into fresh projections (views "as of"), reading what a
   * retraction folds again from {@code history}.
   */
  public static Corrections replaying(List<Projection> modules, LogHistory history) {
    return new Corrections(modules, null, Refold.fromLog(history, REPLAY_WINDOW));
  }

  /** A replay folds committed entries only: the window need hold none but for speed. */
  private static final int REPLAY_WINDOW = 256;

  @Override
  public Rejection decide(Event e) {
    Optional<Correction> c = Correction.decode(e);
    if (c.isEmpty()) {
      for (Projection p : modules) {
        Rejection r = p.decide(e);
        if (r != null) return r;
      }
      return null;
    }
    return switch (c.get()) {
      case Correction.Retracted r -> decideRetraction(e, r);
      case Correction.Disputed d -> decideDispute(e, d);
      case Correction.DisputeWithdrawn w -> decideWithdrawal(e, w);
    };
  }

  private Rejection decideRetraction(Event e, Correction.Retracted r) {
    Entry target = refold.entry(r.index()).orElse(null);
    if (target == null) return noSuchEntry(r.index());
    Event t = target.event();
    if (!t.party().equals(e.party()))
      return Rejection.forbidden(
          "entry "
              + r.index()
              + " was signed by \""
              + t.party()
              + "\"; only its signer may retract it"
              + " (another party may dispute it with record.disputed)");
    if (Correction.isCorrection(t.type()))
      return Rejection.rule(
          CorrectionRules.NOT_RETRACTABLE,
          "entry "
              + r.index()
              + " is a "
              + t.type()
              + "; a retraction stands once and a dispute is withdrawn with record.dispute-withdrawn");
    if (t.type().startsWith("party."))
      return Rejection.rule(
          CorrectionRules.NOT_RETRACTABLE,
          "entry "
              + r.index()
              + " is a "
              + t.type()
              + "; parties, keys and roles are corrected by new party events, not retracted");
    if (retracted.contains(r.index()))
      return Rejection.rule(
          CorrectionRules.ALREADY_RETRACTED,
          "entry "
              + r.index()
              + " was already retracted by entry "
              + retractions.get(r.index()).at());
    if (fresh == null) throw new IllegalStateException("a replaying fold decides nothing");
    SortedSet<Long> skip = new TreeSet<>(retracted);
    skip.add(r.index());
    Conflict[] conflict = {null};
    refold.refold(
        fresh.get(),
        skip,
        (into, later) -> {
          if (conflict[0] != null) return;
          Event le = later.event();
          for (Projection p : into) {
            Rejection refusal = p.decide(le);
            if (refusal != null) {
              conflict[0] = new Conflict(later, refusal.detail());
              return;
            }
          }
          try {
            for (Projection p : into) p.evolve(later);
          } catch (IllegalStateException ex) {
            conflict[0] = new Conflict(later, ex.getMessage());
          }
        });
    if (conflict[0] == null) return null;
    Event le = conflict[0].entry().event();
    return Rejection.rule(
        CorrectionRules.RETRACTION_CONFLICTS,
        "entry "
            + conflict[0].entry().index()
            + " ("
            + le.type()
            + " by \""
            + le.party()
            + "\") depends on entry "
            + r.index()
            + ": without it, it would be refused ("
            + conflict[0].why()
            + "); retract entry "
            + conflict[0].entry().index()
            + " first, or restate the fact with a new event");
  }

  private record Conflict(Entry entry, String why) {}

  private Rejection decideDispute(Event e, Correction.Disputed d) {
    Entry target = refold.entry(d.index()).orElse(null);
    if (target == null) return noSuchEntry(d.index());
    Event t = target.event();
    if (t.party().equals(e.party()))
      return Rejection.forbidden(
          "entry "
              + d.index()
              + " is \""
              + e.party()
              + "\"'s own statement; a party retracts or restates"
              + " its own entries, others dispute them");
    if (t.type().equals(Correction.DISPUTED) || t.type().equals(Correction.DISPUTE_WITHDRAWN))
      return Rejection.rule(
          CorrectionRules.NOT_DISPUTABLE,
          "entry "
              + d.index()
              + " is a "
              + t.type()
              + "; dispute the fact it concerns, entry "
              + t.body().path("index").asLong());
    if (retracted.contains(d.index()))
      return Rejection.rule(
          CorrectionRules.NOT_DISPUTABLE,
          "entry "
              + d.index()
              + " was retracted by entry "
              + retractions.get(d.index()).at()
              + "; it no longer stands");
    Dispute open = disputes.getOrDefault(d.index(), Map.of()).get(e.party());
    if (open != null)
      return Rejection.rule(
          CorrectionRules.ALREADY_DISPUTED,
          "\""
              + e.party()
              + "\" already disputes entry "
              + d.index()
              + " (entry "
              + open.at()
              + "); withdraw that dispute first to state another");
    return null;
  }

  private Rejection decideWithdrawal(Event e, Correction.DisputeWithdrawn w) {
    Map<String, Dispute> open = disputes.getOrDefault(w.index(), Map.of());
    if (open.isEmpty())
      return Rejection.rule(
          CorrectionRules.NO_OPEN_DISPUTE,
          "entry " + w.index() + " has no open dispute to withdraw");
    if (!open.containsKey(e.party()))
      return Rejection.forbidden(
          "\""
              + e.party()
              + "\" does not dispute entry "
              + w.index()
              + "; only a disputing party ("
              + String.join(", ", open.keySet())
              + ") withdraws its own dispute");
    return null;
  }

  private static Rejection noSuchEntry(long index) {
    return Rejection.rule(
        CorrectionRules.NO_SUCH_ENTRY, "the log has no entry " + index + " before this one");
  }

  @Override
  public void evolve(Entry entry) {
    refold.remember(entry);
    Event e = entry.event();
    Optional<Correction> c = Correction.decode(e);
    if (c.isEmpty()) {
      for (Projection p : modules) p.evolve(entry);
      return;
    }
    switch (c.get()) {
      case Correction.Retracted r -> {
        Entry target =
            refold
                .entry(r.index())
                .orElseThrow(() ->
                    new IllegalStateException(
                        "entry "
                            + entry.index()
                            + " retracts entry "
                            + r.index()
                            + ", which does not precede it"));
        if (!retracted.add(r.index()))
          throw new IllegalStateException(
              "entry " + entry.index() + " retracts entry " + r.index() + " a second time");
        retractions.put(
            r.index(),
            new Retraction(
                r.index(),
                target.event().type(),
                e.party(),
                r.reason(),
                r.note(),
                entry.index(),
                e.time()));
        disputes.remove(r.index());
        // A fold of the corrections alone (their view as of a size) has nothing to fold again.
        if (modules.isEmpty()) return;
        for (Projection p : modules) p.reset();
        refold.refold(
            modules,
            retracted,
            (into, later) -> {
              for (Projection p : into) p.evolve(later);
            });
      }
      case Correction.Disputed d -> {
        Event t =
            refold
                .entry(d.index())
                .orElseThrow(() ->
                    new IllegalStateException(
                        "entry "
                            + entry.index()
                            + " disputes entry "
                            + d.index()
                            + ", which does not precede it"))
                .event();
        disputes
            .computeIfAbsent(d.index(), k -> new LinkedHashMap<>())
            .put(
                e.party(),
                new Dispute(
                    d.index(),
                    t.type(),
                    t.party(),
                    e.party(),
                    d.reason(),
                    d.evidence(),
                    entry.index(),
                    e.time()));
      }
      case Correction.DisputeWithdrawn w -> {
        Map<String, Dispute> open = disputes.get(w.index());
        if (open == null || open.remove(e.party()) == null)
          throw new IllegalStateException(
              "entry "
                  + entry.index()
                  + " withdraws a dispute of entry "
                  + w.index()
                  + " that is not open");
        if (open.isEmpty()) disputes.remove(w.index());
      }
    }
  }

  @Override
  public void reset() {
    for (Projection p : modules) p.reset();
    refold.clear();
    retracted.clear();
    retractions.clear();
    disputes.clear();
  }

  // ---- snapshot ---------------------------------------------------------------------------

  private record RetractionState(
      long index, String type, String party, String reason, String note, long at, String time) {}

  private record DisputeState(
      long index,
      String type,
      String author,
      String party,
      String reason,
      List<String> evidence,
      long at,
      String time) {}

  /** The state of this fold, disputes in the order they are held (by entry, then by party). */
  private record State(
      long size,
      List<Long> retracted,
      List<RetractionState> retractions,
      List<DisputeState> disputes) {}

  @Override
  public String snapshotName() {
    return SNAPSHOT_NAME;
  }

  /**
   * This fold's own state and each module's part under its name.
   *
   * @throws UnsupportedOperationException if a module does not implement {@link Snapshotting}
   */
  @Override
  public byte[] save() {
    return save(-1);
  }

  /** As {@link #save()}, each module saving for a log of {@code size} entries. */
  @Override
  public byte[] save(long size) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    List<RetractionState> rs = new ArrayList<>();
    for (Retraction r : retractions.values())
      rs.add(
          new RetractionState(
              r.index(), r.type(), r.party(), r.reason(), r.note(), r.at(), r.time().toString()));
    List<DisputeState> ds = new ArrayList<>();
    for (Map<String, Dispute> m : disputes.values())
      for (Dispute d : m.values())
        ds.add(
            new DisputeState(
                d.index(),
                d.type(),
                d.author(),
                d.party(),
                d.reason(),
                d.evidence(),
                d.at(),
                d.time().toString()));
    parts.put(
        SNAPSHOT_NAME,
        SnapshotJson.write(new State(refold.size(), List.copyOf(retracted), rs, ds)));
    for (Projection p : modules) {
      if (!(p instanceof Snapshotting m))
        throw new UnsupportedOperationException(
            p.getClass().getSimpleName() + " does not implement Snapshotting");
      if (parts.put(m.snapshotName(), size < 0 ? m.save() : m.save(size)) != null)
        throw new IllegalStateException("two parts named \"" + m.snapshotName() + "\"");
    }
    return SnapshotParts.write(parts);
  }

  /**
   * Restores this fold's own state and each of its modules from the part of the same name; the
   * snapshot may hold parts of other modules too (a view "as of" folds only some).
   */
  @Override
  public void restore(byte[] state) {
    reset();
    try {
      Map<String, byte[]> parts = moduleParts(state);
      byte[] own = parts.get(SNAPSHOT_NAME);
      if (own == null) throw new IllegalArgumentException("the corrections' own state is missing");
      State s = SnapshotJson.read(own, State.class);
      for (Projection p : modules) {
        if (!(p instanceof Snapshotting m))
          throw new IllegalArgumentException(
              p.getClass().getSimpleName() + " does not implement Snapshotting");
        byte[] part = parts.get(m.snapshotName());
        if (part == null)
          throw new IllegalArgumentException("no part \"" + m.snapshotName() + "\"");
        m.restore(part);
      }
      retracted.addAll(s.retracted());
      for (RetractionState r : s.retractions())
        retractions.put(
            r.index(),
            new Retraction(
                r.index(),
                r.type(),
                r.party(),
                r.reason(),
                r.note(),
                r.at(),
                java.time.Instant.parse(r.time())));
      for (DisputeState d : s.disputes())
        disputes
            .computeIfAbsent(d.index(), k -> new LinkedHashMap<>())
            .put(
                d.party(),
                new Dispute(
                    d.index(),
                    d.type(),
                    d.author(),
                    d.party(),
                    d.reason(),
                    d.evidence(),
                    d.at(),
                    java.time.Instant.parse(d.time())));
      refold.restart(s.size());
    } catch (IllegalArgumentException | java.time.DateTimeException | NullPointerException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the corrections' state cannot be restored: " + e, e);
    }
  }

  /** The parts of a snapshot this fold saved: its own state and each module's, by name. */
  static Map<String, byte[]> moduleParts(byte[] state) {
    return SnapshotParts.read(state);
  }

  // ---- the view ---------------------------------------------------------------------------

  @Override
  public Optional<Retraction> retraction(long index) {
    return Optional.ofNullable(retractions.get(index));
  }

  @Override
  public List<Retraction> retractions() {
    List<Retraction> out = new ArrayList<>(retractions.values());
    out.sort(java.util.Comparator.comparingLong(Retraction::at));
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<Dispute> disputesOf(long index) {
    Map<String, Dispute> open = disputes.get(index);
    return open == null ? List.of() : List.copyOf(open.values());
  }

  @Override
  public List<Dispute> openDisputes() {
    List<Dispute> out = new ArrayList<>();
    disputes.values().forEach(m -> out.addAll(m.values()));
    out.sort(java.util.Comparator.comparingLong(Dispute::at));
    return Collections.unmodifiableList(out);
  }
}
