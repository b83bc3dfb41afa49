package org.stabilis.zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.stabilis.catalogue.Reference;
import org.stabilis.log.Concealed;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;

/**
 * Zones, their demilitarization items and estimates, the gate policy, and the zone status machine
 * of SPEC §5, folded from the log.
 *
 * <p>Status machine: {@code unverified → in-progress} when an item in the zone is decommissioned;
 * {@code → verified} only by {@code zone.certified}, which is refused unless every reported item in
 * the zone is verified and the decommissioned share meets the policy; {@code → suspended} by {@code
 * zone.suspended} or by a {@code rearmament-indicator} or {@code ceasefire-violation} incident of
 * severity ≥ 4 located in the zone, from any status; {@code suspended → verified} only by a new
 * certification. Every transition keeps its reason and the log indices behind it, so the status at
 * any log size is read from the history.
 *
 * <p>Decommissioned share of a category = Σ counts of the zone's items of that category that are
 * decommissioned (verified or not) ÷ the category's estimate, in percent; the overall share uses
 * the sums over all categories. The policy's minimum must hold in every category that has an
 * estimate, so one well-handled category cannot hide an untouched one.
 */
public final class ZoneBook implements Snapshotting, ZoneGate, ZoneListing {

  /**
   * One step of the status machine. {@code indices}: the log entries behind it, the deciding one
   * last. {@code source}: what the entry whose evidence (and, when {@code quotesReason}, whose
   * {@code reason} field) it shows conceals (SPEC §2.10).
   */
  public record Transition(
      Status from,
      Status to,
      String reason,
      List<Long> indices,
      List<String> evidence,
      Instant time,
      Concealed source,
      boolean quotesReason) {
    public long index() {
      return indices.getLast();
    }
  }

  public record ControlChange(String controller, long index, Instant time) {}

  /**
   * A zone under review (SPEC §4, suspension {@code on-confirmation}): the incidents that would
   * have suspended it and their entries, and the end of the window to confirm one.
   */
  public record Review(List<String> incidents, List<Long> indices, Instant since, Instant until) {}

  public record Estimate(long count, long index, String party) {}

  public enum ItemState {
    REPORTED,
    DECOMMISSIONED,
    VERIFIED
  }

  /**
   * A demilitarization item; {@code decommissionedAt}/{@code verifiedAt} are log indices or -1.
   * {@code report}: what its report conceals (its location, perhaps); {@code evidence}: the digests
   * of the decommissioning and the verification, each with what its entry conceals.
   */
  public record Item(
      String id,
      String zone,
      String category,
      long count,
      double lon,
      double lat,
      String reportedBy,
      long reportedAt,
      Instant reportedTime,
      ItemState state,
      String method,
      long decommissionedAt,
      long verifiedAt,
      List<Evidence> evidence,
      Concealed report) {}

  /** Evidence digests from one entry, and what that entry conceals. */
  public record Evidence(List<String> digests, Concealed from) {}

  /** Counts per category: the estimate (-1 when none) and the summed counts of items by state. */
  public record Figures(long estimate, long reported, long decommissioned, long verified) {
    /** Decommissioned share of the estimate in percent, or null without an estimate. */
    public Double share() {
      if (estimate < 0) return null;
      if (estimate == 0) return 100.0;
      return Math.round(decommissioned * 1000.0 / estimate) / 10.0;
    }

    Figures plus(Figures o) {
      long e =
          estimate < 0 && o.estimate < 0 ? -1 : Math.max(0, estimate) + Math.max(0, o.estimate);
      return new Figures(
          e, reported + o.reported, decommissioned + o.decommissioned, verified + o.verified);
    }
  }

  /** A zone as it stands. */
  public static final class Zone {
    public final String id;
    public final String name;
    public final Geometry geometry;
    public final boolean illustrative;
    public final String source;
    public final long definedAt;
    final PreparedGeometry prepared;
    final List<ControlChange> control = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    final Map<String, Estimate> estimates = new TreeMap<>();
    final List<String> items = new ArrayList<>();

    /** Inspector parties that certified the zone since its last suspension, with the entries. */
    final Map<String, Long> certifiers = new LinkedHashMap<>();

    Review review;
    Status status = Status.UNVERIFIED;

    Zone(
        String id,
        String name,
        Geometry geometry,
        boolean illustrative,
        String source,
        long definedAt) {
      this.id = id;
      this.name = name;
      this.geometry = geometry;
      this.illustrative = illustrative;
      this.source = source;
      this.definedAt = definedAt;
      this.prepared = PreparedGeometryFactory.prepare(geometry);
    }

    public Status status() {
      return status;
    }

    public String controller() {
      return control.getLast().controller();
    }

    public List<ControlChange> controlHistory() {
      return Collections.unmodifiableList(control);
    }

    public List<Transition> transitions() {
      return Collections.unmodifiableList(transitions);
    }

    public Map<String, Estimate> estimates() {
      return Collections.unmodifiableMap(estimates);
    }

    /** The certifications counted towards the quorum since the last suspension: party → entry. */
    public Map<String, Long> certifications() {
      return Collections.unmodifiableMap(certifiers);
    }

