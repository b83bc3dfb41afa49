package org.stabilis.reconstruction;

import java.util.List;

/**
 * What readers of the whole picture (the dashboard) may see of projects, beyond what materials
 * needs: every project and its gate state. Read under {@code LogService.read}.
 */
public interface ProjectListing extends ProjectView {
  /** Every project, in the order registered. */
  List<Projects.Project> all();

  /**
   * The gate state shown to readers: pending, approved, rejected, or frozen (approved, zone now
   * suspended).
   */
  Projects.GateState gateState(Projects.Project p);
}
