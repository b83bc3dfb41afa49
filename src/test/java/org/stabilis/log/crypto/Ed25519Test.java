package org.stabilis.log.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  static String resource(String name) throws IOException {
    try (InputStream in = Ed25519Test.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void signVerifyRoundTrip() throws Exception {
    Ed25519PrivateKey sk = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] msg = "hello, log".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sk.sign(msg);
    assertThat(sig).hasSize(64);
    sk.publicKey().verify(msg, sig);
    Ed25519PublicKey again = Ed25519PublicKey.fromRaw(sk.publicKey().raw());
    assertThat(again).isEqualTo(sk.publicKey()).hasSameHashCodeAs(sk.publicKey());
    assertThat(Ed25519PublicKey.fromBase64(sk.publicKey().base64())).isEqualTo(sk.publicKey());
  }

  // RFC 8032 §7.1, TEST 1 to TEST 3: SECRET KEY, PUBLIC KEY, MESSAGE, SIGNATURE.
  @ParameterizedTest
  @CsvSource({
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
        + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,"
        + "'',"
        + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
        + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,"
        + "72,"
        + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
        + "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025,"
        + "af82,"
        + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  })
  void rfc8032TestVectors(String seedHex, String pubHex, String msgHex, String sigHex)
      throws Exception {
    byte[] msg = msgHex == null ? new byte[0] : HEX.parseHex(msgHex);
    Ed25519PrivateKey sk = Ed25519PrivateKey.fromSeed(HEX.parseHex(seedHex));
    assertThat(HEX.formatHex(sk.publicKey().raw())).isEqualTo(pubHex);
    assertThat(HEX.formatHex(sk.sign(msg))).isEqualTo(sigHex);
    Ed25519PublicKey.fromRaw(HEX.parseHex(pubHex)).verify(msg, HEX.parseHex(sigHex));
  }

  @Test
  void rejectsWrongKeyLengths() {
    for (int n : new int[] {0, 31, 33, 64}) {
      assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[n]))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("32 bytes");
      assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(new byte[n]))
          .isInstanceOf(InvalidKeyException.class);
    }
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(null))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void rejectsWrongSignatureLengths() throws Exception {
    Ed25519PrivateKey sk = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] msg = {1, 2, 3};
    byte[] sig = sk.sign(msg);
    for (int n : new int[] {0, 63, 65, 128}) {
      byte[] bad = java.util.Arrays.copyOf(sig, n);
      assertThatThrownBy(() -> sk.publicKey().verify(msg, bad))
          .isInstanceOf(BadSignatureException.class)
          .hasMessageContaining("64 bytes");
    }
    assertThatThrownBy(() -> sk.publicKey().verify(msg, null))
        .isInstanceOf(BadSignatureException.class);
  }

  @Test
  void rejectsNonCanonicalS() throws Exception {
    // RFC 8032 §7.1 TEST 1, with S replaced by S + L (same value mod L: would verify if unchecked).
    byte[] pub = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] sig =
        HEX.parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    byte[] sLe = java.util.Arrays.copyOfRange(sig, 32, 64);
    BigInteger s = new BigInteger(1, reverse(sLe));
    byte[] sPlusL = reverse(toFixed(s.add(L), 32));
    byte[] bad = sig.clone();
    System.arraycopy(sPlusL, 0, bad, 32, 32);
    Ed25519PublicKey key = Ed25519PublicKey.fromRaw(pub);
    key.verify(new byte[0], sig);
    assertThatThrownBy(() -> key.verify(new byte[0], bad))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("non-canonical S");
    // S == L exactly is also rejected.
    byte[] sEqL = sig.clone();
    System.arraycopy(reverse(toFixed(L, 32)), 0, sEqL, 32, 32);
    assertThatThrownBy(() -> key.verify(new byte[0], sEqL))
        .isInstanceOf(BadSignatureException.class);
  }

  // The 8 small-order points of edwards25519 (canonical encodings), then the 6 non-canonical
  // encodings of some of them (y >= p, or x = 0 with the sign bit set); cf. C2SP CCTV ed25519.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      })
  void rejectsSmallOrderAndNonCanonicalPublicKeys(String hex) {
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(HEX.parseHex(hex)))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void rejectsOffCurveAndMixedOrderPublicKeys() throws Exception {
    // y = 2 gives x^2 = 3 / (4d + 1), which is not a square: not on the curve.
    byte[] notOnCurve =
        HEX.parseHex("0200000000000000000000000000000000000000000000000000000000000000");
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(notOnCurve))
        .isInstanceOf(InvalidKeyException.class);
    // A + T2 with T2 = (0, -1) of order 2 is (-x, -y): on the curve, but of order 2L.
    byte[] a = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    Ed25519PublicKey.fromRaw(a);
    BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    byte[] be = reverse(a);
    boolean sign = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    BigInteger y = new BigInteger(1, be);
    byte[] mixed = reverse(toFixed(p.subtract(y), 32));
    if (!sign) {
      mixed[31] |= (byte) 0x80;
    }
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(mixed))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void flippedBitsAreRejected() throws Exception {
    Ed25519PrivateKey sk = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] msg = "append-only".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sk.sign(msg);
    Ed25519PublicKey pk = sk.publicKey();
    for (int bit = 0; bit < msg.length * 8; bit++) {
      byte[] m = msg.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> pk.verify(m, sig)).isInstanceOf(BadSignatureException.class);
    }
    for (int bit = 0; bit < 512; bit++) {
      byte[] s = sig.clone();
      s[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> pk.verify(msg, s)).isInstanceOf(BadSignatureException.class);
    }
    for (int bit = 0; bit < 256; bit++) {
      byte[] k = pk.raw();
      k[bit / 8] ^= (byte) (1 << (bit % 8));
      Ed25519PublicKey other;
      try {
        other = Ed25519PublicKey.fromRaw(k);
      } catch (InvalidKeyException e) {
        continue; // not a valid key at all: fine
      }
      assertThatThrownBy(() -> other.verify(msg, sig)).isInstanceOf(BadSignatureException.class);
    }
  }

  @Test
  void base64IsStrict() throws Exception {
    Ed25519PublicKey pk = Ed25519PrivateKey.generate(new SecureRandom()).publicKey();
    String b64 = pk.base64();
    assertThat(b64).endsWith("=");
    assertThatThrownBy(() -> Ed25519PublicKey.fromBase64(b64.substring(0, 43)))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromBase64(" " + b64))
        .isInstanceOf(InvalidKeyException.class);
    String urlSafe = b64.replace('+', '-').replace('/', '_');
    if (!urlSafe.equals(b64)) {
      assertThatThrownBy(() -> Ed25519PublicKey.fromBase64(urlSafe))
          .isInstanceOf(InvalidKeyException.class);
    }
  }

  @Test
  void pemRoundTrip() throws Exception {
    Ed25519PrivateKey sk = Ed25519PrivateKey.generate(new SecureRandom());
    Ed25519PrivateKey back = Ed25519PrivateKey.fromPkcs8Pem(sk.toPkcs8Pem());
    assertThat(back.publicKey()).isEqualTo(sk.publicKey());
    byte[] msg = {42};
    assertThat(back.sign(msg)).isEqualTo(sk.sign(msg));
    assertThat(Ed25519PublicKey.fromSpkiPem(sk.publicKey().toSpkiPem())).isEqualTo(sk.publicKey());
    assertThat(sk.toString())
        .doesNotContain(sk.toPkcs8Pem().lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void opensslInterop() throws Exception {
    String privPem = resource("/crypto/openssl-private.pem");
    String pubPem = resource("/crypto/openssl-public.pem");
    Ed25519PrivateKey sk = Ed25519PrivateKey.fromPkcs8Pem(privPem);
    Ed25519PublicKey pk = Ed25519PublicKey.fromSpkiPem(pubPem);
    assertThat(sk.publicKey()).isEqualTo(pk);
    // Our encodings are byte-identical to openssl's.
    assertThat(sk.toPkcs8Pem()).isEqualTo(privPem);
    assertThat(pk.toSpkiPem()).isEqualTo(pubPem);
    // Signature made by `openssl pkeyutl -sign -rawin` verifies; Ed25519 is deterministic.
    byte[] msg = resource("/crypto/openssl-message.txt").getBytes(StandardCharsets.UTF_8);
    byte[] sig = Base64s.decodeStrict(resource("/crypto/openssl-message.sig.b64").strip());
    pk.verify(msg, sig);
    assertThat(sk.sign(msg)).isEqualTo(sig);
  }

  @Test
  void pemRejectsOtherForms() throws Exception {
    String pubPem = resource("/crypto/openssl-public.pem");
    String privPem = resource("/crypto/openssl-private.pem");
    assertThatThrownBy(() -> Ed25519PublicKey.fromSpkiPem(privPem))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Ed25519PrivateKey.fromPkcs8Pem(pubPem))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromSpkiPem(pubPem + pubPem))
        .isInstanceOf(InvalidKeyException.class);
    // An X25519 SPKI (OID 1.3.101.110) is not accepted.
    String x25519 =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64s.encode(HEX.parseHex("302a300506032b656e032100" + "09".repeat(32)))
            + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> Ed25519PublicKey.fromSpkiPem(x25519))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("1.3.101.112");
  }

  @Test
  void privateKeyToStringHidesSecret() throws Exception {
    Ed25519PrivateKey sk =
        Ed25519PrivateKey.fromSeed(
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    String s = sk.toString();
    assertThat(s).doesNotContainIgnoringCase("9d61b19d").doesNotContain("nWGxne");
    assertThatCode(sk::publicKey).doesNotThrowAnyException();
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static byte[] toFixed(BigInteger v, int len) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(be.length, len);
    System.arraycopy(be, be.length - copy, out, len - copy, copy);
    return out;
  }
}
