package org.stabilis.incident;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stabilis.log.Concealed;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;
import org.stabilis.zone.ZoneGate;

/**
 * Incidents (SPEC §4, §5), each placed in the zone that covers its location when it was reported.
 * An incident outside every zone is accepted and flagged ({@code zone} null), not refused: it still
 * happened. Suspension of zones by incidents is the zone module's rule, not decided here.
 */
public final class IncidentLog implements Snapshotting, IncidentView {

  /**
   * An incident as reported; {@code zone} is null when its location is in no zone. The zone is
   * derived from the location, concealed or not, so every reader sees the same zone (SPEC §2.10).
   */
  public record Incident(
      String id,
      String category,
      int severity,
      double lon,
      double lat,
      String summary,
      String zone,
      String reportedBy,
      long index,
      Instant time,
      Concealed concealed) {
    public boolean outsideZones() {
      return zone == null;
    }
  }

  private final ZoneGate zones;

  /** Where incidents go when a snapshot is taken; null keeps them all in memory. */
  private final IncidentStore store;

  // In memory: the incidents at entries from `bound` on (all of them when there is no store). Those
  // before it are in the store, as of a snapshot of `boundSize` entries; `stored` counts them.
  private final Map<String, Incident> incidents = new LinkedHashMap<>();

  /** The same incidents in ascending log index: incidents are never changed or removed. */
  private final List<Incident> byIndex = new ArrayList<>();

  private long bound;
  private long boundSize;
  private long stored;

  /** One past the last entry folded. */
  private long position;

  /**
   * An incident log that keeps every incident in memory and in its snapshots.
   *
   * @param zones where incidents are located; must have evolved each entry before this projection
   */
  public IncidentLog(ZoneGate zones) {
    this(zones, null);
  }

  /**
   * An incident log that hands its incidents over to {@code store} whenever a snapshot is taken,
   * keeping in memory only those reported since (SPEC §7 "Scale").
   */
  public IncidentLog(ZoneGate zones, IncidentStore store) {
    this.zones = zones;
    this.store = store;
  }

  @Override
  public Rejection decide(Event e) {
    if (e.type().equals("incident.reported") && incident(e.text("id")).isPresent())
      return Rejection.rule(
          IncidentRule.INCIDENT_EXISTS,
          "incident \"" + e.text("id") + "\" was already reported; incident ids are never reused");
    return null;
  }

  @Override
  public void evolve(Entry entry) {
    position = entry.index() + 1;
    Event e = entry.event();
    if (!e.type().equals("incident.reported")) return;
    JsonNode loc = e.body().get("location");
    double lon = loc.get(0).asDouble(), lat = loc.get(1).asDouble();
    Incident i =
        new Incident(
            e.text("id"),
            e.text("category"),
            e.body().get("severity").asInt(),
            lon,
            lat,
            e.text("summary"),
            zones.zoneAt(lon, lat).orElse(null),
            e.party(),
            entry.index(),
            e.time(),
            Concealed.of(e));
    if (incidents.putIfAbsent(i.id(), i) != null)
      throw new IllegalStateException(
          "entry " + entry.index() + " reports incident \"" + i.id() + "\" a second time");
    byIndex.add(i);
  }

  @Override
  public void reset() {
    incidents.clear();
    byIndex.clear();
    bound = 0;
    boundSize = 0;
    stored = 0;
    position = 0;
  }

  /**
   * Which incidents a reader asks for; null fields do not filter. {@code zone} "none" selects those
   * outside every zone.
   */
  public record Filter(String zone, Instant from, Instant to, String category) {
    boolean accepts(Incident i) {
      if (zone != null && !(zone.equals("none") ? i.zone() == null : zone.equals(i.zone())))
        return false;
      if (from != null && i.time().isBefore(from)) return false;
      if (to != null && !i.time().isBefore(to)) return false;
      return category == null || category.equals(i.category());
    }
  }

  @Override
  public List<Incident> list(Filter f) {
    List<Incident> out = bound == 0 ? new ArrayList<>() : store.all(f, bound, boundSize);
    for (Incident i : byIndex) if (f.accepts(i)) out.add(i);
    return out;
  }

  /**
   * At most {@code limit} incidents that pass {@code f}, newest first, reported at a log index
   * below {@code beforeIndex}. The work is bounded by what it skips and returns, not by the number
   * of incidents: it starts at {@code beforeIndex} and walks back, through memory and then the
   * store.
   */
  @Override
  public List<Incident> newest(Filter f, long beforeIndex, int limit) {
    int lo = 0, hi = byIndex.size();
    while (lo < hi) { // the first incident at or after beforeIndex
      int mid = (lo + hi) >>> 1;
      if (byIndex.get(mid).index() < beforeIndex) lo = mid + 1;
      else hi = mid;
    }
    List<Incident> out = new ArrayList<>(Math.min(limit, 1024));
    for (int k = lo - 1; k >= 0 && out.size() < limit; k--) {
      Incident i = byIndex.get(k);
      if (f.accepts(i)) out.add(i);
    }
    if (out.size() < limit && bound > 0)
      out.addAll(store.newest(f, Math.min(beforeIndex, bound), boundSize, limit - out.size()));
    return out;
  }

