package org.stabilis.reconstruction;

import java.util.Map;
import java.util.Optional;

/**
 * What other modules may read of reconstruction projects (materials reads it to gate transfers).
 */
public interface ProjectView {

  /**
   * A project: its zone, the implementer that registered it, whether it is approved, and its bill
   * of materials (item code → quantity in the item's base unit).
   */
  record ProjectInfo(
      String id, String zone, String implementer, boolean approved, Map<String, Long> materials) {}

  Optional<ProjectInfo> project(String id);
}
