package org.stabilis.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.stabilis.App;
import org.stabilis.log.EventSigner;
import org.stabilis.log.Outcome;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/** Benchmark set-up shared by the benchmarks: client parties, each with its own key. */
final class BenchClients {
  private BenchClients() {}

  /**
   * Registers {@code n} inspector parties {@code client-0 .. client-(n-1)} through the coordinator
   * and returns their signers. Refusal stops the benchmark: it would measure nothing real.
   */
  static List<EventSigner> register(
      App app, EventSigner coordinator, int n, SecureRandom random, Clock clock) {
    List<EventSigner> signers = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
      ObjectNode b = StrictJson.mapper().createObjectNode();
      b.put("id", "client-" + c);
      b.put("name", "Benchmark client " + c);
      b.put("kind", "benchmark");
      b.putArray("roles").add("inspector");
      ObjectNode key = b.putArray("keys").addObject();
      key.put("id", "k1");
      key.put("public", k.publicKey().base64());
      Outcome o = app.log.submit(coordinator.sign("party.registered", b, clock.instant()));
      if (!(o instanceof Outcome.Accepted))
        throw new IllegalStateException(
            "benchmark set-up: registering client " + c + " was refused: " + o);
      signers.add(new EventSigner("client-" + c, "k1", k, 0));
    }
    return signers;
  }
}