  @Override
  public int count() {
    return Math.toIntExact(stored + byIndex.size());
  }

  public Optional<Incident> incident(String id) {
    Incident i = incidents.get(id);
    if (i != null || bound == 0) return Optional.ofNullable(i);
    return store.find(id, bound, boundSize);
  }

  /** The log index of the report of incident {@code id}, if it was reported. */
  public java.util.OptionalLong indexOf(String id) {
    return incident(id)
        .map(i -> java.util.OptionalLong.of(i.index()))
        .orElse(java.util.OptionalLong.empty());
  }

  // ---- snapshot --------------------------------------------------------------------------

  /**
   * The incidents in memory, in log order (SPEC §7 snapshots), and how many came before them and
   * where they are: below entry {@code bound}, in the store as of a snapshot of {@code boundSize}
   * entries. One incident is a JSON array, not an object, since a log may hold millions; the
   * concealment's type and author are the event's, so only its fields are written.
   */
  record State(String format, long bound, long boundSize, long stored, List<Row> incidents) {
    static final String FORMAT = "stabilis.incidents/2";
  }

  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  record Row(
      String id,
      String category,
      int severity,
      double lon,
      double lat,
      String summary,
      String zone,
      String reportedBy,
      long index,
      String time,
      List<String> concealed) {}

  @Override
  public String snapshotName() {
    return "incidents";
  }

  /** The state, with the incidents in memory as they are: a test's view, and no store's. */
  @Override
  public byte[] save() {
    return write();
  }

  /**
   * Hands the incidents in memory over to the store, as the incidents of a snapshot of {@code size}
   * entries, then writes what is left: where they are and how many. Without a store, the incidents
   * themselves.
   */
  @Override
  public byte[] save(long size) {
    if (store != null) {
      store.put(bound, position, size, byIndex);
      stored += byIndex.size();
      bound = position;
      boundSize = size;
      incidents.clear();
      byIndex.clear();
    }
    return write();
  }

  private byte[] write() {
    List<Row> rows = new ArrayList<>(byIndex.size());
    for (Incident i : byIndex)
      rows.add(
          new Row(
              i.id(),
              i.category(),
              i.severity(),
              i.lon(),
              i.lat(),
              i.summary(),
              i.zone(),
              i.reportedBy(),
              i.index(),
              i.time().toString(),
              i.concealed().any() ? List.copyOf(i.concealed().fields()) : null));
    return SnapshotJson.write(new State(State.FORMAT, bound, boundSize, stored, rows));
  }

  @Override
  public void restore(byte[] state) {
    reset();
    try {
      State s = SnapshotJson.read(state, State.class);
      SnapshotJson.requireFormat("incidents", s.format(), State.FORMAT);
      if (s.bound() < 0 || s.boundSize() < s.bound() || s.stored() < 0 || s.stored() > s.bound())
        throw new IllegalArgumentException(
            "the incidents' place in the store is not one this code writes: "
                + s.stored()
                + " below entry "
                + s.bound()
                + " as of "
                + s.boundSize());
      if (s.bound() > 0) {
        if (store == null)
          throw new IllegalArgumentException(
              "its incidents are in the store, and this incident log keeps them in memory");
        // A cheap check that the store holds what the snapshot counts on: the newest of them.
        boolean any =
            !store
                .newest(new Filter(null, null, null, null), s.bound(), s.boundSize(), 1)
                .isEmpty();
        if (any != (s.stored() > 0))
          throw new IllegalArgumentException(
              "it counts "
                  + s.stored()
                  + " incident(s) in the store below entry "
                  + s.bound()
                  + ", and the store "
                  + (any ? "holds some" : "holds none"));
      }
      bound = s.bound();
      boundSize = s.boundSize();
      stored = s.stored();
      position = bound;
      long last = bound - 1;
      for (Row r : s.incidents()) {
        if (r.id() == null || r.category() == null || r.reportedBy() == null)
          throw new IllegalArgumentException("an incident lacks its id, category or reporter");
        // newest() searches by index: the incidents must come in log order.
        if (r.index() <= last)
          throw new IllegalArgumentException(
              "incident \"" + r.id() + "\" at entry " + r.index() + " follows entry " + last);
        last = r.index();
        Incident i =
            new Incident(
                r.id(),
                r.category(),
                r.severity(),
                r.lon(),
                r.lat(),
                r.summary(),
                r.zone(),
                r.reportedBy(),
                r.index(),
                Instant.parse(r.time()),
                r.concealed() == null
                    ? Concealed.NONE
                    : new Concealed(
                        "incident.reported", r.reportedBy(), Set.copyOf(r.concealed())));
        if (incidents.putIfAbsent(i.id(), i) != null)
          throw new IllegalArgumentException("incident \"" + i.id() + "\" appears twice");
        byIndex.add(i);
      }
      position = last + 1;
    } catch (RuntimeException e) {
      reset();
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the incidents snapshot does not hold: " + e, e);
    }
  }
}
