package org.stabilis.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.stabilis.monitor.Finding;
import org.stabilis.monitor.Monitor;
import org.stabilis.web.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "monitor",
    description = {
      "Mirror a log into DIR and check it: every signature, the tree, every checkpoint against every earlier one,",
      "and the server's views against those rebuilt from the mirror; list entries signed by watched parties.",
      "With --once: one pass, exit 0 only when nothing was found; otherwise a pass every --interval seconds."
    })
final class MonitorCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "server URL, e.g. http://127.0.0.1:8080")
  String url;

  @Option(
      names = "--data",
      required = true,
      description = "the monitor's own folder: mirror, checkpoints seen, findings")
  Path data;

  @Option(
      names = "--token",
      defaultValue = "${env:STABILIS_TOKEN}",
      description = "read token (default: $STABILIS_TOKEN)")
  String token;

  @Option(
      names = "--policy",
      description =
          "C2SP tlog-policy: the log key and the quorum of cosignatures to require "
              + "(default: the log key served at the first pass, kept in DATA/log.vkey)")
  Path policy;

  @Option(
      names = "--watch-party",
      description = "list every entry signed by this party (repeatable)")
  List<String> watch = List.of();

  @Option(names = "--once", description = "one pass, for cron and CI")
  boolean once;

  @Option(
      names = "--interval",
      defaultValue = "60",
      description = "seconds between passes (default 60)")
  long interval;

  @Override
  public Integer call() throws InterruptedException {
    Monitor.Bars bars =
        (task, total) -> {
          ProgressBar bar = Progress.bar(task, total);
          return new Monitor.Bars.Bar() {
            @Override
            public void stepTo(long n) {
              bar.stepTo(n);
            }

            @Override
            public void close() {
              bar.close();
            }
          };
        };
    try (Monitor m =
        new Monitor(
            new Monitor.Settings(
                url,
                data,
                token,
                policy,
                new LinkedHashSet<>(watch),
                Clock.systemUTC(),
                bars,
                Page.MAX_LIMIT))) {
      while (true) {
        Monitor.Report r = m.run();
        for (String w : r.watched()) System.out.println("watched " + w);
        for (Finding f : r.findings()) System.out.print("FOUND " + f.text());
        if (r.findings().isEmpty())
          System.out.println(
              "OK: "
                  + r.size()
                  + " entries mirrored and checked; checkpoints consistent; "
                  + Monitor.VIEWS.size()
                  + " views equal to the mirror's");
        System.out.flush();
        if (once) return r.findings().isEmpty() ? 0 : 1;
        Thread.sleep(interval * 1000);
      }
    }
  }
}
