package org.stabilis.cli;

import java.nio.file.Path;
import java.time.Clock;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stabilis.App;

/** Progress bars for long work, on stderr so stdout stays machine-readable. */
public final class Progress {
  private Progress() {}

  public static ProgressBar bar(String task, long total) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** Opens a data folder, showing the replay of a large log as a progress bar. */
  static App opening(Path data, String db) {
    ProgressBar[] bar = {null};
    try {
      return App.open(
          data,
          db,
          Clock.systemUTC(),
          n -> {
            if (n >= 50_000 && bar[0] == null) bar[0] = bar("replaying log", -1);
            if (bar[0] != null) bar[0].stepTo(n);
          });
    } finally {
      if (bar[0] != null) bar[0].close();
    }
  }
}