    /** The open review, if an incident put the zone under review. */
    public Optional<Review> review() {
      return Optional.ofNullable(review);
    }

    /**
     * The status shown for time {@code t}: {@code UNDER_REVIEW} inside an open review's window,
     * else the status the entries decided (SPEC §4: the window is computed for the time asked).
     */
    public Status statusOn(Instant t) {
      return review != null && t.isBefore(review.until()) ? Status.UNDER_REVIEW : status;
    }

    /** Status once the log held {@code size} entries (entries with index below {@code size}). */
    public Status statusAt(long size) {
      Status s = Status.UNVERIFIED;
      for (Transition t : transitions) if (t.index() < size) s = t.to();
      return s;
    }
  }

  private final Predicate<String> partyExists;
  private final java.util.function.Function<String, java.util.OptionalLong> reported;
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<String, Long> incidents = new LinkedHashMap<>();
  private GatePolicy policy = GatePolicy.DEFAULT;
  private DecisionPolicy decisions = DecisionPolicy.DEFAULT;
  private STRtree index = buildIndex(List.of());

  /**
   * @param partyExists whether a party id is registered (for zone controllers)
   */
  public ZoneBook(Predicate<String> partyExists) {
    this(partyExists, null);
  }

  /**
   * A zone book that asks {@code reported} for the log index of an incident's report, instead of
   * keeping every incident id itself (SPEC §7 "Scale": the incident log keeps them, in the store).
   * {@code reported} answers for the entries this book has folded, and must evolve with it.
   *
   * @param partyExists whether a party id is registered (for zone controllers)
   * @param reported the index of incident {@code id}'s report, if it was reported
   */
  public ZoneBook(
      Predicate<String> partyExists,
      java.util.function.Function<String, java.util.OptionalLong> reported) {
    this.partyExists = partyExists;
    this.reported = reported;
  }

  /** The index of incident {@code id}'s report, if it was reported. */
  private java.util.OptionalLong reportOf(String id) {
    if (reported != null) return reported.apply(id);
    Long at = incidents.get(id);
    return at == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
  }

  // ---- decide ----------------------------------------------------------------------------

  @Override
  public Rejection decide(Event e) {
    Optional<ZoneEvent> decoded = ZoneEvent.decode(e);
    if (decoded.isEmpty()) return null;
    return switch (decoded.get()) {
      case ZoneEvent.Defined d -> decideZone(d);
      case ZoneEvent.ControlChanged c -> {
        Zone z = zones.get(c.id());
        if (z == null) yield noZone(c.id());
        if (!partyExists.test(c.controller())) yield noParty(c.controller());
        if (z.controller().equals(c.controller()))
          yield Rejection.rule(
              ZoneRule.SAME_CONTROLLER,
              "zone \"" + z.id + "\" is already controlled by \"" + z.controller() + "\"");
        yield null;
      }
      case ZoneEvent.EstimateSet est -> zones.containsKey(est.zone()) ? null : noZone(est.zone());
      case ZoneEvent.ItemReported r -> {
        if (items.containsKey(r.id()))
          yield Rejection.rule(
              ZoneRule.DEMIL_ITEM_EXISTS,
              "item \"" + r.id() + "\" was already reported; item ids are never reused");
        yield zoneOfItem(r) instanceof Rejected x ? x.rejection() : null;
      }
      case ZoneEvent.ItemDecommissioned d -> {
        Item i = items.get(d.id());
        if (i == null) yield noItem(d.id());
        if (i.state() != ItemState.REPORTED)
          yield Rejection.rule(
              ZoneRule.ITEM_ALREADY_DECOMMISSIONED,
              "item \"" + i.id() + "\" was decommissioned at entry " + i.decommissionedAt());
        yield null;
      }
      case ZoneEvent.ItemVerified v -> {
        Item i = items.get(v.id());
        if (i == null) yield noItem(v.id());
        if (i.state() == ItemState.REPORTED)
          yield Rejection.rule(
              ZoneRule.ITEM_NOT_DECOMMISSIONED,
              "item \""
                  + i.id()
                  + "\" has not been decommissioned; verify it after a demil.item-decommissioned");
        if (i.state() == ItemState.VERIFIED)
          yield Rejection.rule(
              ZoneRule.ITEM_ALREADY_VERIFIED,
              "item \"" + i.id() + "\" was verified at entry " + i.verifiedAt());
        yield null;
      }
      case ZoneEvent.Certified c -> {
        Zone z = zones.get(c.zone());
        if (z == null) yield noZone(c.zone());
        if (z.status == Status.VERIFIED)
          yield Rejection.rule(
              ZoneRule.ZONE_ALREADY_VERIFIED,
              "zone \""
                  + z.id
                  + "\" is already verified; a new certification follows only a suspension");
        Long earlier = z.certifiers.get(e.party());
        if (earlier != null)
          yield Rejection.rule(
              ZoneRule.ALREADY_CERTIFIED,
              "\""
                  + e.party()
                  + "\" already certified zone \""
                  + z.id
                  + "\" at entry "
                  + earlier
                  + "; the quorum of "
                  + decisions.certificationQuorum()
                  + " needs distinct inspector parties");
        Verdict unmet = criteria(z);
        yield unmet.holds() ? null : Rejection.rule(unmet.criterion(), unmet.detail());
      }
      case ZoneEvent.Suspended x -> {
        Zone z = zones.get(x.zone());
        if (z == null) yield noZone(x.zone());
        if (z.status == Status.SUSPENDED)
          yield Rejection.rule(
              ZoneRule.ZONE_ALREADY_SUSPENDED,
              "zone \""
                  + z.id
                  + "\" is already suspended; it returns to verified only by a new certification");
        String inc = x.incident();
        if (inc != null && reportOf(inc).isEmpty())
          yield Rejection.rule(
              Reference.NO_SUCH_INCIDENT, "incident \"" + inc + "\" has not been reported");
        yield null;
      }
      case ZoneEvent.IncidentConfirmed c -> {
        String inc = c.id();
        if (reportOf(inc).isEmpty())
          yield Rejection.rule(
              Reference.NO_SUCH_INCIDENT, "incident \"" + inc + "\" has not been reported");
        Zone z = reviewing(inc, e.time());
        if (z == null) {
          Zone lapsed =
              zones.values().stream()
                  .filter(x -> x.review != null && x.review.incidents().contains(inc))
                  .findFirst()
                  .orElse(null);
          if (lapsed != null)
            yield Rejection.rule(
                ZoneRule.REVIEW_WINDOW_PASSED,
                "the window to confirm incident \""
                    + inc
                    + "\" closed at "
                    + lapsed.review.until()
                    + "; zone \""
                    + lapsed.id
                    + "\" returned to "
                    + lapsed.status.wire()
                    + "; suspend it with zone.suspended if it must be");
          yield Rejection.rule(
              ZoneRule.NOT_UNDER_REVIEW,
              "incident \"" + inc + "\" put no zone under review at " + e.time());
        }
        yield null;
      }
      case ZoneEvent.GateSet g -> null;
      case ZoneEvent.IncidentReported i -> null;
      case ZoneEvent.DecisionsSet d -> null;
    };
  }

