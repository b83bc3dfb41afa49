package org.stabilis.permit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** What permits read of the materials module. */
  public interface Items {
    boolean defined(String item);

    boolean dualUse(String item);

    /**
     * The entries of materials ({@code entering_exiting}) an {@code epcis.capture} document states,
     * in its order; none when it does not map (the materials module refuses it then).
     */
    List<Entering> entered(JsonNode epcisDocument);

    /**
     * One entry of a document: what {@code material.entered} states, with the position of its EPCIS
     * event in the eventList and that event's id (or null).
     */
    record Entering(
        String consignment,
        String item,
        long quantity,
        String permit,
        int position,
        String eventId) {}
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
    Optional<PermitEvent> d = PermitEvent.decode(e, items);
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
      case PermitEvent.Entered en -> entryRule(en.item(), en.quantity(), en.permit(), 0);
      case PermitEvent.Captured c -> {
        // SPEC §4: an EPCIS entry is held to the permit rules as a material.entered is; the
        // document is taken whole, so its entries under one permit count together.
        Map<String, Map<String, Long>> draft = new HashMap<>();
        for (Items.Entering en : c.entries()) {
          long before =
              en.permit() == null
                  ? 0
                  : draft.getOrDefault(en.permit(), Map.of()).getOrDefault(en.item(), 0L);
          Rejection r = entryRule(en.item(), en.quantity(), en.permit(), before);
          if (r != null) {
            String name =
                en.eventId() != null
                    ? en.eventId() + " (position " + en.position() + ")"
                    : "at position " + en.position();
            yield new Rejection(
                r.code(),
                "EPCIS event " + name + ": " + r.detail(),
                r.rule(),
                "event.body.epcisBody.eventList[" + en.position() + "]");
          }
          if (en.permit() != null)
            draft
                .computeIfAbsent(en.permit(), k -> new HashMap<>())
                .merge(en.item(), en.quantity(), Long::sum);
        }
        yield null;
      }
    };
  }

  /**
   * The permit rules for an entry of {@code quantity} of {@code item} naming {@code permit} (or
   * null), with {@code pending} more of that item already counted against the permit by the same
   * statement; null when it may enter.
   */
  private Rejection entryRule(String item, long quantity, String permit, long pending) {
    if (!required || !items.dualUse(item)) return null;
    if (permit == null)
      return Rejection.rule(
          PermitRules.NO_PERMIT,
          "item \""
              + item
              + "\" is dual-use and the permit policy requires a permit;"
              + " name an approved permit for it in \"permit\"");
    Permit p = permits.get(permit);
    if (p == null)
      return Rejection.rule(PermitRules.NO_PERMIT, "permit \"" + permit + "\" was not requested");
    if (!Boolean.TRUE.equals(p.approved()))
      return Rejection.rule(
          PermitRules.NO_PERMIT,
          "permit \"" + p.id() + "\" is " + (p.pending() ? "still pending" : "rejected"));
    Long allowed = p.items().get(item);
    if (allowed == null)
      return Rejection.rule(
          PermitRules.NO_PERMIT, "permit \"" + p.id() + "\" does not cover item \"" + item + "\"");
    long left = allowed - p.used().getOrDefault(item, 0L) - pending;
    if (quantity > left)
      return Rejection.rule(
          PermitRules.PERMIT_EXCEEDED,
          "permit \""
              + p.id()
              + "\" allows "
              + left
              + " more of item \""
              + item
              + "\" ("
              + allowed
              + " approved); this entry brings "
              + quantity);
    return null;
  }

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    Optional<PermitEvent> d = PermitEvent.decode(e, items);
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
      case PermitEvent.Entered en -> use(en.permit(), en.item(), en.quantity());
      case PermitEvent.Captured c -> {
        for (Items.Entering en : c.entries()) use(en.permit(), en.item(), en.quantity());
      }
    }
  }

  /** Counts an entry against the permit it names, if that permit was requested. */
  private void use(String permit, String item, long quantity) {
    if (permit == null || !permits.containsKey(permit)) return;
    Permit p = permits.get(permit);
    Map<String, Long> used = new LinkedHashMap<>(p.used());
    used.merge(item, quantity, Long::sum);
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
