package org.stabilis.permit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;

/**
 * Permits for dual-use items (SPEC §4, §5): requests, decisions and, when the policy requires
 * permits, the check that each entry of a dual-use item names an approved permit for it that it
 * does not exhaust.
 */
public final class Permits implements Snapshotting, PermitView {

  /** What permits read of the materials catalogue. */
  public interface Items {
    boolean defined(String item);

    boolean dualUse(String item);
  }

  private final Items items;
  private boolean required;
  private int decisionDays = 0;
  private final Map<String, Permit> permits = new LinkedHashMap<>();

  public Permits(Items items) {
    this.items = items;
  }

  @Override
  public Rejection decide(Event e) {
    Optional<PermitEvent> d = PermitEvent.decode(e);
    if (d.isEmpty()) return null;
    return switch (d.get()) {
      case PermitEvent.PolicySet p -> null;
      case PermitEvent.Requested r -> {
        if (permits.containsKey(r.id()))
          yield Rejection.rule(
              PermitRules.PERMIT_EXISTS, "permit \"" + r.id() + "\" was already requested");
        if (r.items().size() != e.body().get("items").size())
          yield Rejection.rule(
              PermitRules.DUPLICATE_ITEM,
              "an item appears twice in permit request \"" + r.id() + "\"; give one line per item");
        for (String item : r.items().keySet())
          if (!items.defined(item))
            yield Rejection.rule(
                org.stabilis.catalogue.Reference.NO_SUCH_ITEM,
                "item \"" + item + "\" is not in the catalogue");
        yield null;
      }
      case PermitEvent.Decided x -> {
        Permit p = permits.get(x.id());
        if (p == null)
          yield Rejection.rule(
              PermitRules.NO_SUCH_PERMIT, "permit \"" + x.id() + "\" was not requested");
        if (!p.pending())
          yield Rejection.rule(
              PermitRules.ALREADY_DECIDED,
              "permit \"" + x.id() + "\" was decided at entry " + p.decidedAt());
        yield null;
      }
      case PermitEvent.Entered en -> {
        if (!required || !items.dualUse(en.item())) yield null;
        if (en.permit() == null)
          yield Rejection.rule(
              PermitRules.NO_PERMIT,
              "item \""
                  + en.item()
                  + "\" is dual-use and the permit policy requires a permit;"
                  + " name an approved permit for it in \"permit\"");
        Permit p = permits.get(en.permit());
        if (p == null)
          yield Rejection.rule(
              PermitRules.NO_PERMIT, "permit \"" + en.permit() + "\" was not requested");
        if (!Boolean.TRUE.equals(p.approved()))
          yield Rejection.rule(
              PermitRules.NO_PERMIT,
              "permit \"" + p.id() + "\" is " + (p.pending() ? "still pending" : "rejected"));
        Long allowed = p.items().get(en.item());
        if (allowed == null)
          yield Rejection.rule(
              PermitRules.NO_PERMIT,
              "permit \"" + p.id() + "\" does not cover item \"" + en.item() + "\"");
        long left = allowed - p.used().getOrDefault(en.item(), 0L);
        if (en.quantity() > left)
          yield Rejection.rule(
              PermitRules.PERMIT_EXCEEDED,
              "permit \""
                  + p.id()
                  + "\" allows "
                  + left
                  + " more of item \""
                  + en.item()
                  + "\" ("
                  + allowed
                  + " approved); this entry brings "
                  + en.quantity());
        yield null;
      }
    };
  }

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    Optional<PermitEvent> d = PermitEvent.decode(e);
    if (d.isEmpty()) return;
    switch (d.get()) {
      case PermitEvent.PolicySet p -> {
        required = p.requiredForDualUse();
        decisionDays = p.decisionDays();
      }
      case PermitEvent.Requested r ->
          permits.put(
              r.id(),
              new Permit(
                  r.id(),
                  e.party(),
                  java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r.items())),
                  r.project(),
                  r.purpose(),
                  entry.index(),
                  e.time(),
                  null,
                  null,
                  null,
                  -1,
                  null,
                  Map.of()));
      case PermitEvent.Decided x -> {
        Permit p = permits.get(x.id());
        if (p == null)
          throw new IllegalStateException(
              "entry " + entry.index() + " decides unrequested permit \"" + x.id() + "\"");
        permits.put(
            p.id(),
            new Permit(
                p.id(),
                p.party(),
                p.items(),
                p.project(),
                p.purpose(),
                p.index(),
                p.requested(),
                x.approved(),
                x.reason(),
                e.party(),
                entry.index(),
                e.time(),
                p.used()));
      }
      case PermitEvent.Entered en -> {
        if (en.permit() == null || !permits.containsKey(en.permit())) return;
        Permit p = permits.get(en.permit());
        Map<String, Long> used = new LinkedHashMap<>(p.used());
        used.merge(en.item(), en.quantity(), Long::sum);
        permits.put(
            p.id(),
            new Permit(
                p.id(),
                p.party(),
                p.items(),
                p.project(),
                p.purpose(),
                p.index(),
                p.requested(),
                p.approved(),
                p.reason(),
                p.decidedBy(),
                p.decidedAt(),
                p.decided(),
                java.util.Collections.unmodifiableMap(used)));
      }
    }
  }

  @Override
  public void reset() {
    permits.clear();
    required = false;
    decisionDays = 0;
  }

  @Override
  public List<Permit> permits() {
    return List.copyOf(new ArrayList<>(permits.values()));
  }

  @Override
  public boolean required() {
    return required;
  }

  @Override
  public int decisionDays() {
    return decisionDays;
  }

  // ---- Snapshotting ----------------------------------------------------------------------

  @Override
  public String snapshotName() {
    return "permits";
  }

  /** The policy and every request ({@link PermitState}). */
  @Override
  public byte[] save() {
    List<PermitState.PermitEntry> ps = new ArrayList<>(permits.size());
    for (Permit p : permits.values()) ps.add(PermitState.PermitEntry.of(p));
    return SnapshotJson.write(new PermitState(PermitState.FORMAT, required, decisionDays, ps));
  }

  /**
   * Reads back what {@link #save} wrote: ids used once, in log order, each request either pending
   * or decided with its decider, entry and time.
   */
  @Override
  public void restore(byte[] state) {
    reset();
    try {
      PermitState s = SnapshotJson.read(state, PermitState.class);
      if (s.format() != PermitState.FORMAT)
        throw new IllegalArgumentException(
            "permits snapshot format "
                + s.format()
                + "; this code reads format "
                + PermitState.FORMAT);
      if (s.decisionDays() < 0 || s.permits() == null)
        throw new IllegalArgumentException("the permits snapshot lacks its policy or requests");
      Map<String, Permit> ps = new LinkedHashMap<>();
      long last = -1;
      for (PermitState.PermitEntry e : s.permits()) {
        Permit p = e.permit();
        if (p.index() <= last)
          throw new IllegalArgumentException(
              "permit " + p.id() + " at entry " + p.index() + " follows one at " + last);
        last = p.index();
        if (ps.putIfAbsent(p.id(), p) != null)
          throw new IllegalArgumentException("permit " + p.id() + " appears twice");
      }
      permits.putAll(ps);
      required = s.required();
      decisionDays = s.decisionDays();
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException(
              "the permits snapshot does not read: " + e.getMessage(), e);
    }
  }
}
