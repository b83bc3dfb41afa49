package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;

/**
 * The demo's parties and their signing keys, and a way to state events as them. Every event of the
 * scenario goes through the same admission as any submission; a refusal stops the demo, unless the
 * scenario expects it ({@link #expectRefusal}). Events are staged and submitted in time order by
 * {@link #flush}.
 */
public final class DemoWorld {
  /**
   * What the demo's parties conceal (SPEC §2.10), as a careful security party would: where weapons
   * and caches were found, the digests of the evidence files, and the wording of incident reports.
   * The facts stay on the record, signed and checkable by everyone; the values go to their readers.
   */
  static final Map<String, List<String>> CONCEALED =
      Map.of(
          "demil.item-reported", List.of("location"),
          "demil.item-decommissioned", List.of("evidence"),
          "demil.item-verified", List.of("evidence"),
          "zone.certified", List.of("evidence"),
          "inspection.recorded", List.of("evidence"),
          "incident.reported", List.of("summary"));

  private final App app;
  private final Map<String, EventSigner> signers = new LinkedHashMap<>();
  private final SecureRandom random;

  /**
   * @param random the source of the salts of concealed fields
   */
  public DemoWorld(App app, SecureRandom random) {
    this.app = app;
    this.random = random;
  }

  public App app() {
    return app;
  }

  public void addSigner(EventSigner s) {
    signers.put(s.party(), s);
  }

  public static ObjectNode obj() {
    return StrictJson.mapper().createObjectNode();
  }

  /** An event of the scenario, waiting for {@link #flush}. */
  private record Staged(
      String party, String type, ObjectNode body, Instant time, boolean mustBeRefused) {}

  private final java.util.List<Staged> staged = new java.util.ArrayList<>();

  /** States {@code body} as {@code party} at {@code time}, when the scenario is flushed. */
  public void say(String party, String type, ObjectNode body, Instant time) {
    signer(party);
    staged.add(new Staged(party, type, body, time, false));
  }

  /** States an event the rules must refuse (e.g. an approval in an unverified zone). */
  public void expectRefusal(String party, String type, ObjectNode body, Instant time) {
    signer(party);
    staged.add(new Staged(party, type, body, time, true));
  }

  /**
   * Submits every staged event in the order of its stated time (stable: events of one instant keep
   * the order they were staged in), so the log reads as the scenario's timeline however its parts
   * were written. Stops at the first outcome the scenario did not expect.
   */
  public void flush() {
    java.util.List<Staged> ordered = new java.util.ArrayList<>(staged);
    ordered.sort(java.util.Comparator.comparing(Staged::time));
    staged.clear();
    for (Staged s : ordered) {
      Outcome o =
          app.log.submit(
              signer(s.party())
                  .sign(
                      s.type(),
                      s.body(),
                      s.time(),
                      CONCEALED.getOrDefault(s.type(), List.of()),
                      random));
      if (s.mustBeRefused() && !(o instanceof Outcome.Rejected))
        throw new IllegalStateException(
            "demo expected "
                + s.type()
                + " by "
                + s.party()
                + " at "
                + s.time()
                + " to be refused, but it was "
                + o);
      if (!s.mustBeRefused() && !(o instanceof Outcome.Accepted))
        throw new IllegalStateException(
            "demo event "
                + s.type()
                + " by "
                + s.party()
                + " at "
                + s.time()
                + " was refused: "
                + o);
    }
  }

  /**
   * Flushes what is staged, then states {@code body} at once and returns its index (for statements
   * about entries).
   */
  public long sayNow(String party, String type, ObjectNode body, Instant time) {
    flush();
    Outcome o = app.log.submit(signer(party).sign(type, body, time));
    if (o instanceof Outcome.Accepted a) return a.index();
    throw new IllegalStateException(
        "demo event " + type + " by " + party + " at " + time + " was refused: " + o);
  }

  /**
   * The index of the first committed entry of {@code type} whose body has {@code field} = {@code
   * value}.
   */
  public long indexOf(String type, String field, String value) {
    long size = app.log.size();
    for (long start = 0; start < size; start += 1000)
      for (var s : app.log.entries(start, Math.min(size, start + 1000))) {
        var text = new String(s.data(), java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains("\"" + value + "\"")) continue;
        try {
          var e = org.stabilis.log.LeafCodec.trusted(s.index(), s.data()).event();
          if (e.type().equals(type) && value.equals(e.text(field))) return s.index();
        } catch (org.stabilis.log.LeafCodec.BadLeafException ex) {
          throw new IllegalStateException(ex);
        }
      }
    throw new IllegalStateException("the demo log has no " + type + " with " + field + " " + value);
  }

  private EventSigner signer(String party) {
    EventSigner s = signers.get(party);
    if (s == null) throw new IllegalArgumentException("demo has no signer for " + party);
    return s;
  }
}
