package org.stabilis.cli;

import java.nio.file.Path;
import java.time.Clock;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stabilis.App;
import org.stabilis.log.Snapshots;

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
    return opening(data, db, Snapshots.Settings.DEFAULT);
  }

  /**
   * Opens a data folder with these snapshot settings, showing the replay of a large log (the
   * entries after the newest snapshot) as a progress bar.
   */
  static App opening(Path data, String db, Snapshots.Settings snapshots) {
    ProgressBar[] bar = {null};
    try {
      return App.open(
          data,
          db,
          Clock.systemUTC(),
          (n, total) -> {
            if (n >= 50_000 && bar[0] == null) bar[0] = bar("replaying log", total);
            if (bar[0] != null) bar[0].stepTo(n);
          },
          snapshots);
    } finally {
      if (bar[0] != null) bar[0].close();
    }
  }
}
