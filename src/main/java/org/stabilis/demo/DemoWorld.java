package org.stabilis.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;

/**
 * The demo's parties and their signing keys, and a way to state events as them. Every event of
 * the scenario goes through the same admission as any submission; a refusal stops the demo,
 * unless the scenario expects it ({@link #expectRefusal}).
 */
public final class DemoWorld {
  private final App app;
  private final Map<String, EventSigner> signers = new LinkedHashMap<>();

  public DemoWorld(App app) {
    this.app = app;
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

  /** States {@code body} as {@code party} at {@code time}; returns the index. */
  public long say(String party, String type, ObjectNode body, Instant time) {
    Outcome o = app.log.submit(signer(party).sign(type, body, time));
    if (o instanceof Outcome.Accepted a) return a.index();
    throw new IllegalStateException("demo event " + type + " by " + party + " was refused: " + o);
  }

  /** States an event the rules must refuse (e.g. an approval in an unverified zone); returns the rejection. */
  public Outcome.Rejected expectRefusal(String party, String type, ObjectNode body, Instant time) {
    Outcome o = app.log.submit(signer(party).sign(type, body, time));
    if (o instanceof Outcome.Rejected r) return r;
    throw new IllegalStateException("demo expected " + type + " by " + party + " to be refused, but it was " + o);
  }

  private EventSigner signer(String party) {
    EventSigner s = signers.get(party);
    if (s == null) throw new IllegalArgumentException("demo has no signer for " + party);
    return s;
  }
}
