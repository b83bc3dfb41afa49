package org.stabilis.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.merkle.Hash;

class CheckpointTest {
  private static final String ORIGIN = "stabilis.example/log";

  static String resource(String name) throws IOException {
    try (InputStream in = CheckpointTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Ed25519PrivateKey logKey() throws Exception {
    return Ed25519PrivateKey.fromPkcs8Pem(resource("/checkpoint/log-private.pem"));
  }

  static Hash hash(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return Hash.of(b);
  }

  @Test
  void bodyFormatAndParse() {
    Checkpoint cp = new Checkpoint(ORIGIN, 42, hash(7));
    assertThat(cp.body()).isEqualTo(ORIGIN + "\n42\n" + Base64s.encode(hash(7).bytes()) + "\n");
    assertThat(Checkpoint.parseBody(cp.body())).isEqualTo(cp);
    assertThat(Checkpoint.parseBody(new Checkpoint(ORIGIN, 0, hash(0)).body()).size()).isZero();
    Checkpoint max = new Checkpoint(ORIGIN, Long.MAX_VALUE, hash(1));
    assertThat(Checkpoint.parseBody(max.body())).isEqualTo(max);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "o\n1\n",
        "o\n1\nAAAA\n",
        "o\n01\nROOT\n",
        "o\n-1\nROOT\n",
        "o\n+1\nROOT\n",
        "o\n 1\nROOT\n",
        "o\n1\nROOT",
        "o\n1\nROOT\next\n",
        "o\n1\nROOT\n\n",
        "\n1\nROOT\n",
        "o o\n1\nROOT\n",
        "o+x\n1\nROOT\n",
        "o\n9223372036854775808\nROOT\n",
        "o\n1\nROOT_URLSAFE\n",
        "o\n1\nROOT_UNPADDED\n"
      })
  void rejectsBadBodies(String template) {
    String root = Base64s.encode(hash(0xfb).bytes());
    String body =
        template
            .replace("ROOT_URLSAFE", root.replace('+', '-').replace('/', '_'))
            .replace("ROOT_UNPADDED", root.substring(0, root.length() - 1))
            .replace("ROOT", root);
    assertThatThrownBy(() -> Checkpoint.parseBody(body))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void originValidation() {
    for (String bad : new String[] {"", "a b", "a+b", "a\tb", "a\u00a0b", "a\u2003b", "a\nb"}) {
      assertThatThrownBy(() -> new Checkpoint(bad, 1, hash(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, -1, hash(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Checkpoint("ünïcode.example/λog", 1, hash(1)).origin())
        .isEqualTo("ünïcode.example/λog");
  }

  @Test
  void signAndVerifyRoundTrip() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
    NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
    Checkpoint cp = new Checkpoint(ORIGIN, 12345, hash(3));
    String note = signer.sign(cp.body());
    assertThat(note).startsWith(cp.body() + "\n\u2014 " + ORIGIN + " ").endsWith("\n");
    assertThat(verifier.verify(note)).isEqualTo(cp.body());
    assertThat(verifier.verifyCheckpoint(note)).isEqualTo(cp);
  }

  @Test
  void keyIdPinnedAgainstSha256sum() throws Exception {
    // log-verifier-key.txt was computed with openssl + sha256sum, independently of this code.
    String expected = resource("/checkpoint/log-verifier-key.txt").strip();
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    assertThat(signer.verifierKey()).isEqualTo(expected);
    assertThat(expected).contains("+b0ccdf59+");
    assertThat(NoteVerifier.parse(expected).publicKey()).isEqualTo(logKey().publicKey());
  }

  @Test
  void verifiesHandmadeCheckpointSignedByOpenssl() throws Exception {
    // handmade-checkpoint.txt: body written with printf, signed with `openssl pkeyutl -rawin`.
    String note = resource("/checkpoint/handmade-checkpoint.txt");
    NoteVerifier v = NoteVerifier.parse(resource("/checkpoint/log-verifier-key.txt").strip());
    Checkpoint cp = v.verifyCheckpoint(note);
    assertThat(cp.origin()).isEqualTo(ORIGIN);
    assertThat(cp.size()).isEqualTo(42);
    assertThat(Base64s.encode(cp.root().bytes()))
        .isEqualTo("KQvSPuWeT0sqswwA7kEZQEjkaIxdKA7WQa4zD4QeCak=");
    // Ed25519 is deterministic: our signer produces the very same note.
    assertThat(new NoteSigner(ORIGIN, logKey()).sign(cp.body())).isEqualTo(note);
  }

  @Test
  void rejectsTamperedBody() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    NoteVerifier v = NoteVerifier.parse(signer.verifierKey());
    String note = signer.sign(new Checkpoint(ORIGIN, 42, hash(9)).body());
    String tampered = note.replaceFirst("\n42\n", "\n43\n");
    assertThatThrownBy(() -> v.verify(tampered))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("bad signature");
  }

  @Test
  void rejectsTamperedSignature() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    NoteVerifier v = NoteVerifier.parse(signer.verifierKey());
    String note = signer.sign("hello\n");
    int start = note.lastIndexOf(' ') + 1;
    byte[] blob = Base64s.decodeStrict(note.substring(start, note.length() - 1));
    blob[10] ^= 1;
    String tampered = note.substring(0, start) + Base64s.encode(blob) + "\n";
    assertThatThrownBy(() -> v.verify(tampered))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("bad signature");
    // A truncated signature from the matching key is a bad signature, not an ignored line.
    String shortSig = note.substring(0, start) + Base64s.encode(Arrays.copyOf(blob, 20)) + "\n";
    assertThatThrownBy(() -> v.verify(shortSig))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("bad signature");
  }

  @Test
  void rejectsWrongKey() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    NoteSigner other = new NoteSigner(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
    String note = other.sign("hello\n");
    assertThatThrownBy(() -> NoteVerifier.parse(signer.verifierKey()).verify(note))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("no signature by key");
    // Same key under a different name: also unknown.
    NoteSigner renamed = new NoteSigner("other.example/log", logKey());
    assertThatThrownBy(
            () -> NoteVerifier.parse(signer.verifierKey()).verify(renamed.sign("hello\n")))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("no signature by key");
  }

  @Test
  void acceptsExtraForeignSignatures() throws Exception {
    NoteSigner log = new NoteSigner(ORIGIN, logKey());
    NoteSigner witness =
        new NoteSigner("witness.example/w1", Ed25519PrivateKey.generate(new SecureRandom()));
    String body = new Checkpoint(ORIGIN, 5, hash(5)).body();
    String logNote = log.sign(body);
    String witnessLine = witness.sign(body).substring(body.length() + 1);
    String both = logNote + witnessLine;
    String reversed = body + "\n" + witnessLine + logNote.substring(body.length() + 1);
    for (String n : new String[] {both, reversed}) {
      assertThat(NoteVerifier.parse(log.verifierKey()).verifyCheckpoint(n).size()).isEqualTo(5);
      assertThat(NoteVerifier.parse(witness.verifierKey()).verify(n)).isEqualTo(body);
    }
    // A foreign line with a garbage signature is ignored (unknown key), not an error.
    String garbage =
        logNote + "\u2014 someone.else " + Base64s.encode(new byte[] {1, 2, 3, 4, 5}) + "\n";
    assertThat(NoteVerifier.parse(log.verifierKey()).verify(garbage)).isEqualTo(body);
  }

  @Test
  void rejectsMalformedNotes() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    NoteVerifier v = NoteVerifier.parse(signer.verifierKey());
    String note = signer.sign("hello\n");
    assertThatThrownBy(() -> v.verify(note.substring(0, note.length() - 1)))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("newline");
    assertThatThrownBy(() -> v.verify(note.replace("\n\n", "\n")))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("blank line");
    assertThatThrownBy(() -> v.verify(note.replace("\u2014", "--")))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("malformed signature line");
    assertThatThrownBy(
            () -> v.verify(note.replace("\u2014 " + ORIGIN + " ", "\u2014 " + ORIGIN + "  ")))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("malformed signature line");
    assertThatThrownBy(() -> v.verify(note + "junk\n"))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("malformed signature line 2");
    assertThatThrownBy(() -> v.verify("hello\r\n" + note.substring(6)))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> v.verify("hel\ud800lo\n" + note.substring(6)))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> v.verify("hello\n\n")).isInstanceOf(NoteException.class);
    assertThatThrownBy(() -> signer.sign("no newline"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.sign("tab\there\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkpointOriginMustMatchKeyName() throws Exception {
    NoteSigner signer = new NoteSigner(ORIGIN, logKey());
    String note = signer.sign(new Checkpoint("other.example/log", 1, hash(1)).body());
    NoteVerifier v = NoteVerifier.parse(signer.verifierKey());
    assertThat(v.verify(note)).startsWith("other.example/log\n");
    assertThatThrownBy(() -> v.verifyCheckpoint(note))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("does not match key name");
    String notCheckpoint = signer.sign("just text\n");
    assertThatThrownBy(() -> v.verifyCheckpoint(notCheckpoint))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("not a valid checkpoint");
  }

  @Test
  void verifierKeyParsing() throws Exception {
    String good = resource("/checkpoint/log-verifier-key.txt").strip();
    int p1 = good.indexOf('+');
    int p2 = good.indexOf('+', p1 + 1);
    String id = good.substring(p1 + 1, p2);
    String keyB64 = good.substring(p2 + 1);
    byte[] typed = Base64s.decodeStrict(keyB64);
    byte[] wrongType = typed.clone();
    wrongType[0] = 0x02;
    String[] bad = {
      "",
      "noplus",
      ORIGIN + "+" + id,
      ORIGIN + "+" + id.toUpperCase() + "+" + keyB64,
      ORIGIN + "+" + "00000000" + "+" + keyB64,
      "other.example+" + id + "+" + keyB64,
      ORIGIN + "+" + id + "+" + Base64s.encode(wrongType),
      ORIGIN + "+" + id + "+" + Base64s.encode(Arrays.copyOf(typed, 32)),
      ORIGIN + "+" + id + "+" + keyB64.substring(0, keyB64.length() - 1),
      "a b+" + id + "+" + keyB64,
      ORIGIN + "+" + id + "+" + keyB64 + "\n",
    };
    for (String k : bad) {
      assertThatThrownBy(() -> NoteVerifier.parse(k))
          .as(k)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new NoteSigner("bad name", logKey()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSigner("a+b", logKey()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // golang.org/x/mod/sumdb/note documentation example (ExampleOpen), also a C2SP reference.
  private static final String PETER_KEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String PETER_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String PETER_NOTE =
      PETER_TEXT
          + "\n"
          + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void goSumdbNoteExample() throws Exception {
    NoteVerifier v = NoteVerifier.parse(PETER_KEY);
    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(v.verify(PETER_NOTE)).isEqualTo(PETER_TEXT);
    // With an extra signature by another key (EnochRoot, from the same Go tests) appended.
    String withEnoch =
        PETER_NOTE
            + "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    assertThat(v.verify(withEnoch)).isEqualTo(PETER_TEXT);
    assertThatThrownBy(() -> v.verify(PETER_NOTE.replace("cryptography", "Cryptography")))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("bad signature");
  }

  @Test
  void c2spSignedNoteSpecExample() throws Exception {
    // c2sp.org/signed-note example key and note.
    NoteVerifier v =
        NoteVerifier.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
    String note =
        "This is an example message.\n\n"
            + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
    assertThat(v.verify(note)).isEqualTo("This is an example message.\n");
  }
}
