package org.stabilis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.checkpoint.PolicyException;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.crypto.InvalidKeyException;
import org.stabilis.log.proof.ProofCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify-proof",
    description = {
      "Check an offline proof with no network: the leaf hash from its extra data, the log's signature and",
      "the quorum of cosignatures under the policy, the inclusion proof, and with --key the event's signature.",
      "Prints the event and what it checked; exit 0 only if all hold."
    })
final class VerifyProofCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      description = "C2SP tlog-policy file naming the log and the witnesses")
  Path policy;

  @Option(
      names = "--key",
      description = "the signing party's public key (SPKI PEM, as `keygen` writes FILE.pub)")
  Path key;

  @Option(
      names = "--disclosure",
      description =
          "a disclosure of a concealed field, checked against the entry's _sd (repeatable)")
  List<String> disclosures = List.of();

  @Parameters(index = "0", paramLabel = "PROOF", description = "the .tlog-proof file")
  Path proof;

  @Override
  public Integer call() throws IOException {
    Policy p;
    try {
      p = Policy.parse(Files.readAllBytes(policy));
    } catch (PolicyException e) {
      throw new CliException(policy + ": " + e.getMessage());
    }
    Optional<Ed25519PublicKey> k = Optional.empty();
    if (key != null) {
      try {
        k = Optional.of(Ed25519PublicKey.fromSpkiPem(Files.readString(key)));
      } catch (InvalidKeyException e) {
        throw new CliException(
            key + " is not an Ed25519 public key in SPKI PEM: " + e.getMessage());
      }
    }
    String text = new String(Files.readAllBytes(proof), StandardCharsets.UTF_8);
    try {
      ProofCheck.Checked c =
          new ProofCheck(p, new SubmissionParser(new EventCatalogue())).check(text, k, disclosures);
      System.out.println("entry " + c.index() + " of the log, in the tree of " + c.size() + ":");
      System.out.println(new String(Jcs.canonicalize(c.event().json()), StandardCharsets.UTF_8));
      for (String line : c.checks()) System.out.println("ok: " + line);
      return 0;
    } catch (ProofCheck.Failure f) {
      System.out.println("FAILED " + f.getMessage());
      return 1;
    }
  }
}
