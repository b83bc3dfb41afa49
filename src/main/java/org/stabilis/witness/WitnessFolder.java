package org.stabilis.witness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.NoteKey;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.crypto.InvalidKeyException;

/**
 * A witness's data folder (SPEC §2.7): {@code witness-key.pem} (its Ed25519 cosigning key, PKCS#8),
 * optionally {@code witness-ml-dsa-44.seed} (base64 of its ML-DSA-44 seed), and {@code witness.db},
 * its SQLite store holding its name, the logs it witnesses and their latest cosigned checkpoints.
 */
public final class WitnessFolder {
  public static final String KEY_FILE = "witness-key.pem";
  public static final String ML_DSA_FILE = "witness-ml-dsa-44.seed";
  public static final String DB_FILE = "witness.db";

  private WitnessFolder() {}

  public static String jdbcUrl(Path dir) {
    return "jdbc:sqlite:" + dir.resolve(DB_FILE).toAbsolutePath();
  }

  /** True if {@code dir} already holds a witness (a key or a store). */
  public static boolean holdsWitness(Path dir) {
    return Files.exists(dir.resolve(KEY_FILE))
        || Files.exists(dir.resolve(DB_FILE))
        || Files.exists(dir.resolve(ML_DSA_FILE));
  }

  /**
   * Creates a witness in {@code dir}: its Ed25519 cosigning key (and an ML-DSA-44 one from {@code
   * mlDsaSeed}, if given), and an empty store with its name.
   *
   * @return its cosigners, Ed25519 first
   * @throws IllegalArgumentException if {@code dir} already holds a witness
   */
  public static List<Cosigner> create(
      Path dir, String name, Ed25519PrivateKey key, java.util.Optional<byte[]> mlDsaSeed)
      throws IOException {
    if (holdsWitness(dir)) {
      throw new IllegalArgumentException(
          dir + " already holds a witness; a new key and an empty state would allow forks");
    }
    new Cosigner.Ed25519(name, key); // checks the name before anything is written
    Files.createDirectories(dir);
    key.writePkcs8Pem(dir.resolve(KEY_FILE));
    if (mlDsaSeed.isPresent())
      writeSecret(dir.resolve(ML_DSA_FILE), Base64s.encode(mlDsaSeed.get()) + "\n");
    createStore(dir, name);
    return cosigners(dir, name);
  }

  private static void writeSecret(Path file, String text) throws IOException {
    try {
      Files.createFile(
          file,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  private static void createStore(Path dir, String name) {
    try (WitnessStore s = WitnessStore.open(jdbcUrl(dir))) {
      if (!s.putMetaOnce("name", name)) {
        throw new IllegalArgumentException(
            dir + " already holds a witness; a new key and an empty state would allow forks");
      }
    }
  }

  /** The cosigners of the witness in {@code dir}: Ed25519 first, then ML-DSA-44 if present. */
  public static List<Cosigner> cosigners(Path dir, String name) throws IOException {
    List<Cosigner> out = new ArrayList<>();
    try {
      out.add(
          new Cosigner.Ed25519(
              name, Ed25519PrivateKey.fromPkcs8Pem(Files.readString(dir.resolve(KEY_FILE)))));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(dir.resolve(KEY_FILE) + ": " + e.getMessage(), e);
    }
    Path pq = dir.resolve(ML_DSA_FILE);
    if (Files.exists(pq)) {
      out.add(new Cosigner.MlDsa44(name, Base64s.decodeStrict(Files.readString(pq).strip())));
    }
    return out;
  }

  /** Opens the witness in {@code dir} with the logs recorded in its store. */
  public static Witness open(Path dir, WitnessStore store) throws IOException {
    if (!Files.exists(dir.resolve(KEY_FILE))) {
      throw new IllegalArgumentException(
          dir + " holds no witness; run `stabilis witness init --data " + dir + " --name NAME`");
    }
    String name =
        store
            .meta("name")
            .orElseThrow(
                () -> new IllegalArgumentException(dir + ": the witness store has no name"));
    List<NoteKey> logs = store.logKeys().stream().map(NoteKey::parse).toList();
    return new Witness(cosigners(dir, name), logs, store);
  }
}
