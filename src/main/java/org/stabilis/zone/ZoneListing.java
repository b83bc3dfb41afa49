package org.stabilis.zone;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What readers of the whole picture (the dashboard) may see of zones, beyond the existence and
 * status other modules need: names, controllers, demilitarization figures and status histories.
 * Read under {@code LogService.read}.
 */
public interface ZoneListing extends ZoneView {

  /**
   * A zone as readers see it: its name, status and controller, its demilitarization figures (per
   * category, sorted; their sums; the overall decommissioned share, or null without an estimate)
   * and its status history. A copy: it does not change as the log grows.
   */
  record Summary(
      String id,
      String name,
      Status status,
      String controller,
      long definedAt,
      String source,
      Map<String, ZoneBook.Figures> figures,
      ZoneBook.Figures totals,
      Double share,
      List<ZoneBook.Transition> transitions) {}

  /** Every zone, in the order defined. */
  List<Summary> summaries();

  Optional<Summary> summary(String zoneId);

  /**
   * The status shown for time {@code t}: {@code UNDER_REVIEW} inside an open review's window (SPEC
   * §4 decision rules).
   */
  Optional<Status> statusOn(String zoneId, java.time.Instant t);
}
