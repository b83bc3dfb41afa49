package org.stabilis.cli;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stabilis.App;
import org.stabilis.log.Snapshots;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.web.Auth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve the log, its API and the dashboard.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "data folder made by init")
  Path data;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)")
  String db;

  @Option(
      names = "--witness-policy",
      description =
          "C2SP tlog-policy file: collect cosignatures from its witnesses and serve what its quorum witnessed")
  Path witnessPolicy;

  @Option(
      names = "--witness-interval",
      defaultValue = "10",
      description =
          "at most one checkpoint per witness this often, in seconds (default: ${DEFAULT-VALUE})")
  double witnessInterval;

  @Option(
      names = "--trust-forwarded-proto",
      description =
          "behind a TLS proxy that is the only way in: "
              + "believe its X-Forwarded-Proto header, so that the session cookie is marked Secure")
  boolean trustForwardedProto;

  @Option(
      names = "--snapshot-every",
      defaultValue = "1000",
      description =
          "take a snapshot of the projections every this many entries, and less often when the"
              + " state saved is large (16 entries per KB): start-up and views as of a size replay"
              + " about this many (default: ${DEFAULT-VALUE})")
  long snapshotEvery;

  @Override
  public Integer call() throws Exception {
    Policy policy = witnessPolicy == null ? null : PolicyFiles.read(witnessPolicy);
    App app = Progress.opening(data, db, Snapshots.Settings.DEFAULT.withEvery(snapshotEvery));
    if (policy != null) {
      try {
        app.witness(policy, Duration.ofMillis(Math.round(witnessInterval * 1000)));
      } catch (IllegalArgumentException e) {
        app.close();
        throw new IllegalArgumentException(witnessPolicy + ": " + e.getMessage(), e);
      }
    }
    serve(app, bind, port, null, new Auth.Settings(trustForwardedProto));
    return 0;
  }

  /** Starts the server, prints where it listens, and blocks until the process is stopped. */
  static void serve(App app, String bind, int port, String signIn, Auth.Settings settings)
      throws InterruptedException {
    Javalin web = app.web(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              web.stop();
              app.close();
              stopped.countDown();
            }));
    web.start(bind, port);
    System.out.println("listening on http://" + bind + ":" + web.port());
    if (signIn != null)
      System.out.println("dashboard: http://" + bind + ":" + web.port() + "/?" + signIn);
    System.out.flush();
    stopped.await();
  }
}
