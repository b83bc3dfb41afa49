package org.stabilis.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stabilis.App;

/** A `stabilis serve` child process on the test's class path, for tests that kill or multiply servers. */
public final class ServerProcess {
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

  /** Starts {@code stabilis ARGS...} (a command that prints `listening on URL`) and waits until it listens. */
  public static ServerProcess command(List<String> args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), App.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return new ServerProcess(p, awaitListening(p));
  }

  private static String awaitListening(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("listening on ")) return line.substring("listening on ".length()).trim();
    }
    throw new AssertionError("the server exited before listening (exit " + p.waitFor() + ")");
  }
}
