package org.stabilis.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.merkle.Hash;

class PolicyTest {
  static final String ORIGIN = "stabilis.example/gaza-isf";

  static Ed25519PrivateKey ed(int fill) throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) fill);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  static byte[] seed(int fill) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) fill);
    return s;
  }

  final NoteSigner log;
  final Cosigner w1;
  final Cosigner w2;
  final Cosigner w3;
  final Cosigner pq;
  final Checkpoint cp = new Checkpoint(ORIGIN, 7, CheckpointTest.hash(9));

  PolicyTest() throws Exception {
    log = new NoteSigner(ORIGIN, ed(1));
    w1 = new Cosigner.Ed25519("donors.example/w1", ed(2));
    w2 = new Cosigner.Ed25519("donors.example/w2", ed(3));
    w3 = new Cosigner.Ed25519("guarantor.example/w3", ed(4));
    pq = new Cosigner.MlDsa44("guarantor.example/pq", seed(5));
  }

  String policy(String quorumLines) {
    return "# trust policy\n"
        + "log "
        + log.verifierKey()
        + " http://127.0.0.1:8080\n"
        + "\n"
        + "witness W1 "
        + w1.verifierKey().vkey()
        + " http://127.0.0.1:9001\n"
        + "  witness\tW2 "
        + w2.verifierKey().vkey()
        + "  \n"
        + "witness W3 "
        + w3.verifierKey().vkey()
        + "\n"
        + "witness PQ "
        + pq.verifierKey().vkey()
        + "\n"
        + quorumLines;
  }

  String note(Cosigner... cosigners) {
    String n = log.sign(cp.body());
    for (Cosigner c : cosigners) n += c.cosign(cp.body(), 1_700_000_000L);
    return n;
  }

  @Test
  void nestedGroupsMeetTheQuorumOnlyWithEnoughCosignatures() throws Exception {
    Policy p =
        Policy.parse(
            policy(
                "group donors 2 W1 W2\ngroup guarantors any W3 PQ\n"
                    + "group both all donors guarantors\nquorum both\n"));
    assertThat(p.witnesses())
        .extracting(Policy.Witness::name)
        .containsExactly("W1", "W2", "W3", "PQ");
    assertThat(p.witness("W1").orElseThrow().url()).contains("http://127.0.0.1:9001");
    assertThat(p.groups().get("donors").threshold()).isEqualTo(2);

    Policy.Witnessed met = p.requireQuorum(note(pq, w2, w1));
    // Cosignatures come back in the order of the policy's witness lines.
    assertThat(met.cosignatures())
        .extracting(c -> c.witness().name())
        .containsExactly("W1", "W2", "PQ");
    assertThat(met.cosignatures().get(0).timestamp()).isEqualTo(1_700_000_000L);
    assertThat(met.checkpoint()).isEqualTo(cp);

    Policy.Witnessed shortW = p.verify(note(w1, w3));
    assertThat(shortW.quorumMet()).isFalse();
    Policy.Shortfall s = shortW.shortfall().orElseThrow();
    assertThat(s.group()).isEqualTo("both");
    assertThat(s.innermost()).isEqualTo("donors");
    assertThat(s.message())
        .contains("group both needs 2", "group donors needs 2 of [W1, W2] and has 1 [W1]");
    assertThatThrownBy(() -> p.requireQuorum(note(w1, w3)))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("quorum not met")
        .hasMessageContaining("donors");
  }

  @Test
  void quorumOfOneWitnessAndNone() throws Exception {
    assertThat(Policy.parse(policy("quorum none\n")).requireQuorum(note()).cosignatures())
        .isEmpty();
    Policy single = Policy.parse(policy("quorum W3\n"));
    assertThat(single.verify(note(w1)).shortfall().orElseThrow().message())
        .isEqualTo("witness W3 has not cosigned");
    assertThat(single.requireQuorum(note(w3)).quorumMet()).isTrue();
    assertThat(single.shortfall(Set.of("W3"))).isEmpty();
  }

  @Test
  void unknownSignaturesAreIgnoredButABadKnownOneRejectsTheNote() throws Exception {
    Policy p = Policy.parse(policy("quorum W1\n"));
    Cosigner stranger = new Cosigner.Ed25519("stranger.example/w", ed(9));
    assertThat(p.requireQuorum(note(stranger, w1)).cosignatures()).hasSize(1);
    // Same name and key ID as W1, but a signature by another key: a known key that fails.
    String good = note(w1);
    String forged =
        good.substring(0, good.lastIndexOf('\u2014'))
            + flipLastSignatureByte(good.substring(good.lastIndexOf('\u2014')));
    assertThatThrownBy(() -> p.verify(forged))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("bad signature by witness W1");
  }

  @Test
  void logSignatureIsRequiredAndMustBeThePolicysLog() throws Exception {
    Policy p = Policy.parse(policy("quorum none\n"));
    NoteSigner other = new NoteSigner(ORIGIN, ed(8));
    assertThatThrownBy(() -> p.verify(other.sign(cp.body())))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("no signature by the log key " + ORIGIN);
    NoteSigner elsewhere = new NoteSigner("other.example/log", ed(1));
    assertThatThrownBy(() ->
            p.verify(elsewhere.sign(new Checkpoint("other.example/log", 1, cp.root()).body())))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("not a log of the policy");
    assertThat(p.listsLog(NoteKey.parse(log.verifierKey()))).isTrue();
    assertThat(p.listsLog(NoteKey.parse(other.verifierKey()))).isFalse();
  }

  static String flipLastSignatureByte(String line) {
    String b64 = line.substring(line.lastIndexOf(' ') + 1).trim();
    byte[] blob = Base64.getDecoder().decode(b64);
    blob[blob.length - 1] ^= 1;
    return line.substring(0, line.lastIndexOf(' ') + 1)
        + Base64.getEncoder().encodeToString(blob)
        + "\n";
  }

  /**
   * The cosignature/v1 message rebuilt by hand from tlog-cosignature's text, not from the code
   * under test.
   */
  @Test
  void cosignatureV1SignsTheDocumentedMessage() throws Exception {
    String line = w1.cosign(cp.body(), 1679315147L);
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
    assertThat(blob).hasSize(4 + 8 + 64);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("donors.example/w1\n".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x04);
    sha.update(ed(2).publicKey().raw());
    assertThat(Arrays.copyOf(blob, 4)).isEqualTo(Arrays.copyOf(sha.digest(), 4));
    assertThat(ByteBuffer.wrap(blob, 4, 8).getLong()).isEqualTo(1679315147L);
    String msg = "cosignature/v1\ntime 1679315147\n" + ORIGIN + "\n7\n" + cp.root().base64() + "\n";
    ed(2)
        .publicKey()
        .verify(msg.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 12, blob.length));
    String[] vk = w1.verifierKey().vkey().split("\\+");
    assertThat(vk[0]).isEqualTo("donors.example/w1");
    assertThat(vk[1]).isEqualTo(HexFormat.of().formatHex(Arrays.copyOf(blob, 4)));
    assertThat(Base64.getDecoder().decode(vk[2])[0]).isEqualTo((byte) 0x04);
  }

  /**
   * A cosignature made by openssl from tlog-cosignature's text (see the resource) verifies here.
   */
  @Test
  void aCosignatureMadeWithOpensslVerifies() throws Exception {
    java.util.Map<String, String> v = new java.util.HashMap<>();
    for (String l : CheckpointTest.resource("/checkpoint/openssl-cosignature.txt").split("\n")) {
      if (l.startsWith("#") || l.isBlank()) continue;
      v.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1));
    }
    NoteKey key = NoteKey.parse(v.get("vkey"));
    String body =
        new String(Base64.getDecoder().decode(v.get("body-base64")), StandardCharsets.UTF_8);
    SignedNote.Line line = SignedNote.parseSignatureLines(v.get("line") + "\n").get(0);
    assertThat(line.isBy(key)).isTrue();
    assertThat(key.verify(body, line.signature())).isEqualTo(1_700_000_000L);
    byte[] otherTime = line.signature();
    otherTime[7] ^= 1;
    assertThatThrownBy(() -> key.verify(body, otherTime)).hasMessageContaining("does not verify");
    // The same bytes also verify as a witness of a policy, beside a log signature.
    String note = log.sign(body) + v.get("line") + "\n";
    Policy p =
        Policy.parse("log " + log.verifierKey() + "\nwitness I " + v.get("vkey") + "\nquorum I\n");
    assertThat(p.requireQuorum(note).cosignatures().get(0).timestamp()).isEqualTo(1_700_000_000L);
  }

  @Test
  void mlDsa44CosignatureHasTheDocumentedSizesAndKeyId() throws Exception {
    NoteKey k = pq.verifierKey();
    assertThat(k.type()).isEqualTo((byte) 0x06);
    assertThat(k.publicKey()).hasSize(1312);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("guarantor.example/pq\n".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x06);
    sha.update(k.publicKey());
    assertThat(k.keyId()).isEqualTo(Arrays.copyOf(sha.digest(), 4));
    String line = pq.cosign(cp.body(), 42);
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
    assertThat(blob).hasSize(4 + 8 + 2420);
    assertThat(NoteKey.parse(k.vkey()).verify(cp.body(), Arrays.copyOfRange(blob, 4, blob.length)))
        .isEqualTo(42);
    // The subtree/v1 message commits to the size: the same signature over another size fails.
    String other = new Checkpoint(ORIGIN, 8, cp.root()).body();
    assertThatThrownBy(() -> k.verify(other, Arrays.copyOfRange(blob, 4, blob.length)))
        .hasMessageContaining("does not verify");
  }

  @Test
  void cosignaturesOverExtensionLinesCoverThem() throws Exception {
    String body = cp.body() + "ext line\n";
    String line = w1.cosign(body, 5);
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
    byte[] sig = Arrays.copyOfRange(blob, 4, blob.length);
    assertThat(w1.verifierKey().verify(body, sig)).isEqualTo(5);
    assertThatThrownBy(() -> w1.verifierKey().verify(cp.body(), sig))
        .hasMessageContaining("does not verify");
  }

  @Test
  void verifierKeysRefuseAWrongKeyIdAndUnknownTypes() {
    String vk = w1.verifierKey().vkey();
    String[] parts = vk.split("\\+");
    assertThatThrownBy(() -> NoteKey.parse(parts[0] + "+00000000+" + parts[2]))
        .hasMessageContaining("does not match the key");
    byte[] typed = Base64.getDecoder().decode(parts[2]);
    typed[0] = 0x03;
    assertThatThrownBy(() ->
            NoteKey.parse(
                parts[0] + "+" + parts[1] + "+" + Base64.getEncoder().encodeToString(typed)))
        .hasMessageContaining("unsupported signature type 0x03");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown keyword     | frobnicate x\\nquorum none\\n                     | 1 | unknown keyword
          no quorum           | # only a comment\\n                              | 0 | no quorum line
          two quorums         | quorum none\\nquorum none\\n                     | 2 | second quorum
          undefined quorum    | quorum W9\\n                                     | 1 | quorum W9 is not
          forward reference   | group g any W1\\nwitness W1 $W1\\nquorum g\\n    | 1 | member W1 is not
          threshold too big   | witness W1 $W1\\ngroup g 2 W1\\nquorum g\\n      | 2 | threshold 2 must be
          threshold zero      | witness W1 $W1\\ngroup g 0 W1\\nquorum g\\n      | 2 | threshold 0 must be
          threshold word      | witness W1 $W1\\ngroup g some W1\\nquorum g\\n   | 2 | threshold must be
          member twice        | witness W1 $W1\\ngroup g any W1 W1\\nquorum g\\n | 2 | listed twice
          none as member      | witness W1 $W1\\ngroup g any none\\nquorum g\\n  | 2 | cannot be a group member
          none redefined      | witness none $W1\\nquorum none\\n                | 1 | predefined
          name twice          | witness W1 $W1\\ngroup W1 any W1\\nquorum W1\\n  | 2 | already defined
          duplicate witness   | witness W1 $W1\\nwitness W2 $W1\\nquorum none\\n | 2 | duplicate witness
          duplicate log       | log $LOG\\nlog $LOG\\nquorum none\\n             | 2 | duplicate log
          log key as witness  | witness W1 $LOG\\nquorum none\\n                 | 1 | must be of type 0x04
          witness key as log  | log $W1\\nquorum none\\n                         | 1 | a log key must be
          bad vkey            | log nope\\nquorum none\\n                        | 1 | name+keyid+base64key
          extra item          | log $LOG http://x extra\\nquorum none\\n         | 1 | expected log <vkey>
          empty group         | group g any\\nquorum none\\n                     | 1 | at least one member
          control char        | quorum\\rnone\\n                                 | 1 | control character 0x0d
          """)
  void parseErrorsNameTheLine(String what, String text, int line, String message) throws Exception {
    String policy =
        text.replace("\\n", "\n")
            .replace("\\r", "\r")
            .replace("$W1", w1.verifierKey().vkey())
            .replace("$LOG", log.verifierKey());
    assertThatThrownBy(() -> Policy.parse(policy))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.line()).as(what).isEqualTo(line);
              assertThat(e.getMessage()).as(what).contains(message);
              if (line > 0) assertThat(e.getMessage()).startsWith("line " + line + ": ");
            });
  }

  @Test
  void commentsBlankLinesAndTabsAreAllowed() throws Exception {
    Policy p =
        Policy.parse(
            "\n   # comment\n\t\nwitness W1\t" + w1.verifierKey().vkey() + "\t\n  quorum   W1  \n");
    assertThat(p.quorum()).isEqualTo("W1");
    assertThat(p.logs()).isEmpty();
    assertThat(Hash.of(new byte[32])).isNotNull();
  }
}
