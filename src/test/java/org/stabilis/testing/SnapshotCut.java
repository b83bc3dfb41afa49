package org.stabilis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.correction.Corrections;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.Projection;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.store.LogStore.StoredEntry;
import org.stabilis.party.PartyRegistry;

/**
 * Checks the {@link Snapshotting} contract of one module against full folds: folding entries [0,
 * n), saving, restoring into an equally wired set and folding [n, m) must answer every view and
 * every {@code decide} as folding [0, m) does.
 */
public final class SnapshotCut {
  private SnapshotCut() {}

  /** Every committed entry of {@code app}'s log, decoded as a replay decodes it. */
  public static List<Entry> entries(App app) {
    List<StoredEntry> stored = app.log.read(() -> app.log.entries(0, app.log.size()));
    List<Entry> out = new ArrayList<>(stored.size());
    for (StoredEntry s : stored) {
      try {
        out.add(LeafCodec.trusted(s.index(), s.data(), s.disclosures()));
      } catch (LeafCodec.BadLeafException e) {
        throw new AssertionError("entry " + s.index() + " does not decode", e);
      }
    }
    return out;
  }

  /** A party registry and a fresh set of the modules, folded as the log folds them. */
  public static final class Stack {
    public final PartyRegistry parties = new PartyRegistry(new EventCatalogue());
    public final List<Projection> modules = App.moduleProjections(parties);
    private final Corrections fold = Corrections.replaying(modules);

    public void fold(Entry e) {
      parties.evolve(e);
      fold.evolve(e);
    }

    public Stack fold(List<Entry> entries, int from, int to) {
      for (int i = from; i < to; i++) fold(entries.get(i));
      return this;
    }

    public <T> T module(Class<T> type) {
      for (Projection p : modules) if (type.isInstance(p)) return type.cast(p);
      throw new AssertionError("no module " + type.getSimpleName());
    }
  }

  /** What {@code decide} answers, a thrown exception included. */
  public static String outcome(Projection p, Event e) {
    try {
      return String.valueOf(p.decide(e));
    } catch (RuntimeException x) {
      return "threw " + x;
    }
  }

  /**
   * For every cut {@code n}: folds [0, n) twice, saves the first fold's {@code type}, resets the
   * second's and restores it from the bytes, then folds [n, size) into both. Asserts equal views
   * right after the restore and at the end, equal {@code decide} on each tail entry before it is
   * folded and on every candidate at the cut and at the end, and that the restored one saves the
   * same bytes.
   *
   * @param candidates events to decide on besides the log's own, refused ones among them
   * @param views every answer the module's views give, rendered as text
   */
  public static <T extends Snapshotting> void check(
      List<Entry> log,
      List<Event> candidates,
      int[] cuts,
      Class<T> type,
      Function<T, String> views) {
    List<Event> asked = new ArrayList<>(candidates);
    for (Entry e : log) asked.add(e.event());
    for (int n : cuts) {
      Stack a = new Stack().fold(log, 0, n);
      Stack b = new Stack().fold(log, 0, n);
      T uncut = a.module(type);
      T restored = b.module(type);
      byte[] saved = uncut.save();
      restored.reset();
      restored.restore(saved);
      String at = type.getSimpleName() + " cut at " + n + " of " + log.size();
      assertThat(views.apply(restored))
          .as(at + ": views after restore")
          .isEqualTo(views.apply(uncut));
      assertThat(restored.save()).as(at + ": saved again").isEqualTo(saved);
      for (Event e : asked)
        assertThat(outcome(restored, e))
            .as(at + ": decide " + e.type() + " by " + e.party() + " at the cut")
            .isEqualTo(outcome(uncut, e));
      for (int i = n; i < log.size(); i++) {
        Entry e = log.get(i);
        assertThat(outcome(restored, e.event()))
            .as(at + ": decide entry " + i + " " + e.event().type())
            .isEqualTo(outcome(uncut, e.event()));
        a.fold(e);
        b.fold(e);
      }
      assertThat(views.apply(restored)).as(at + ": views at the end").isEqualTo(views.apply(uncut));
      assertThat(restored.save()).as(at + ": saved at the end").isEqualTo(uncut.save());
      for (Event e : asked)
        assertThat(outcome(restored, e))
            .as(at + ": decide " + e.type() + " by " + e.party() + " at the end")
            .isEqualTo(outcome(uncut, e));
    }
  }

  /**
   * Restoring bytes that {@code type} did not write is refused with {@link
   * IllegalArgumentException} and leaves it as if reset: its views answer as a fresh one's and
   * folding the whole log into it gives the full fold.
   *
   * @param other a state another module wrote
   */
  public static <T extends Snapshotting> void refusesForeign(
      List<Entry> log, Class<T> type, Function<T, String> views, byte[] other) {
    Stack full = new Stack().fold(log, 0, log.size());
    byte[] good = full.module(type).save();
    String text = new String(good, StandardCharsets.UTF_8);
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[0]);
    bad.add("null".getBytes(StandardCharsets.UTF_8));
    bad.add("[]".getBytes(StandardCharsets.UTF_8));
    bad.add("{}".getBytes(StandardCharsets.UTF_8));
    bad.add(Arrays.copyOf(good, good.length / 2));
    bad.add(Arrays.copyOf(good, good.length - 1));
    bad.add((text + " {}").getBytes(StandardCharsets.UTF_8));
    bad.add(text.replaceFirst("\"format\":1", "\"format\":2").getBytes(StandardCharsets.UTF_8));
    bad.add(text.replaceFirst("\\{", "{\"extra\":true,").getBytes(StandardCharsets.UTF_8));
    bad.add(other);
    for (byte[] b : bad) {
      assertThat(b).as("a corruption that changes the bytes").isNotEqualTo(good);
      Stack s = new Stack().fold(log, 0, log.size());
      T t = s.module(type);
      String fresh = views.apply(new Stack().module(type));
      assertThatThrownBy(() -> t.restore(b))
          .as(type.getSimpleName() + " restoring " + new String(b, StandardCharsets.UTF_8))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(views.apply(t)).as("left as if reset").isEqualTo(fresh);
      t.restore(good);
      assertThat(views.apply(t))
          .as("a good state still restores")
          .isEqualTo(views.apply(full.module(type)));
    }
  }
}
