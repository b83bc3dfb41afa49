package org.stabilis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "keygen",
    description = "Write a new Ed25519 key: FILE (PKCS#8 PEM) and FILE.pub (SPKI PEM).")
final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "private key file to write")
  Path out;

  @Option(names = "--force", description = "overwrite existing files")
  boolean force;

  @Override
  public Integer call() throws IOException {
    Path pub = Path.of(out + ".pub");
    if (!force && (Files.exists(out) || Files.exists(pub)))
      throw new CliException(out + " or " + pub + " exists already; use --force to overwrite");
    Ed25519PrivateKey k = Ed25519PrivateKey.generate(new SecureRandom());
    Files.createDirectories(out.toAbsolutePath().getParent());
    k.writePkcs8Pem(out);
    Files.writeString(pub, k.publicKey().toSpkiPem());
    System.out.println("wrote " + out + " and " + pub);
    System.out.println("public key (base64, for events): " + k.publicKey().base64());
    return 0;
  }
}
