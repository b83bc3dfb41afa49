package org.stabilis.incident;

import java.util.List;

/**
 * What the dashboard and other modules may read of incidents; read under {@code LogService.read}.
 */
public interface IncidentView {
  /** Incidents in log order that pass {@code f} ({@code to} exclusive). */
  List<IncidentLog.Incident> list(IncidentLog.Filter f);

  /**
   * At most {@code limit} incidents that pass {@code f}, newest first, below log index {@code
   * beforeIndex}.
   */
  List<IncidentLog.Incident> newest(IncidentLog.Filter f, long beforeIndex, int limit);

  /** How many incidents were reported. */
  int count();
}
