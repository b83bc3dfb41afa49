package org.stabilis.obligation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;

/**
 * Phases and obligations (SPEC §4, §5; UNSCR 2803's "standards, milestones, and timeframes"): an
 * obligation of a phase is reported by the obligated party and confirmed by an inspector, and no
 * obligation of a phase is reported before every phase of lower order is complete.
 */
public final class Obligations implements Snapshotting, ObligationView {

  private final Predicate<String> partyExists;
  private final Map<String, PhaseRow> phases = new LinkedHashMap<>();
  private final Map<String, Obligation> obligations = new LinkedHashMap<>();

  private record PhaseRow(String id, int order, String title, String source, long index) {}

  /**
   * @param partyExists whether a party id is registered (the obligated party)
   */
  public Obligations(Predicate<String> partyExists) {
    this.partyExists = partyExists;
  }

  @Override
  public Rejection decide(Event e) {
    Optional<Statement> s = Statement.decode(e);
    if (s.isEmpty()) return null;
    return switch (s.get()) {
      case Statement.PhaseDefined p ->
          phases.containsKey(p.id())
              ? Rejection.rule(
                  ObligationRules.PHASE_EXISTS, "phase \"" + p.id() + "\" is already defined")
              : null;
      case Statement.ObligationDefined o -> {
        if (obligations.containsKey(o.id()))
          yield Rejection.rule(
              ObligationRules.OBLIGATION_EXISTS,
              "obligation \"" + o.id() + "\" is already defined");
        if (!phases.containsKey(o.phase()))
          yield Rejection.rule(
              ObligationRules.NO_SUCH_PHASE,
              "phase \"" + o.phase() + "\" is not defined; define it with phase.defined");
        if (!partyExists.test(o.party()))
          yield Rejection.rule(
              org.stabilis.catalogue.Reference.NO_SUCH_PARTY,
              "party \"" + o.party() + "\" is not registered");
        yield null;
      }
      case Statement.Reported r -> {
        Obligation o = obligations.get(r.id());
        if (o == null) yield noObligation(r.id());
        if (!o.party().equals(e.party()))
          yield Rejection.forbidden(
              "obligation \""
                  + o.id()
                  + "\" is owed by \""
                  + o.party()
                  + "\"; only that party reports it");
        if (o.confirmed() != null)
          yield Rejection.rule(
              ObligationRules.ALREADY_CONFIRMED,
              "obligation \"" + o.id() + "\" was confirmed at entry " + o.confirmed().index());
        PhaseRow mine = phases.get(o.phase());
        for (Phase lower : phases())
          if (lower.order() < mine.order() && !lower.complete())
            yield Rejection.rule(
                ObligationRules.PHASE_LOCKED,
                "phase \""
                    + lower.id()
                    + "\" (order "
                    + lower.order()
                    + ") is not complete: "
                    + pending(lower)
                    + "; obligations of phase \""
                    + mine.id()
                    + "\" (order "
                    + mine.order()
                    + ") are reported after it is");
        yield null;
      }
      case Statement.Confirmed c -> {
        Obligation o = obligations.get(c.id());
        if (o == null) yield noObligation(c.id());
        if (o.confirmed() != null)
          yield Rejection.rule(
              ObligationRules.ALREADY_CONFIRMED,
              "obligation \"" + o.id() + "\" was confirmed at entry " + o.confirmed().index());
        if (o.reported() == null)
          yield Rejection.rule(
              ObligationRules.NOT_REPORTED,
              "obligation \""
                  + o.id()
                  + "\" has not been reported by \""
                  + o.party()
                  + "\"; an inspector confirms what the obligated party reports");
        yield null;
      }
    };
  }

  private static String pending(Phase p) {
    if (p.obligations().isEmpty()) return "it has no obligations defined";
    List<String> open =
        p.obligations().stream()
            .filter(o -> o.confirmed() == null)
            .map(o -> o.id() + " (" + o.party() + ")")
            .toList();
    return String.join(", ", open.subList(0, Math.min(5, open.size())))
        + (open.size() > 5 ? ", …" : "")
        + " not confirmed";
  }

