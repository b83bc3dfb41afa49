package org.stabilis.force;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the dashboard may ask of force generation: coverage now, what-if answers, the pledges. */
public interface CoverageView {
  /** Coverage of the mandate by the current pledges available by {@code date} (SPEC §4, §5). */
  Coverage current(LocalDate date);

  /**
   * The answer to a what-if asked as {@code {"changes": [...]}}: answered, or refused with a reason
   * a person can act on.
   */
  sealed interface WhatIfReply permits WhatIfAnswer, WhatIfRefused {}

  /** The coverage after hypothetical changes, and the current coverage it is compared with. */
  record WhatIfAnswer(Coverage current, Coverage changed) implements WhatIfReply {}

  record WhatIfRefused(String reason) implements WhatIfReply {}

  /**
   * Answers a what-if, counting the pledges available by {@code date}, without writing anything to
   * the log.
   */
  WhatIfReply whatIf(JsonNode request, LocalDate date);

  /** The pledges in force (not withdrawn); read under {@code LogService.read}. */
  List<Pledge> activePledges();

  /** The capabilities a pledge may offer, with a readable description each. */
  Map<String, String> capabilities();
}
