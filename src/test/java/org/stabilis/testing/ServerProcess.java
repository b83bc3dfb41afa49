package org.stabilis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stabilis.App;

/**
 * A `stabilis serve` child process on the test's class path, for tests that kill or multiply
 * servers.
 */
public final class ServerProcess {
  /**
   * Generous: a cold JVM, Flyway and a replay of the log, on a machine shared with other builds.
   */
  private static final Duration STARTUP = Duration.ofMinutes(3);

  public final Process process;

  /** Base URL the server listens on, e.g. http://127.0.0.1:41234. */
  public final String base;

  private ServerProcess(Process process, String base) {
    this.process = process;
    this.base = base;
  }

  /** Starts `serve --data dir --port 0` plus {@code extraArgs} and waits until it listens. */
  public static ServerProcess start(Path dir, List<String> extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--data", dir.toString(), "--port", "0"));
    args.addAll(extraArgs);
    return command(args);
  }

  /**
   * Starts {@code stabilis ARGS...} (a command that prints `listening on URL`) and waits until it
   * listens.
   */
  public static ServerProcess command(List<String> args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                App.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      return new ServerProcess(p, awaitListening(p));
    } catch (Exception | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /**
   * The address from the line `serve` prints once it accepts requests (SPEC, command line). The
   * rest of its output is drained, so the server never blocks on a full pipe.
   */
  private static String awaitListening(Process p) throws Exception {
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("serve-output")
        .start(() -> {
          try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; )
              if (line.startsWith("listening on "))
                listening.complete(line.substring("listening on ".length()).trim());
          } catch (IOException e) {
            listening.completeExceptionally(e);
          }
          if (listening.isDone()) return;
          String exit;
          try {
            exit = Integer.toString(p.waitFor());
          } catch (InterruptedException e) {
            exit = "unknown";
          }
          listening.completeExceptionally(
              new AssertionError("the server exited before listening (exit " + exit + ")"));
        });
    try {
      return listening.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the server did not print \"listening on\" within " + STARTUP.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) throw a;
      throw e;
    }
  }
}
