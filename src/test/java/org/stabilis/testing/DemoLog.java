package org.stabilis.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.store.LogStore;

/**
 * The demo scenario's statements as the modules fold them: every entry of the loaded demo log, read
 * with its disclosures, but the corrections and the entries they retract (the correction layer
 * keeps those from the modules).
 */
public final class DemoLog {
  private DemoLog() {}

  private static List<Event> events;

  /** Loaded once per test run; the scenario as of {@code 2026-12-01}. */
  public static synchronized List<Event> events() {
    if (events != null) return events;
    try {
      Path dir = Files.createTempDirectory("demo-log");
      var loaded =
          DemoScenario.load(
              dir.resolve("demo"),
              Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
              new SecureRandom(new byte[] {5}));
      List<Entry> all = new ArrayList<>();
      Set<Long> retracted = new HashSet<>();
      try (var app = loaded.app()) {
        for (LogStore.StoredEntry s : app.log.entries(0, app.log.size())) {
          Entry e = LeafCodec.trusted(s.index(), s.data(), s.disclosures());
          all.add(e);
          if (e.event().type().equals("record.retracted"))
            retracted.add(e.event().body().get("index").asLong());
        }
      }
      List<Event> out = new ArrayList<>();
      for (Entry e : all)
        if (!retracted.contains(e.index()) && !e.event().type().startsWith("record."))
          out.add(e.event());
      events = List.copyOf(out);
      return events;
    } catch (Exception e) {
      throw new AssertionError("the demo scenario does not load: " + e, e);
    }
  }
}
