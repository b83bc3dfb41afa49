package org.stabilis.material;

import java.time.Instant;
import java.util.Map;

/**
 * A fact as it was accepted: the log index of its entry ({@code sub} orders the facts of one EPCIS
 * document), the time the party stated, the time the log received it, and the signer. {@code bill}
 * is the project's bill of materials read when the fact was applied (consumptions and inspections
 * only), kept so that a replay "as of" an index needs no other module. {@code epcisId}/{@code
 * epcisOffset} keep the captured EPCIS event's id and time-zone offset.
 */
public record Applied(
    long index,
    int sub,
    Instant time,
    Instant received,
    String party,
    Fact fact,
    Map<String, Long> bill,
    String epcisId,
    String epcisOffset) {}
