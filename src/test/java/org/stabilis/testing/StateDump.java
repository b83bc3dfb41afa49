package org.stabilis.testing;

import java.time.Instant;
import java.util.List;
import org.stabilis.force.ForceProjection;
import org.stabilis.incident.IncidentLog;
import org.stabilis.log.Projection;
import org.stabilis.material.MaterialProjection;
import org.stabilis.reconstruction.Projects;
import org.stabilis.zone.ZoneBook;

/**
 * A text rendering of everything the module projections publish, for comparing two states byte for
 * byte (records render their components; collections keep their order).
 */
public final class StateDump {
  private StateDump() {}

  /** {@code now} fixes the time overdue alerts are computed for. */
  public static String of(List<Projection> modules, Instant now) {
    StringBuilder sb = new StringBuilder();
    for (Projection p : modules) {
      switch (p) {
        case ZoneBook z -> {
          sb.append("zones ").append(z.policy()).append('\n');
          for (ZoneBook.Zone zone : z.zones())
            sb.append(zone.id)
                .append(' ')
                .append(zone.name)
                .append(' ')
                .append(zone.definedAt)
                .append(' ')
                .append(zone.status())
                .append(' ')
                .append(zone.controlHistory())
                .append(' ')
                .append(zone.transitions())
                .append(' ')
                .append(zone.estimates())
                .append(' ')
                .append(z.figures(zone))
                .append('\n');
          sb.append(z.items()).append('\n');
        }
        case IncidentLog i ->
            sb.append("incidents ")
                .append(i.list(new IncidentLog.Filter(null, null, null, null)))
                .append('\n');
        case Projects pr -> {
          sb.append("projects ");
          for (Projects.Project x : pr.all())
            sb.append(x).append(' ').append(pr.gateState(x)).append('\n');
        }
        case ForceProjection f ->
            sb.append("force ")
                .append(f.tasks())
                .append(' ')
                .append(f.activePledges())
                .append(' ')
                .append(f.histories())
                .append('\n');
        case MaterialProjection m ->
            sb.append("materials ")
                .append(m.history())
                .append('\n')
                .append(m.ledger().balances(null, null))
                .append('\n')
                .append(m.ledger().alerts(now))
                .append('\n')
                .append(m.traces())
                .append('\n');
        case org.stabilis.obligation.Obligations o ->
            sb.append("obligations ").append(o.phases()).append('\n');
        case org.stabilis.permit.Permits x ->
            sb.append("permits ")
                .append(x.required())
                .append(' ')
                .append(x.decisionDays())
                .append(' ')
                .append(x.permits())
                .append('\n');
        default -> sb.append(p.getClass().getSimpleName()).append(" (not rendered)\n");
      }
    }
    return sb.toString();
  }
}
