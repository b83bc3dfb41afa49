package org.stabilis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.Projection;
import org.stabilis.log.Rejection;
import org.stabilis.log.Snapshotting;

/**
 * Checks a {@link Snapshotting} projection against the full fold, as its contract states: folding
 * the first entries, saving, restoring into a freshly made, equally wired projection and folding
 * the rest answers every view with the same text and every later decide with the same outcome as
 * folding everything.
 */
public final class SnapshotCheck {
  private SnapshotCheck() {}

  /** A freshly made, equally wired set of projections and the answers of their views. */
  public interface Wiring {
    /**
     * Every projection, in the order they decide and fold; those not {@link #snapshotted} are
     * rebuilt by folding the entries before the cut.
     */
    List<Projection> projections();

    /** Those saved at the cut and restored, in the order restored. */
    List<Snapshotting> snapshotted();

    /** Every answer the views give, rendered as text; {@code size}: the entries folded. */
    String views(long size);
  }

  /** What a check went through, so a test can say its sequences exercise what they claim. */
  public record Run(int accepted, int refused, int cuts, long largestSnapshot) {}

  /**
   * Folds {@code candidates} in order, each accepted when every projection's decide accepts it; for
   * each cut (a position in {@code candidates}) restores the state saved there into a fresh wiring
   * and folds on from it, comparing views at every later cut and at the end, the outcome of each
   * later candidate, and the outcome of each {@code probe} at those points.
   */
  public static Run check(
      Supplier<Wiring> fresh, List<Event> candidates, List<Event> probes, List<Integer> cuts) {
    TreeSet<Integer> at = new TreeSet<>(cuts);
    assertThat(at.first()).isGreaterThanOrEqualTo(0);
    assertThat(at.last()).isLessThanOrEqualTo(candidates.size());
    Wiring ref = fresh.get();
    List<String> outcomes = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    int[] folded = new int[candidates.size() + 1];
    String[] views = new String[candidates.size() + 1];
    String[] probed = new String[candidates.size() + 1];
    List<List<byte[]>> saved = new ArrayList<>();
    for (int k = 0; k <= candidates.size(); k++) saved.add(null);
    long largest = 0;
    int refused = 0;
    for (int k = 0; ; k++) {
      folded[k] = entries.size();
      if (at.contains(k) || k == candidates.size()) {
        views[k] = ref.views(entries.size());
        probed[k] = probe(ref, probes);
        List<byte[]> bytes = new ArrayList<>();
        for (Snapshotting s : ref.snapshotted()) {
          byte[] b = s.save(entries.size());
          bytes.add(b);
          largest = Math.max(largest, b.length);
        }
        saved.set(k, bytes);
      }
      if (k == candidates.size()) break;
      String outcome = decide(ref, candidates.get(k));
      outcomes.add(outcome);
      if (outcome.isEmpty()) {
        Entry e = entry(entries.size(), candidates.get(k));
        for (Projection p : ref.projections()) p.evolve(e);
        entries.add(e);
      } else refused++;
    }
    assertThat(views[candidates.size()])
        .as("saving reads the state only: the full fold, saved along the way, is unchanged")
        .isEqualTo(fresh(fresh, entries).views(entries.size()));

    for (int cut : at) {
      Wiring w = fresh.get();
      List<Snapshotting> restored = w.snapshotted();
      for (int i = 0; i < folded[cut]; i++)
        for (Projection p : w.projections()) if (!restored.contains(p)) p.evolve(entries.get(i));
      List<byte[]> bytes = saved.get(cut);
      for (int i = 0; i < restored.size(); i++) restored.get(i).restore(bytes.get(i));
      for (int i = 0; i < restored.size(); i++)
        assertThat(restored.get(i).save())
            .as("cut %d: %s saved again after a restore", cut, restored.get(i).snapshotName())
            .isEqualTo(bytes.get(i));
      int n = folded[cut];
      for (int k = cut; ; k++) {
        if (views[k] != null) {
          assertThat(w.views(n))
              .as(
                  "cut at candidate %d (%d entries): the views at candidate %d",
                  cut, folded[cut], k)
              .isEqualTo(views[k]);
          assertThat(probe(w, probes))
              .as("cut at candidate %d: the probes' outcomes at candidate %d", cut, k)
              .isEqualTo(probed[k]);
        }
        if (k == candidates.size()) break;
        String outcome = decide(w, candidates.get(k));
        assertThat(outcome)
            .as("cut at candidate %d: the outcome of candidate %d", cut, k)
            .isEqualTo(outcomes.get(k));
        if (outcome.isEmpty()) {
          Entry e = entries.get(n++);
          for (Projection p : w.projections()) p.evolve(e);
        }
      }
    }
    return new Run(entries.size(), refused, at.size(), largest);
  }