  /** The zone whose review, open at {@code t}, concerns incident {@code inc}; null if none. */
  private Zone reviewing(String inc, Instant t) {
    for (Zone z : zones.values())
      if (z.review != null && z.review.incidents().contains(inc) && t.isBefore(z.review.until()))
        return z;
    return null;
  }

  private Rejection decideZone(ZoneEvent.Defined d) {
    String id = d.id();
    if (zones.containsKey(id))
      return Rejection.rule(ZoneRule.ZONE_EXISTS, "zone \"" + id + "\" is already defined");
    if (!partyExists.test(d.controller())) return noParty(d.controller());
    return switch (d.geometry()) {
      case Geo.Refused r -> r.rejection();
      case Geo.Ok ok -> {
        for (Object o : index.query(ok.geometry().getEnvelopeInternal())) {
          Zone other = (Zone) o;
          double shared = Geo.sharedArea(ok.geometry(), other.geometry);
          if (shared > Geo.OVERLAP_TOLERANCE)
            yield Rejection.rule(
                ZoneRule.ZONE_OVERLAP,
                "zone \""
                    + id
                    + "\" overlaps zone \""
                    + other.id
                    + "\" by about "
                    + Math.round(shared * 10_500_000_000.0 / 10_000)
                    + " ha; neighbouring zones may share edges only");
        }
        yield null;
      }
    };
  }

  private sealed interface ItemZone permits Found, Rejected {}

  private record Found(String zone) implements ItemZone {}

  private record Rejected(Rejection rejection) implements ItemZone {}

  /**
   * SPEC §4: an item's zone is the one it names, which must cover its location, or the one its
   * location is in.
   */
  private ItemZone zoneOfItem(ZoneEvent.ItemReported r) {
    double lon = r.lon(), lat = r.lat();
    String named = r.zone();
    if (named != null) {
      if (!zones.containsKey(named)) return new Rejected(noZone(named));
      if (!covers(named, lon, lat))
        return new Rejected(
            Rejection.rule(
                ZoneRule.ITEM_OUTSIDE_ZONE,
                "location [" + lon + ", " + lat + "] is not in zone \"" + named + "\""));
      return new Found(named);
    }
    return zoneAt(lon, lat)
        .<ItemZone>map(Found::new)
        .orElseGet(() ->
            new Rejected(
                Rejection.rule(
                    ZoneRule.NO_ZONE,
                    "location ["
                        + lon
                        + ", "
                        + lat
                        + "] is in no defined zone; name the zone or define one that covers it")));
  }

  /** The certification criteria of SPEC §5 beyond the inspector's word; the first unmet one. */
  private Verdict criteria(Zone z) {
    List<String> open =
        z.items.stream()
            .map(items::get)
            .filter(i -> i.state() != ItemState.VERIFIED)
            .map(Item::id)
            .toList();
    if (!open.isEmpty())
      return new Verdict(
          Criterion.ITEMS_NOT_VERIFIED,
          open.size()
              + " reported item(s) in zone \""
              + z.id
              + "\" are not verified: "
              + String.join(", ", open.subList(0, Math.min(5, open.size())))
              + (open.size() > 5 ? ", …" : ""));
    return shareCriterion(z);
  }

