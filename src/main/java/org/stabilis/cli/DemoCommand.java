package org.stabilis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.stabilis.demo.DemoScenario;
import org.stabilis.demo.DemoWitnesses;
import org.stabilis.web.Auth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description = "Load the illustrative demo scenario into a fresh data folder and serve it.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "address (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--data", description = "data folder to create (default: a new temporary folder)")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : Files.createTempDirectory("stabilis-demo-");
    if (data != null && Files.isDirectory(data) && Files.list(data).findAny().isPresent())
      throw new CliException(data + " is not empty; the demo needs a fresh folder");
    System.err.println("loading the demo scenario into " + dir + " ...");
    SecureRandom random = new SecureRandom();
    var loaded = DemoScenario.load(dir, Clock.systemUTC(), random);
    System.out.println(
        "demo data: "
            + dir
            + " ("
            + loaded.app().log.size()
            + " entries; party keys in "
            + loaded.keysDir()
            + ")");
    DemoWitnesses witnesses =
        DemoWitnesses.start(dir, loaded.app().log.verifierKey(), Clock.systemUTC(), random);
    loaded.app().witness(witnesses.policy, Duration.ofSeconds(2));
    witnesses.describe().forEach(w -> System.out.println("witness " + w));
    System.out.println("witness policy: " + witnesses.policyFile);
    loaded
        .tokens()
        .forEach((party, token) -> System.out.println("token for " + party + ": " + token));
    ServeCommand.serve(
        loaded.app(),
        bind,
        port,
        "token=" + loaded.tokens().get(DemoScenario.COORDINATOR),
        Auth.Settings.DEFAULT);
    return 0;
  }
}
