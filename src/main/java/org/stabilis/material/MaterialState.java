package org.stabilis.material;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a materials snapshot holds (SPEC §7): every applied fact and every traced find, in log
 * order, as plain values. The {@link Ledger} is not written: it is the fold of the facts, the same
 * fold a view "as of" an index runs, so restoring refolds it and gets its indexes, counters and the
 * iteration order of every map exactly as the original fold made them.
 */
record MaterialState(int format, List<AppliedState> history, List<TracedState> traced) {

  /** Bumped whenever the meaning of a field changes; a snapshot of another format is refused. */
  static final int FORMAT = 1;

  record AppliedState(
      long index,
      int sub,
      String time,
      String received,
      String party,
      @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
          @JsonSubTypes({
            @JsonSubTypes.Type(value = Fact.Item.class, name = "item"),
            @JsonSubTypes.Type(value = Fact.Node.class, name = "node"),
            @JsonSubTypes.Type(value = Fact.Entered.class, name = "entered"),
            @JsonSubTypes.Type(value = Fact.Transferred.class, name = "transferred"),
            @JsonSubTypes.Type(value = Fact.Received.class, name = "received"),
            @JsonSubTypes.Type(value = Fact.Consumed.class, name = "consumed"),
            @JsonSubTypes.Type(value = Fact.Lost.class, name = "lost"),
            @JsonSubTypes.Type(value = Fact.Inspected.class, name = "inspected")
          })
          Fact fact,
      Map<String, Long> bill,
      String epcisId,
      String epcisOffset) {

    static AppliedState of(Applied a) {
      return new AppliedState(
          a.index(),
          a.sub(),
          a.time().toString(),
          a.received() == null ? null : a.received().toString(),
          a.party(),
          a.fact(),
          a.bill() == null ? null : new TreeMap<>(a.bill()),
          a.epcisId(),
          a.epcisOffset());
    }

    Applied applied() {
      if (fact == null)
        throw new IllegalArgumentException("fact " + index + "/" + sub + " is empty");
      return new Applied(
          index,
          sub,
          Instant.parse(time),
          received == null ? null : Instant.parse(received),
          party,
          fact,
          MaterialProjection.billOf(bill),
          epcisId,
          epcisOffset);
    }
  }

  record TracedState(
      String find,
      String category,
      String reportedBy,
      long index,
      String time,
      String item,
      String consignment) {

    static TracedState of(Trace.TracedFind f) {
      return new TracedState(
          f.find(),
          f.category(),
          f.reportedBy(),
          f.index(),
          f.time().toString(),
          f.item(),
          f.consignment());
    }

    Trace.TracedFind tracedFind() {
      return new Trace.TracedFind(
          find, category, reportedBy, index, Instant.parse(time), item, consignment);
    }
  }

  static MaterialState of(List<Applied> history, List<Trace.TracedFind> traced) {
    List<AppliedState> h = new ArrayList<>(history.size());
    for (Applied a : history) h.add(AppliedState.of(a));
    List<TracedState> t = new ArrayList<>(traced.size());
    for (Trace.TracedFind f : traced) t.add(TracedState.of(f));
    return new MaterialState(FORMAT, Collections.unmodifiableList(h), t);
  }
}
