package org.stabilis.log;

import org.stabilis.log.merkle.Hash;

/** The answer to a submission. */
public sealed interface Outcome {

  /** Appended and durably committed at {@code index}; the tree now has {@code size} leaves. */
  record Accepted(long index, Hash leaf, long size) implements Outcome {}

  /** An identical event and signature were accepted before, at {@code index}; nothing appended. */
  record Duplicate(long index, Hash leaf, long size) implements Outcome {}

  record Rejected(Rejection rejection) implements Outcome {}
}
