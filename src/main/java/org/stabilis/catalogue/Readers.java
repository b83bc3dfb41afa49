package org.stabilis.catalogue;

/** Who a signed-in party is as a reader: its roles as the log stands when it reads. */
@FunctionalInterface
public interface Readers {
  Reader of(String party);
}
