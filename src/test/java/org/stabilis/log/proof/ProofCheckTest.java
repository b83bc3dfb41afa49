package org.stabilis.log.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.merkle.Hash;

/** Offline proofs (SPEC §2.8) against the vectors under src/test/resources/proof. */
class ProofCheckTest {
  private static final SubmissionParser PARSER = new SubmissionParser(new EventCatalogue());

  static String resource(String name) {
    try (InputStream in = ProofCheckTest.class.getResourceAsStream("/proof/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource proof/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Policy policy(String name) throws Exception {
    return Policy.parse(resource(name));
  }

  static Optional<Ed25519PublicKey> key(String name) throws Exception {
    return Optional.of(Ed25519PublicKey.fromSpkiPem(resource(name)));
  }

  @Test
  void theVector_verifiesEveryCheck() throws Exception {
    ProofCheck.Checked c =
        new ProofCheck(policy("policy.txt"), PARSER)
            .check(resource("entry.tlog-proof"), key("reporter.pub"), List.of());
    assertThat(c.index()).isEqualTo(4);
    assertThat(c.size()).isEqualTo(9);
    assertThat(c.event().type()).isEqualTo("incident.reported");
    assertThat(c.checks()).hasSize(5);
    assertThat(String.join("\n", c.checks()))
        .contains("quorum donors met by cosignatures of A, B")
        .contains("inclusion proof of entry 4 in the tree of 9")
        .contains("verified with the given key");
  }

  @Test
  void withoutAKey_theEventSignatureIsSaidNotChecked() throws Exception {
    ProofCheck.Checked c =
        new ProofCheck(policy("policy.txt"), PARSER)
            .check(resource("entry.tlog-proof"), Optional.empty(), List.of());
    assertThat(c.checks().get(4)).contains("not checked").contains("--key");
  }

  @Test
  void theGenesisEntry_carriesTheKeyItsSignatureIsCheckedWith() throws Exception {
    ProofCheck.Checked c =
        new ProofCheck(policy("policy.txt"), PARSER)
            .check(resource("genesis.tlog-proof"), Optional.empty(), List.of());
    assertThat(c.index()).isZero();
    assertThat(c.checks().get(4)).contains("verified with the key the entry itself registers");
  }

  @Test
  void everyMutation_isRefusedNamingWhatFailed() throws Exception {
    int n = 0;
    for (String line : resource("mutations.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\\|");
      String name = f[0].strip();
      String[] op = f[1].strip().split("\\s+");
      String what = f[2].strip();
      String words = f[3].strip();
      String proof = resource("entry.tlog-proof");
      Policy policy = policy("policy.txt");
      Optional<Ed25519PublicKey> key = key("reporter.pub");
      switch (op[0]) {
        case "hash-bit" ->
            proof =
                hashBit(
                    proof,
                    Integer.parseInt(op[1]),
                    Integer.parseInt(op[2]),
                    Integer.parseInt(op[3]));
        case "extra-byte" -> proof = extraByte(proof, Integer.parseInt(op[1]), op[2].charAt(0));
        case "drop-line" -> proof = mapLines(proof, l -> l.startsWith(sp(op[1])) ? null : l);
        case "replace-line" -> proof = mapLines(proof, l -> l.equals(sp(op[1])) ? sp(op[2]) : l);
        case "sig-bit" ->
            proof =
                mapLines(
                    proof, l -> l.startsWith(sp(op[1])) ? sigBit(l, Integer.parseInt(op[2])) : l);
        case "header" -> proof = mapLines(proof, l -> l.equals(TlogProof.HEADER) ? op[1] : l);
        case "policy" -> policy = policy(op[1]);
        case "key" -> key = key(op[1]);
        default -> throw new AssertionError("unknown operation " + op[0] + " in mutation " + name);
      }
      assertThat(proof)
          .as(name + " changes something")
          .isNotEqualTo(
              op[0].equals("policy") || op[0].equals("key") ? null : resource("entry.tlog-proof"));
      String mutated = proof;
      Policy p = policy;
      Optional<Ed25519PublicKey> k = key;
      assertThatThrownBy(() -> new ProofCheck(p, PARSER).check(mutated, k, List.of()))
          .as(name)
          .isInstanceOfSatisfying(
              ProofCheck.Failure.class,
              e -> {
                assertThat(e.what()).as(name + ": " + e.getMessage()).isEqualTo(what);
                assertThat(e.getMessage()).as(name).contains(words);
              });
      n++;
    }
    assertThat(n).isEqualTo(16);
  }

  @Test
  void aDisclosure_isCheckedAgainstTheDigestsOfTheEntry() throws Exception {
    // RFC 9901 §5.1's example disclosure and its digest.
    assertThat(
            ProofCheck.digest(
                "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"))
        .isEqualTo("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
    assertThatThrownBy(() ->
            new ProofCheck(policy("policy.txt"), PARSER)
                .check(
                    resource("entry.tlog-proof"),
                    key("reporter.pub"),
                    List.of(
                        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0")))
        .isInstanceOfSatisfying(
            ProofCheck.Failure.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "disclosure: disclosure 1 has digest X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0, which the entry's _sd cannot list: the entry conceals nothing"));
  }

  @Test
  void aProof_roundTripsThroughItsText() {
    TlogProof p = TlogProof.parse(resource("entry.tlog-proof"));
    assertThat(p.text()).isEqualTo(resource("entry.tlog-proof"));
    assertThatThrownBy(
            () -> TlogProof.parse(resource("entry.tlog-proof").replace("index 4", "index 04")))
        .hasMessageContaining("line 3");
  }

  private static String sp(String s) {
    return s.replace('_', ' ');
  }

  private static String mapLines(String text, java.util.function.UnaryOperator<String> f) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      String m = f.apply(l);
      if (m != null) out.add(m);
    }
    return String.join("\n", out);
  }

  private static String hashBit(String text, int lineNo, int b, int bit) {
    String[] lines = text.split("\n", -1);
    byte[] h = Hash.fromBase64(lines[lineNo - 1]).bytes();
    h[b] ^= (byte) (1 << bit);
    lines[lineNo - 1] = Base64s.encode(h);
    return String.join("\n", lines);
  }

  private static String extraByte(String text, int offset, char c) {
    return mapLines(
        text,
        l -> {
          if (!l.startsWith("extra ")) return l;
          byte[] d = Base64.getDecoder().decode(l.substring(6));
          d[offset] = (byte) c;
          return "extra " + Base64s.encode(d);
        });
  }

  private static String sigBit(String line, int b) {
    int sp = line.lastIndexOf(' ');
    byte[] sig = Base64.getDecoder().decode(line.substring(sp + 1));
    sig[b] ^= 1;
    return line.substring(0, sp + 1) + Base64s.encode(sig);
  }
}
