package org.stabilis.demo;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.checkpoint.PolicyException;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.witness.Witness;
import org.stabilis.witness.WitnessFolder;
import org.stabilis.witness.WitnessServer;
import org.stabilis.witness.WitnessStore;

/**
 * Two witnesses for the demo (SPEC §2.7), each with its own folder, key and store, served on local
 * ports. Illustrative, after the 2026 roadmap's Implementation Verification Committee of donor
 * representatives (scenario facts §6) and a guarantor of the agreement; the policy needs both.
 */
public final class DemoWitnesses implements AutoCloseable {
  /** The demo's policy file, written in the data folder. */
  public static final String POLICY_FILE = "witness-policy.txt";

  private record Running(String name, WitnessStore store, Javalin server) {}

  private final List<Running> running;
  public final Path policyFile;
  public final Policy policy;

  private DemoWitnesses(List<Running> running, Path policyFile, Policy policy) {
    this.running = running;
    this.policyFile = policyFile;
    this.policy = policy;
  }

  /**
   * Creates and starts the two witnesses of the log {@code logVkey} and writes the policy to {@code
   * dataDir}.
   */
  public static DemoWitnesses start(Path dataDir, String logVkey, Clock clock, SecureRandom random)
      throws IOException {
    String[][] who = {
      {
        "committee",
        "verification-committee.example/witness",
        "# Implementation Verification Committee of donor-country representatives (illustrative)"
      },
      {"guarantor", "guarantor.example/witness", "# A guarantor of the agreement (illustrative)"}
    };
    List<Running> running = new ArrayList<>();
    StringBuilder policy =
        new StringBuilder("# Witness policy of the demo log (C2SP tlog-policy). Illustrative.\n")
            .append("log ")
            .append(logVkey)
            .append('\n');
    for (String[] w : who) {
      Path folder = dataDir.resolve("witnesses").resolve(w[0]);
      String vkey =
          WitnessFolder.create(folder, w[1], Ed25519PrivateKey.generate(random), Optional.empty())
              .get(0)
              .verifierKey()
              .vkey();
      WitnessStore store = WitnessStore.open(WitnessFolder.jdbcUrl(folder));
      store.addLog(logVkey.substring(0, logVkey.indexOf('+')), logVkey);
      Witness witness = WitnessFolder.open(folder, store);
      Javalin server = WitnessServer.create(witness, clock).start("127.0.0.1", 0);
      running.add(new Running(w[0], store, server));
      policy
          .append(w[2])
          .append('\n')
          .append("witness ")
          .append(w[0])
          .append(' ')
          .append(vkey)
          .append(" http://127.0.0.1:")
          .append(server.port())
          .append('\n');
    }
    policy.append("group both all committee guarantor\nquorum both\n");
    Path file = dataDir.resolve(POLICY_FILE);
    Files.writeString(file, policy);
    try {
      return new DemoWitnesses(running, file, Policy.parse(policy.toString()));
    } catch (PolicyException e) {
      throw new IllegalStateException("the demo's own policy does not parse: " + e.getMessage(), e);
    }
  }

  /** "name at URL" for each witness. */
  public List<String> describe() {
    return running.stream()
        .map(r -> r.name() + " at http://127.0.0.1:" + r.server().port())
        .toList();
  }

  @Override
  public void close() {
    for (Running r : running) {
      r.server().stop();
      r.store().close();
    }
  }
}
