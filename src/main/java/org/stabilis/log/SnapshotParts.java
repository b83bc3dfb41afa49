package org.stabilis.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way to put several named parts into one snapshot and take them out again: the log's snapshot
 * holds a part per top-level projection, and a projection that wraps others (the corrections) holds
 * a part per wrapped one, each under its {@link Snapshotting#snapshotName}.
 *
 * <p>The format: a version byte, the number of parts, then for each its name (modified UTF-8, as
 * {@link DataOutputStream#writeUTF}), its length and its bytes; nothing after the last part.
 */
public final class SnapshotParts {
  private static final int VERSION = 1;

  private SnapshotParts() {}

  /** {@code parts} as one byte string, in their iteration order. */
  public static byte[] write(Map<String, byte[]> parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(parts.size());
      for (Map.Entry<String, byte[]> p : parts.entrySet()) {
        out.writeUTF(p.getKey());
        out.writeInt(p.getValue().length);
        out.write(p.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write snapshot parts", e); // in memory: never
    }
    return bytes.toByteArray();
  }

  /**
   * The parts {@link #write} wrote, in order.
   *
   * @throws IllegalArgumentException if {@code bytes} are not parts this code wrote
   */
  public static Map<String, byte[]> read(byte[] bytes) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION)
        throw new IllegalArgumentException(
            "snapshot parts of format " + version + "; this code reads format " + VERSION);
      int n = in.readInt();
      if (n < 0) throw new IllegalArgumentException("snapshot parts: negative count " + n);
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int len = in.readInt();
        if (len < 0 || len > in.available())
          throw new IllegalArgumentException(
              "snapshot part \""
                  + name
                  + "\" claims "
                  + len
                  + " bytes; "
                  + in.available()
                  + " left");
        if (parts.put(name, in.readNBytes(len)) != null)
          throw new IllegalArgumentException("snapshot part \"" + name + "\" appears twice");
      }
      if (in.available() != 0)
        throw new IllegalArgumentException(
            "snapshot parts: " + in.available() + " bytes after the last part");
    } catch (EOFException e) {
      throw new IllegalArgumentException("snapshot parts end early", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("snapshot parts cannot be read: " + e.getMessage(), e);
    }
    return parts;
  }
}
