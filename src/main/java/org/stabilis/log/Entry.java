package org.stabilis.log;

import java.time.Instant;
import org.stabilis.log.merkle.Hash;

/** An entry of the log: its index, the exact leaf data bytes, and the decoded event. */
public record Entry(long index, Event event, Instant received, byte[] leafData, Hash leafHash) {}