  private Verdict shareCriterion(Zone z) {
    int min = policy.minDecommissionedShare();
    if (min == 0) return Verdict.HOLDS;
    if (z.estimates.isEmpty())
      return new Verdict(
          Criterion.NO_ESTIMATE,
          "zone \""
              + z.id
              + "\" has no estimate, so the decommissioned share required by the policy ("
              + min
              + "%) cannot be met; set one with demil.estimate-set");
    for (var c : figures(z).entrySet()) {
      Figures f = c.getValue();
      // Integer comparison: decommissioned / estimate ≥ min / 100, without rounding.
      if (f.estimate() > 0 && f.decommissioned() * 100 < (long) min * f.estimate())
        return new Verdict(
            Criterion.SHARE_BELOW_POLICY,
            "in zone \""
                + z.id
                + "\", "
                + c.getKey()
                + ": "
                + f.decommissioned()
                + " of an estimated "
                + f.estimate()
                + " decommissioned ("
                + f.share()
                + "%), below the policy's "
                + min
                + "%");
    }
    return Verdict.HOLDS;
  }

  private static Rejection noZone(String id) {
    return Rejection.rule(Reference.NO_SUCH_ZONE, "zone \"" + id + "\" is not defined");
  }

  private static Rejection noItem(String id) {
    return Rejection.rule(ZoneRule.NO_SUCH_DEMIL_ITEM, "item \"" + id + "\" has not been reported");
  }

  private static Rejection noParty(String id) {
    return Rejection.rule(Reference.NO_SUCH_PARTY, "party \"" + id + "\" is not registered");
  }