  /** A wiring that folded {@code entries}. */
  public static Wiring fresh(Supplier<Wiring> fresh, List<Entry> entries) {
    Wiring w = fresh.get();
    for (Entry e : entries) for (Projection p : w.projections()) p.evolve(e);
    return w;
  }

  /**
   * Restores {@code good} into the {@code which}-th snapshotted projection of a fresh wiring, then
   * each of {@code bad}: each must be refused with {@link IllegalArgumentException}, leaving the
   * views as a fresh wiring answers them.
   */
  public static void refuses(Supplier<Wiring> fresh, int which, byte[] good, List<byte[]> bad) {
    String empty = fresh.get().views(0);
    for (byte[] b : bad) {
      Wiring w = fresh.get();
      Snapshotting s = w.snapshotted().get(which);
      s.restore(good);
      assertThatThrownBy(() -> s.restore(b))
          .as("restoring %s", new String(b, java.nio.charset.StandardCharsets.UTF_8))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(w.views(0))
          .as("after a refused restore the projection is as if reset")
          .isEqualTo(empty);
    }
  }

  /** What no snapshot of any projection is: empty, cut short, not JSON, JSON of another shape. */
  public static List<byte[]> notSnapshots(byte[] good) {
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(Arrays.copyOf(good, good.length / 2));
    out.add(Arrays.copyOf(good, good.length - 1));
    for (String s : List.of("null", "{}", "[]", "42", "\"zones\"", "not a snapshot"))
      out.add(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    trailing[good.length] = '{';
    trailing[good.length + 1] = '}';
    out.add(trailing);
    return out;
  }

  /** {@code good} with the first {@code from} replaced by {@code to}; fails if there is none. */
  public static byte[] edit(byte[] good, String from, String to) {
    String s = new String(good, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(s).as("the snapshot to corrupt").contains(from);
    return s.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final org.stabilis.catalogue.EventCatalogue CATALOGUE =
      new org.stabilis.catalogue.EventCatalogue();

  /**
   * An event as the fold sees it once admitted, its body checked against the catalogue's schema (a
   * generator that writes a body the log would refuse fails here); {@code concealed}: the fields it
   * came with as disclosures.
   */
  public static Event event(
      String type,
      String party,
      java.time.Instant time,
      com.fasterxml.jackson.databind.node.ObjectNode body,
      String... concealed) {
    var problem = CATALOGUE.bodySchema(type).check(body, "body");
    if (problem != null) throw new AssertionError(type + " " + body + ": " + problem);
    var json = org.stabilis.log.canonical.StrictJson.mapper().createObjectNode();
    json.put("type", type).put("party", party).put("time", time.toString()).set("body", body);
    return new Event(type, party, party + "-1", 0, time, body, json, java.util.Set.of(concealed));
  }

  /** An entry of {@code event} at {@code index}, as the fold sees it. */
  public static Entry entry(long index, Event event) {
    return new Entry(index, event, event.time(), new byte[0], null);
  }

  private static String decide(Wiring w, Event e) {
    StringBuilder sb = new StringBuilder();
    for (Projection p : w.projections()) {
      Rejection r = p.decide(e);
      if (r != null) sb.append(p.getClass().getSimpleName()).append(": ").append(r).append('\n');
    }
    return sb.toString();
  }

  /** The outcomes of the snapshotted projections alone: a probe need not be admissible. */
  private static String probe(Wiring w, List<Event> probes) {
    StringBuilder sb = new StringBuilder();
    for (Event e : probes) {
      sb.append(e.type()).append(' ');
      for (Snapshotting p : w.snapshotted()) sb.append(p.decide(e)).append(' ');
      sb.append('\n');
    }
    return sb.toString();
  }
}
