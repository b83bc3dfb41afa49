package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stabilis.log.canonical.StrictJson;

/** Disclosures and digests as RFC 9901 defines them, checked against the RFC's own examples. */
class DisclosureTest {

  record Vector(String kind, String disclosure, String digest) {}

  static List<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in = DisclosureTest.class.getResourceAsStream("/sdjwt/rfc9901-examples.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.trim().split(" ");
        out.add(new Vector(f[0], f[1], f[2]));
      }
    }
    assertThat(out).hasSize(5);
    return out;
  }

  private static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rfc9901Examples_digestAsTheRfcGivesThem_andDecodeToTheirClaim() throws Exception {
    for (Vector v : vectors()) {
      if (!v.digest().equals("-"))
        assertThat(Disclosure.digest(v.disclosure())).as(v.disclosure()).isEqualTo(v.digest());
      switch (v.kind()) {
        case "property", "variant" -> {
          Disclosure d = Disclosure.parse(v.disclosure());
          assertThat(d.salt()).isEqualTo("_26bc4LT-ac6q2KI6cBW5es");
          assertThat(d.name()).isEqualTo("family_name");
          assertThat(d.value().textValue()).isEqualTo("Möbius");
          assertThat(d.encoded()).isEqualTo(v.disclosure());
          assertThat(d.digest()).isEqualTo(Disclosure.digest(v.disclosure()));
        }
        // RFC 9901 §4.2.2 array-element disclosures are refused here (SPEC §2.10).
        case "element" ->
            assertThatThrownBy(() -> Disclosure.parse(v.disclosure()))
                .isInstanceOf(Disclosure.Invalid.class)
                .hasMessageContaining("array-element");
        default -> throw new AssertionError("unknown vector kind " + v.kind());
      }
    }
  }

  @Test
  void variantsOfOneClaim_haveDistinctDigests_becauseTheDigestIsOverTheStringAsSent()
      throws Exception {
    Set<String> digests = new HashSet<>();
    for (Vector v : vectors())
      if (!v.kind().equals("element")) digests.add(Disclosure.digest(v.disclosure()));
    assertThat(digests).hasSize(4);
  }

  @Test
  void systematicMutations_ofTheRfcDisclosure_areRefusedOrChangeTheDigest() throws Exception {
    String good = vectors().getFirst().disclosure();
    // Padding, the standard alphabet and white space are not base64url without padding.
    for (String bad :
        List.of(
            good + "=",
            good.replace('_', '/'),
            good.substring(0, 10) + "+" + good.substring(11),
            good.substring(0, 20) + " " + good.substring(20),
            good.substring(0, good.length() - 2) + "A"))
      if (!bad.equals(good))
        assertThatThrownBy(() -> Disclosure.parse(bad))
            .as(bad)
            .isInstanceOf(Disclosure.Invalid.class);
    // One character changed anywhere: either refused or a different digest.
    for (int i = 0; i < good.length(); i++) {
      char c = good.charAt(i);
      String m = good.substring(0, i) + (c == 'A' ? 'B' : 'A') + good.substring(i + 1);
      assertThat(Disclosure.digest(m)).isNotEqualTo(Disclosure.digest(good));
    }
  }

  @Test
  void wrongShapes_areRefusedWithAReason() {
    String salt = "_26bc4LT-ac6q2KI6cBW5es";
    record Case(String json, String reason) {}
    for (Case c :
        List.of(
            new Case("{\"salt\":1}", "array"),
            new Case("[\"" + salt + "\", \"a\"]", "array-element"),
            new Case("[\"" + salt + "\", \"a\", 1, 2]", "4 elements"),
            new Case("[1, \"a\", 1]", "salt is not a string"),
            new Case("[\"" + salt.substring(2) + "\", \"a\", 1]", "at least 22"),
            new Case("[\"" + salt.replace('-', '+') + "\", \"a\", 1]", "at least 22"),
            new Case("[\"" + salt + "\", 7, 1]", "name is not a string"),
            new Case("[\"" + salt + "\", \"a\", 1", "JSON")))
      assertThatThrownBy(() -> Disclosure.parse(b64url(c.json())))
          .as(c.json())
          .isInstanceOf(Disclosure.Invalid.class)
          .hasMessageContaining(c.reason());
    // Not UTF-8: a lone continuation byte.
    String notUtf8 =
        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'[', (byte) 0x80, ']'});
    assertThatThrownBy(() -> Disclosure.parse(notUtf8)).hasMessageContaining("UTF-8");
  }

  @Test
  void aSaltOf22Characters_isEnough_andItsUnusedTrailingBitsAreIgnored() throws Exception {
    // The RFC's salt has 23 characters; "…5et" differs from it only in the 2 unused trailing bits.
    for (String salt :
        List.of(
            "AAAAAAAAAAAAAAAAAAAAAA",
            "_26bc4LT-ac6q2KI6cBW5es",
            "_26bc4LT-ac6q2KI6cBW5et",
            "_26bc4LT-ac6q2KI6cBW5esA"))
      assertThat(Disclosure.parse(b64url("[\"" + salt + "\",\"n\",1]")).salt()).isEqualTo(salt);
  }

  @Test
  void conceal_leavesTheFieldsOut_listsSortedDigests_andTheDisclosuresGiveThemBack()
      throws Exception {
    ObjectNode body = StrictJson.mapper().createObjectNode();
    body.put("id", "inc-1").put("summary", "text");
    body.putArray("location").add(34.45).add(31.5);
    Disclosure.Concealment c =
        Disclosure.conceal(body, List.of("location", "summary", "absent"), new SecureRandom());
    assertThat(c.body().has("location")).isFalse();
    assertThat(c.body().has("summary")).isFalse();
    assertThat(c.body().path("id").asText()).isEqualTo("inc-1");
    assertThat(c.disclosures()).hasSize(2);
    List<String> sd = new ArrayList<>();
    c.body().path("_sd").forEach(n -> sd.add(n.asText()));
    assertThat(sd)
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(
            c.disclosures().stream().map(Disclosure::digest).toList());
    for (String s : c.disclosures()) {
      Disclosure d = Disclosure.parse(s);
      assertThat(d.value().toString()).isEqualTo(body.get(d.name()).toString());
      assertThat(Base64.getUrlDecoder().decode(d.salt())).hasSize(Disclosure.SALT_BYTES);
    }
  }
}