  private static Rejection noObligation(String id) {
    return Rejection.rule(
        ObligationRules.NO_SUCH_OBLIGATION, "obligation \"" + id + "\" is not defined");
  }

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    Optional<Statement> s = Statement.decode(e);
    if (s.isEmpty()) return;
    long at = entry.index();
    switch (s.get()) {
      case Statement.PhaseDefined p ->
          phases.put(p.id(), new PhaseRow(p.id(), p.order(), p.title(), p.source(), at));
      case Statement.ObligationDefined o ->
          obligations.put(
              o.id(),
              new Obligation(
                  o.id(),
                  o.phase(),
                  o.party(),
                  o.title(),
                  o.due(),
                  o.measure(),
                  o.source(),
                  at,
                  null,
                  null));
      case Statement.Reported r -> {
        Obligation o = get(r.id(), at);
        obligations.put(
            o.id(),
            new Obligation(
                o.id(),
                o.phase(),
                o.party(),
                o.title(),
                o.due(),
                o.measure(),
                o.source(),
                o.index(),
                new Report(e.party(), r.evidence(), r.note(), at, e.time()),
                null));
      }
      case Statement.Confirmed c -> {
        Obligation o = get(c.id(), at);
        obligations.put(
            o.id(),
            new Obligation(
                o.id(),
                o.phase(),
                o.party(),
                o.title(),
                o.due(),
                o.measure(),
                o.source(),
                o.index(),
                o.reported(),
                new Report(e.party(), c.evidence(), null, at, e.time())));
      }
    }
  }

  private Obligation get(String id, long at) {
    Obligation o = obligations.get(id);
    if (o == null)
      throw new IllegalStateException(
          "entry " + at + " refers to undefined obligation \"" + id + "\"");
    return o;
  }

  @Override
  public void reset() {
    phases.clear();
    obligations.clear();
  }

  @Override
  public List<Phase> phases() {
    List<Phase> out = new ArrayList<>();
    for (PhaseRow p : phases.values()) {
      List<Obligation> of =
          obligations.values().stream().filter(o -> o.phase().equals(p.id())).toList();
      out.add(new Phase(p.id(), p.order(), p.title(), p.source(), p.index(), of));
    }
    out.sort(Comparator.comparingInt(Phase::order).thenComparingLong(Phase::index));
    return List.copyOf(out);
  }

  @Override
  public List<String> obligatedParties() {
    TreeSet<String> out = new TreeSet<>();
    obligations.values().forEach(o -> out.add(o.party()));
    return List.copyOf(out);
  }

  // ---- snapshot --------------------------------------------------------------------------

  /** Phases and obligations in the order defined (SPEC §7 snapshots); dates as ISO-8601. */
  record State(String format, List<PhaseRow> phases, List<ObligationRow> obligations) {
    static final String FORMAT = "stabilis.obligations/1";
  }

  record ObligationRow(
      String id,
      String phase,
      String party,
      String title,
      String due,
      String measure,
      String source,
      long index,
      ReportRow reported,
      ReportRow confirmed) {}

  record ReportRow(String party, List<String> evidence, String note, long index, String time) {
    static ReportRow of(Report r) {
      return r == null
          ? null
          : new ReportRow(r.party(), r.evidence(), r.note(), r.index(), r.time().toString());
    }

    Report report() {
      return new Report(
          java.util.Objects.requireNonNull(party),
          List.copyOf(evidence),
          note,
          index,
          java.time.Instant.parse(time));
    }
  }

  @Override
  public String snapshotName() {
    return "obligations";
  }

  @Override
  public byte[] save() {
    List<ObligationRow> os = new ArrayList<>();
    for (Obligation o : obligations.values())
      os.add(
          new ObligationRow(
              o.id(),
              o.phase(),
              o.party(),
              o.title(),
              o.due() == null ? null : o.due().toString(),
              o.measure(),
              o.source(),
              o.index(),
              ReportRow.of(o.reported()),
              ReportRow.of(o.confirmed())));
    return SnapshotJson.write(new State(State.FORMAT, List.copyOf(phases.values()), os));
  }

  @Override
  public void restore(byte[] state) {
    reset();
    try {
      State s = SnapshotJson.read(state, State.class);
      SnapshotJson.requireFormat("obligations", s.format(), State.FORMAT);
      for (PhaseRow p : s.phases()) {
        if (p.id() == null) throw new IllegalArgumentException("a phase lacks its id");
        if (phases.putIfAbsent(p.id(), p) != null)
          throw new IllegalArgumentException("phase \"" + p.id() + "\" appears twice");
      }
      for (ObligationRow r : s.obligations()) {
        if (r.id() == null || r.party() == null || !phases.containsKey(r.phase()))
          throw new IllegalArgumentException(
              "obligation \"" + r.id() + "\" lacks its party or a defined phase");
        if (r.confirmed() != null && r.reported() == null)
          throw new IllegalArgumentException(
              "obligation \"" + r.id() + "\" is confirmed but was never reported");
        Obligation o =
            new Obligation(
                r.id(),
                r.phase(),
                r.party(),
                r.title(),
                r.due() == null ? null : java.time.LocalDate.parse(r.due()),
                r.measure(),
                r.source(),
                r.index(),
                r.reported() == null ? null : r.reported().report(),
                r.confirmed() == null ? null : r.confirmed().report());
        if (obligations.putIfAbsent(o.id(), o) != null)
          throw new IllegalArgumentException("obligation \"" + o.id() + "\" appears twice");
      }
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the obligations snapshot does not hold: " + e, e);
    }
  }
}
