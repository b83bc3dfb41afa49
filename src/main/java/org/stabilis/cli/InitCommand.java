package org.stabilis.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.stabilis.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create a new log: its checkpoint key and the genesis entry.")
final class InitCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "data folder to create")
  Path data;

  @Option(
      names = "--origin",
      required = true,
      description = "log origin, e.g. stabilis.example/gaza-isf")
  String origin;

  @Option(names = "--coordinator-id", required = true, description = "party id of the coordinator")
  String coordinatorId;

  @Option(
      names = "--coordinator-key",
      required = true,
      description = "coordinator's private key (PKCS#8 PEM)")
  Path coordinatorKey;

  @Option(
      names = "--coordinator-name",
      defaultValue = "Coordination centre",
      description = "display name (default: ${DEFAULT-VALUE})")
  String name;

  @Option(
      names = "--key-id",
      description = "id of the coordinator's key (default: <coordinator-id>-1)")
  String keyId;

  @Option(
      names = "--max-past-days",
      defaultValue = "30",
      description = "how far in the past an event's time may be (default: ${DEFAULT-VALUE} days)")
  long maxPastDays;

  @Option(
      names = "--max-future-minutes",
      defaultValue = "5",
      description =
          "how far ahead of the server clock an event's time may be (default: ${DEFAULT-VALUE} minutes)")
  long maxFutureMinutes;

  @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)")
  String db;

  @Override
  public Integer call() {
    String kid = keyId == null || keyId.isEmpty() ? coordinatorId + "-1" : keyId;
    var g =
        new App.Genesis(
            origin,
            coordinatorId,
            name,
            kid,
            App.readKey(coordinatorKey),
            maxPastDays,
            maxFutureMinutes);
    Clock clock = Clock.systemUTC();
    try (App app = App.initialise(data, db, g, clock.instant(), clock, new SecureRandom())) {
      System.out.println("initialised " + data + " with origin " + origin);
      System.out.println("genesis entry 0: party " + coordinatorId + ", key " + kid);
      System.out.println("verifier key: " + app.log.verifierKey());
    }
    return 0;
  }
}