  // ---- evolve ----------------------------------------------------------------------------

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    long at = entry.index();
    Instant time = e.time();
    lapse(time);
    Optional<ZoneEvent> decoded = ZoneEvent.decode(e);
    if (decoded.isEmpty()) return;
    switch (decoded.get()) {
      case ZoneEvent.Defined d -> {
        Geometry g =
            switch (d.geometry()) {
              case Geo.Ok ok -> ok.geometry();
              case Geo.Refused r ->
                  throw new IllegalStateException(
                      "entry "
                          + at
                          + " defines a zone with a refused geometry: "
                          + r.rejection().detail());
            };
        Zone z = new Zone(d.id(), d.name(), g, d.illustrative(), d.source(), at);
        z.control.add(new ControlChange(d.controller(), at, time));
        zones.put(z.id, z);
        index = buildIndex(zones.values());
      }
      case ZoneEvent.ControlChanged c ->
          zone(c.id(), at).control.add(new ControlChange(c.controller(), at, time));
      case ZoneEvent.EstimateSet est ->
          zone(est.zone(), at)
              .estimates
              .put(est.category(), new Estimate(est.count(), at, e.party()));
      case ZoneEvent.ItemReported r -> {
        String zid =
            switch (zoneOfItem(r)) {
              case Found f -> f.zone();
              // No coordinates in the message: it reaches the server log, and the location may be
              // concealed.
              case Rejected x ->
                  throw new IllegalStateException(
                      "entry "
                          + at
                          + ": the item's location is refused by rule "
                          + x.rejection().rule());
            };
        Item i =
            new Item(
                r.id(),
                zid,
                r.category(),
                r.count(),
                r.lon(),
                r.lat(),
                e.party(),
                at,
                time,
                ItemState.REPORTED,
                null,
                -1,
                -1,
                List.of(),
                Concealed.of(e));
        items.put(i.id(), i);
        zone(zid, at).items.add(i.id());
      }
      case ZoneEvent.ItemDecommissioned d -> {
        Item i = item(d.id(), at);
        items.put(
            i.id(),
            new Item(
                i.id(),
                i.zone(),
                i.category(),
                i.count(),
                i.lon(),
                i.lat(),
                i.reportedBy(),
                i.reportedAt(),
                i.reportedTime(),
                ItemState.DECOMMISSIONED,
                d.method(),
                at,
                -1,
                List.of(new Evidence(d.evidence(), Concealed.of(e))),
                i.report()));
        Zone z = zone(i.zone(), at);
        if (z.status == Status.UNVERIFIED)
          move(
              z,
              Status.IN_PROGRESS,
              "item \""
                  + i.id()
                  + "\" ("
                  + i.category()
                  + ", "
                  + i.count()
                  + ") decommissioned: "
                  + d.method(),
              List.of(i.reportedAt(), at),
              d.evidence(),
              time,
              Concealed.of(e),
              false);
      }
      case ZoneEvent.ItemVerified v -> {
        Item i = item(v.id(), at);
        List<Evidence> ev = new ArrayList<>(i.evidence());
        ev.add(new Evidence(v.evidence(), Concealed.of(e)));
        items.put(
            i.id(),
            new Item(
                i.id(),
                i.zone(),
                i.category(),
                i.count(),
                i.lon(),
                i.lat(),
                i.reportedBy(),
                i.reportedAt(),
                i.reportedTime(),
                ItemState.VERIFIED,
                i.method(),
                i.decommissionedAt(),
                at,
                List.copyOf(ev),
                i.report()));
      }
      case ZoneEvent.Certified c -> {
        Zone z = zone(c.zone(), at);
        z.certifiers.put(e.party(), at);
        if (z.certifiers.size() < decisions.certificationQuorum()) break;
        List<Long> behind = new ArrayList<>();
        for (String id : z.items) behind.add(items.get(id).verifiedAt());
        z.estimates.values().forEach(est -> behind.add(est.index()));
        behind.add(policy.setAt());
        behind.add(decisions.setAt());
        behind.addAll(z.certifiers.values());
        behind.removeIf(i -> i < 0 || i == at);
        behind.sort(null);
        behind.add(at);
        String by =
            decisions.certificationQuorum() == 1
                ? "certified by \"" + e.party() + "\": " + c.criteria()
                : "certified by "
                    + String.join(
                        ", ", z.certifiers.keySet().stream().map(p -> "\"" + p + "\"").toList())
                    + " (quorum "
                    + decisions.certificationQuorum()
                    + " of distinct inspector parties since the last suspension): "
                    + c.criteria();
        move(
            z,
            Status.VERIFIED,
            by,
            List.copyOf(behind.stream().distinct().toList()),
            c.evidence(),
            time,
            Concealed.of(e),
            false);
      }
      case ZoneEvent.Suspended x -> {
        Zone z = zone(x.zone(), at);
        String inc = x.incident();
        List<Long> behind = inc == null ? List.of(at) : List.of(reportOf(inc).orElseThrow(), at);
        move(
            z,
            Status.SUSPENDED,
            "suspended by \"" + e.party() + "\": " + x.reason(),
            behind,
            List.of(),
            time,
            Concealed.of(e),
            true);
      }
      case ZoneEvent.GateSet g ->
          policy =
              new GatePolicy(
                  g.requireVerifiedZone(),
                  g.minDecommissionedShare(),
                  g.exemptKinds(),
                  g.restrictedItems(),
                  at);
      case ZoneEvent.IncidentReported inc -> {
        if (reported == null) incidents.put(inc.id(), at);
        Optional<String> zid = zoneAt(inc.lon(), inc.lat());
        if (!inc.suspends() || zid.isEmpty() || zones.get(zid.get()).status == Status.SUSPENDED)
          break;
        Zone z = zones.get(zid.get());
        String what =
            "incident \""
                + inc.id()
                + "\" ("
                + inc.category()
                + ", severity "
                + inc.severity()
                + ") reported by \""
                + e.party()
                + "\" in the zone";
        if (!decisions.onConfirmation()) {
          move(z, Status.SUSPENDED, what, List.of(at), List.of(), time, Concealed.NONE, false);
          break;
        }
        // SPEC §4 on-confirmation: under review until confirmed, or until the window passes.
        if (z.review != null && time.isBefore(z.review.until())) {
          List<String> incs = new ArrayList<>(z.review.incidents());
          incs.add(inc.id());
          List<Long> idx = new ArrayList<>(z.review.indices());
          idx.add(at);
          z.review =
              new Review(List.copyOf(incs), List.copyOf(idx), z.review.since(), z.review.until());
          break;
        }
        z.review =
            new Review(List.of(inc.id()), List.of(at), time, time.plus(decisions.confirmWithin()));
        z.transitions.add(
            new Transition(
                z.status,
                Status.UNDER_REVIEW,
                what
                    + "; under review until "
                    + z.review.until()
                    + " (suspension on confirmation, policy at entry "
                    + decisions.setAt()
                    + ")",
                List.of(decisions.setAt(), at),
                List.of(),
                time,
                Concealed.NONE,
                false));
      }
      case ZoneEvent.IncidentConfirmed c -> {
        Zone z = reviewing(c.id(), time);
        if (z == null)
          throw new IllegalStateException(
              "entry "
                  + at
                  + " confirms incident \""
                  + c.id()
                  + "\", which puts no zone under review");
        List<Long> behind = new ArrayList<>(z.review.indices());
        behind.add(at);
        z.review = null;
        move(
            z,
            Status.UNDER_REVIEW, // the status shown while the review was open: what it leaves
            Status.SUSPENDED,
            "incident \"" + c.id() + "\" confirmed by \"" + e.party() + "\"",
            behind,
            List.of(),
            time,
            Concealed.NONE,
            false);
      }
      case ZoneEvent.DecisionsSet d ->
          decisions =
              new DecisionPolicy(
                  d.certificationQuorum(), d.onConfirmation(), d.confirmWithin(), at);
    }
  }

  private static void move(
      Zone z,
      Status to,
      String reason,
      List<Long> indices,
      List<String> evidence,
      Instant time,
      Concealed source,
      boolean quotesReason) {
    move(z, z.status, to, reason, indices, evidence, time, source, quotesReason);
  }

  private static void move(
      Zone z,
      Status from,
      Status to,
      String reason,
      List<Long> indices,
      List<String> evidence,
      Instant time,
      Concealed source,
      boolean quotesReason) {
    z.transitions.add(
        new Transition(
            from,
            to,
            reason,
            List.copyOf(indices),
            List.copyOf(evidence),
            time,
            source,
            quotesReason));
    z.status = to;
    if (to == Status.SUSPENDED) {
      // SPEC §4: the quorum counts certifications after the last suspension.
      z.certifiers.clear();
      z.review = null;
    }
  }

  /**
   * Closes every review whose window ended by {@code t}: the zone returns to its earlier status,
   * recorded as a transition at the window's end, decided by the policy and the incidents behind
   * it.
   */
  private void lapse(Instant t) {
    for (Zone z : zones.values()) {
      Review r = z.review;
      if (r == null || t.isBefore(r.until())) continue;
      List<Long> behind = new ArrayList<>();
      behind.add(decisions.setAt());
      behind.addAll(r.indices());
      z.transitions.add(
          new Transition(
              Status.UNDER_REVIEW,
              z.status,
              "not confirmed within the window; incident(s) "
                  + String.join(", ", r.incidents())
                  + " did not suspend the zone",
              List.copyOf(behind),
              List.of(),
              r.until(),
              Concealed.NONE,
              false));
      z.review = null;
    }
  }

  private Zone zone(String id, long at) {
    Zone z = zones.get(id);
    if (z == null)
      throw new IllegalStateException("entry " + at + " refers to undefined zone \"" + id + "\"");
    return z;
  }

  private Item item(String id, long at) {
    Item i = items.get(id);
    if (i == null)
      throw new IllegalStateException("entry " + at + " refers to unreported item \"" + id + "\"");
    return i;
  }

  @Override
  public void reset() {
    zones.clear();
    items.clear();
    incidents.clear();
    policy = GatePolicy.DEFAULT;
    decisions = DecisionPolicy.DEFAULT;
    index = buildIndex(List.of());
  }

  // ---- ZoneView and ZoneGate -------------------------------------------------------------

  @Override
  public boolean exists(String zoneId) {
    return zones.containsKey(zoneId);
  }

  @Override
  public Optional<Status> status(String zoneId) {
    Zone z = zones.get(zoneId);
    return z == null ? Optional.empty() : Optional.of(z.status);
  }

  @Override
  public Verdict gate(String zoneId, Instant at) {
    Zone z = zones.get(zoneId);
    if (z != null && z.statusOn(at) == Status.UNDER_REVIEW)
      return new Verdict(
          Criterion.ZONE_STATUS,
          "zone \""
              + z.id
              + "\" is under review until "
              + z.review.until()
              + " (incident "
              + String.join(", ", z.review.incidents())
              + "); no new approvals until it is confirmed or the window passes");
    return gate(zoneId);
  }

  @Override
  public boolean exempt(String kind) {
    return policy.exemptKinds().contains(kind);
  }

  @Override
  public Optional<String> restriction(String zoneId, String item) {
    if (!policy.restrictedItems().contains(item)) return Optional.empty();
    Verdict v = gate(zoneId);
    return v.holds()
        ? Optional.empty()
        : Optional.of(
            "item \""
                + item
                + "\" is restricted by the gate policy (entry "
                + policy.setAt()
                + ") to projects whose zone meets the gate, and zone \""
                + zoneId
                + "\" does not: "
                + v.criterion().wire()
                + ": "
                + v.detail());
  }

  @Override
  public Optional<Status> statusOn(String zoneId, Instant t) {
    Zone z = zones.get(zoneId);
    return z == null ? Optional.empty() : Optional.of(z.statusOn(t));
  }

  /** The decision rules in force. */
  public DecisionPolicy decisions() {
    return decisions;
  }

  @Override
  public Verdict gate(String zoneId) {
    Zone z = zones.get(zoneId);
    if (z == null)
      return new Verdict(Reference.NO_SUCH_ZONE, "zone \"" + zoneId + "\" is not defined");
    if (z.status == Status.SUSPENDED)
      return new Verdict(
          Criterion.ZONE_STATUS,
          "zone \"" + z.id + "\" is suspended; it needs a new certification");
    if (policy.requireVerifiedZone()) {
      if (z.status != Status.VERIFIED)
        return new Verdict(
            Criterion.ZONE_STATUS,
            "zone \""
                + z.id
                + "\" is "
                + z.status.wire()
                + "; the gate policy requires it to be verified");
      // Items reported after the certification reopen the question the certification answered.
      return criteria(z);
    }
    return shareCriterion(z);
  }

  @Override
  public Optional<String> zoneAt(double lon, double lat) {
    Point p = Geo.point(lon, lat);
    Zone best = null;
    for (Object o : index.query(p.getEnvelopeInternal())) {
      Zone z = (Zone) o;
      if (z.prepared.covers(p) && (best == null || z.definedAt < best.definedAt)) best = z;
    }
    return Optional.ofNullable(best).map(z -> z.id);
  }

  @Override
  public boolean covers(String zoneId, double lon, double lat) {
    Zone z = zones.get(zoneId);
    return z != null && z.prepared.covers(Geo.point(lon, lat));
  }

  // An STRtree takes no inserts once built; zones are defined rarely, so it is rebuilt on each
  // definition, in the sequencer, and readers only query it.
  private static STRtree buildIndex(java.util.Collection<Zone> all) {
    STRtree t = new STRtree();
    for (Zone z : all) t.insert(z.geometry.getEnvelopeInternal(), z);
    t.build();
    return t;
  }

  // ---- queries ---------------------------------------------------------------------------

  @Override
  public List<Summary> summaries() {
    return zones.values().stream().map(this::summary).toList();
  }

  @Override
  public Optional<Summary> summary(String zoneId) {
    return Optional.ofNullable(zones.get(zoneId)).map(this::summary);
  }

  private Summary summary(Zone z) {
    return new Summary(
        z.id,
        z.name,
        z.status(),
        z.controller(),
        z.definedAt,
        z.source,
        Collections.unmodifiableMap(figures(z)),
        totals(z),
        overallShare(z),
        List.copyOf(z.transitions));
  }

  public List<Zone> zones() {
    return List.copyOf(zones.values());
  }

  public Optional<Zone> zone(String id) {
    return Optional.ofNullable(zones.get(id));
  }

  public List<Item> items() {
    return List.copyOf(items.values());
  }

  public List<Item> itemsOf(String zone) {
    Zone z = zones.get(zone);
    return z == null ? List.of() : z.items.stream().map(items::get).toList();
  }

  public GatePolicy policy() {
    return policy;
  }

  /** Figures per category of the zone: every category with an estimate or an item, sorted. */
  public Map<String, Figures> figures(Zone z) {
    Map<String, Figures> out = new TreeMap<>();
    z.estimates.forEach((c, est) -> out.put(c, new Figures(est.count(), 0, 0, 0)));
    for (String id : z.items) {
      Item i = items.get(id);
      long dec = i.state() == ItemState.REPORTED ? 0 : i.count();
      long ver = i.state() == ItemState.VERIFIED ? i.count() : 0;
      out.merge(i.category(), new Figures(-1, i.count(), dec, ver), Figures::plus);
    }
    return out;
  }

  /** The sums over all categories (estimate -1 when no category has one). */
  public Figures totals(Zone z) {
    Figures t = new Figures(-1, 0, 0, 0);
    for (Figures f : figures(z).values()) t = t.plus(f);
    return t;
  }

  /**
   * Overall decommissioned share in percent: decommissioned counts of the estimated categories ÷
   * the sum of their estimates (categories without an estimate have no denominator); null when the
   * zone has no estimate.
   */
  public Double overallShare(Zone z) {
    Figures t = new Figures(-1, 0, 0, 0);
    for (Figures f : figures(z).values()) if (f.estimate() >= 0) t = t.plus(f);
    return t.share();
  }

  // ---- snapshot --------------------------------------------------------------------------

  @Override
  public String snapshotName() {
    return "zones";
  }

  @Override
  public byte[] save() {
    List<ZoneSnapshot.ZoneRow> zs = new ArrayList<>();
    for (Zone z : zones.values())
      zs.add(
          new ZoneSnapshot.ZoneRow(
              z.id,
              z.name,
              ZoneSnapshot.wkb(z.geometry),
              z.illustrative,
              z.source,
              z.definedAt,
              z.status.name(),
              z.control.stream()
                  .map(c ->
                      new ZoneSnapshot.ControlRow(c.controller(), c.index(), c.time().toString()))
                  .toList(),
              z.transitions.stream()
                  .map(t ->
                      new ZoneSnapshot.TransitionRow(
                          t.from().name(),
                          t.to().name(),
                          t.reason(),
                          t.indices(),
                          t.evidence(),
                          t.time().toString(),
                          ZoneSnapshot.written(t.source()),
                          t.quotesReason()))
                  .toList(),
              z.estimates.entrySet().stream()
                  .map(c ->
                      new ZoneSnapshot.EstimateRow(
                          c.getKey(),
                          c.getValue().count(),
                          c.getValue().index(),
                          c.getValue().party()))
                  .toList(),
              List.copyOf(z.items),
              z.certifiers.entrySet().stream()
                  .map(c -> new ZoneSnapshot.CertificationRow(c.getKey(), c.getValue()))
                  .toList(),
              z.review == null
                  ? null
                  : new ZoneSnapshot.ReviewRow(
                      z.review.incidents(),
                      z.review.indices(),
                      z.review.since().toString(),
                      z.review.until().toString())));
    List<ZoneSnapshot.ItemRow> is = new ArrayList<>();
    for (Item i : items.values())
      is.add(
          new ZoneSnapshot.ItemRow(
              i.id(),
              i.zone(),
              i.category(),
              i.count(),
              i.lon(),
              i.lat(),
              i.reportedBy(),
              i.reportedAt(),
              i.reportedTime().toString(),
              i.state().name(),
              i.method(),
              i.decommissionedAt(),
              i.verifiedAt(),
              i.evidence().stream()
                  .map(e ->
                      new ZoneSnapshot.EvidenceRow(e.digests(), ZoneSnapshot.written(e.from())))
                  .toList(),
              ZoneSnapshot.written(i.report())));
    return SnapshotJson.write(
        new ZoneSnapshot(
            ZoneSnapshot.FORMAT,
            zs,
            is,
            incidents.entrySet().stream()
                .map(e -> new ZoneSnapshot.IncidentRow(e.getKey(), e.getValue()))
                .toList(),
            new ZoneSnapshot.GateRow(
                policy.requireVerifiedZone(),
                policy.minDecommissionedShare(),
                List.copyOf(policy.exemptKinds()),
                List.copyOf(policy.restrictedItems()),
                policy.setAt()),
            new ZoneSnapshot.DecisionRow(
                decisions.certificationQuorum(),
                decisions.onConfirmation(),
                decisions.confirmWithin().toString(),
                decisions.setAt())));
  }

  @Override
  public void restore(byte[] state) {
    reset();
    try {
      restore(SnapshotJson.read(state, ZoneSnapshot.class));
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the zones snapshot does not hold: " + e, e);
    }
  }

  private void restore(ZoneSnapshot s) {
    SnapshotJson.requireFormat("zones", s.format(), ZoneSnapshot.FORMAT);
    for (ZoneSnapshot.ItemRow r : s.items()) {
      Item i =
          new Item(
              need(r.id(), "an item's id"),
              need(r.zone(), "an item's zone"),
              need(r.category(), "an item's category"),
              r.count(),
              r.lon(),
              r.lat(),
              need(r.reportedBy(), "an item's reporter"),
              r.reportedAt(),
              Instant.parse(r.reportedTime()),
              ItemState.valueOf(r.state()),
              r.method(),
              r.decommissionedAt(),
              r.verifiedAt(),
              r.evidence().stream()
                  .map(e -> new Evidence(List.copyOf(e.digests()), ZoneSnapshot.read(e.from())))
                  .toList(),
              ZoneSnapshot.read(r.report()));
      if (items.put(i.id(), i) != null)
        throw new IllegalArgumentException("item \"" + i.id() + "\" appears twice");
    }
    for (ZoneSnapshot.ZoneRow r : s.zones()) {
      Zone z =
          new Zone(
              need(r.id(), "a zone's id"),
              r.name(),
              ZoneSnapshot.geometry(need(r.wkb(), "a zone's geometry")),
              r.illustrative(),
              r.source(),
              r.definedAt());
      z.status = Status.valueOf(r.status());
      for (ZoneSnapshot.ControlRow c : r.control())
        z.control.add(
            new ControlChange(
                need(c.controller(), "a controller"), c.index(), Instant.parse(c.time())));
      if (z.control.isEmpty())
        throw new IllegalArgumentException("zone \"" + z.id + "\" has no controller");
      for (ZoneSnapshot.TransitionRow t : r.transitions())
        z.transitions.add(
            new Transition(
                Status.valueOf(t.from()),
                Status.valueOf(t.to()),
                need(t.reason(), "a transition's reason"),
                List.copyOf(t.indices()),
                List.copyOf(t.evidence()),
                Instant.parse(t.time()),
                ZoneSnapshot.read(t.source()),
                t.quotesReason()));
      for (ZoneSnapshot.EstimateRow e : r.estimates())
        z.estimates.put(
            need(e.category(), "an estimate's category"),
            new Estimate(e.count(), e.index(), e.party()));
      for (String id : r.items()) {
        Item i = items.get(id);
        if (i == null || !i.zone().equals(z.id))
          throw new IllegalArgumentException(
              "zone \"" + z.id + "\" lists item \"" + id + "\", which is not one of its items");
        z.items.add(id);
      }
      for (ZoneSnapshot.CertificationRow c : r.certifications())
        z.certifiers.put(need(c.party(), "a certifying party"), c.index());
      ZoneSnapshot.ReviewRow v = r.review();
      if (v != null)
        z.review =
            new Review(
                List.copyOf(v.incidents()),
                List.copyOf(v.indices()),
                Instant.parse(v.since()),
                Instant.parse(v.until()));
      if (zones.put(z.id, z) != null)
        throw new IllegalArgumentException("zone \"" + z.id + "\" appears twice");
    }
    long listed = zones.values().stream().mapToLong(z -> z.items.size()).sum();
    if (listed != items.size())
      throw new IllegalArgumentException(
          items.size() + " items, but the zones list " + listed + " of them");
    // With the incident log's lookup, an incident id is asked of it (restored from the same
    // snapshot), not kept here.
    if (reported == null)
      for (ZoneSnapshot.IncidentRow r : s.incidents())
        if (incidents.put(need(r.id(), "an incident's id"), r.index()) != null)
          throw new IllegalArgumentException("incident \"" + r.id() + "\" appears twice");
    ZoneSnapshot.GateRow g = s.gate();
    policy =
        new GatePolicy(
            g.requireVerifiedZone(),
            g.minDecommissionedShare(),
            new java.util.TreeSet<>(g.exemptKinds()),
            new java.util.TreeSet<>(g.restrictedItems()),
            g.setAt());
    ZoneSnapshot.DecisionRow d = s.decisions();
    decisions =
        new DecisionPolicy(
            d.certificationQuorum(),
            d.onConfirmation(),
            java.time.Duration.parse(d.confirmWithin()),
            d.setAt());
    // Derived: the same zones inserted in the same order give the tree the fold built.
    index = buildIndex(zones.values());
  }

  private static <T> T need(T value, String what) {
    if (value == null) throw new IllegalArgumentException("the zones snapshot lacks " + what);
    return value;
  }
}
