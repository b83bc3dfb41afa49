package org.stabilis.cli;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.NoteKey;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.witness.Witness;
import org.stabilis.witness.WitnessFolder;
import org.stabilis.witness.WitnessServer;
import org.stabilis.witness.WitnessStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "witness",
    description =
        "Run a witness that cosigns the checkpoints of logs it checked (C2SP tlog-witness).",
    subcommands = {
      WitnessCommand.Init.class,
      WitnessCommand.AddLog.class,
      WitnessCommand.Serve.class
    })
final class WitnessCommand implements Runnable {
  @Override
  public void run() {
    throw new IllegalArgumentException("give a subcommand: init, add-log or serve");
  }

  @Command(
      name = "init",
      description =
          "Create a witness: its cosigning key and an empty state; prints its verifier key.")
  static final class Init implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the witness's own data folder")
    Path data;

    @Option(
        names = "--name",
        required = true,
        description = "the witness's key name, e.g. donors.example/witness")
    String name;

    @Option(
        names = "--ml-dsa-44",
        description = "also make an ML-DSA-44 cosigning key (signature type 0x06)")
    boolean mlDsa;

    @Override
    public Integer call() throws Exception {
      SecureRandom rnd = new SecureRandom();
      java.util.Optional<byte[]> seed = java.util.Optional.empty();
      if (mlDsa) {
        byte[] s = new byte[32];
        rnd.nextBytes(s);
        seed = java.util.Optional.of(s);
      }
      for (Cosigner c : WitnessFolder.create(data, name, Ed25519PrivateKey.generate(rnd), seed)) {
        System.out.println(c.verifierKey().vkey());
      }
      return 0;
    }
  }

  @Command(
      name = "add-log",
      description =
          "Witness the log of this verifier key (its /api/v1/log/key); takes effect at the next serve.")
  static final class AddLog implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the witness's data folder")
    Path data;

    @Option(
        names = "--vkey",
        required = true,
        description = "the log's verifier key; its name is the log's origin")
    String vkey;

    @Override
    public Integer call() {
      NoteKey key = NoteKey.parse(vkey.strip());
      if (key.type() == NoteKey.TYPE_COSIGNATURE_V1) {
        throw new IllegalArgumentException(
            "that is a witness key (type 0x04); give the log's key (type 0x01 or 0x06)");
      }
      if (!WitnessFolder.holdsWitness(data)) {
        throw new IllegalArgumentException(
            data + " holds no witness; run `stabilis witness init` first");
      }
      try (WitnessStore s = WitnessStore.open(WitnessFolder.jdbcUrl(data))) {
        boolean added = s.addLog(key.name(), key.vkey());
        System.out.println((added ? "witnessing " : "already witnessing ") + key.name());
      }
      return 0;
    }
  }

  @Command(name = "serve", description = "Serve POST /add-checkpoint (C2SP tlog-witness).")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the witness's data folder")
    Path data;

    @Option(
        names = "--port",
        defaultValue = "8090",
        description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(
        names = "--bind",
        defaultValue = "127.0.0.1",
        description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Override
    public Integer call() throws Exception {
      WitnessStore store = WitnessStore.open(WitnessFolder.jdbcUrl(data));
      Witness w = WitnessFolder.open(data, store);
      Javalin web = WitnessServer.create(w, Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                web.stop();
                store.close();
                stopped.countDown();
              }));
      web.start(bind, port);
      System.out.println("listening on http://" + bind + ":" + web.port());
      System.out.flush();
      stopped.await();
      return 0;
    }
  }
}
