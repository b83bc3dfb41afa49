package org.stabilis.log.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64sTest {
  @Test
  void rfc4648Section10Vectors() {
    String[][] v = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}
    };
    for (String[] p : v) {
      assertThat(Base64s.encode(p[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(p[1]);
      assertThat(new String(Base64s.decodeStrict(p[1]), StandardCharsets.US_ASCII)).isEqualTo(p[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zg",
        "Zm8",
        "Zg=",
        "Z===",
        "Zm9v\n",
        " Zm9v",
        "Zm 9v",
        "-_-_",
        "Zm9v_w==",
        "Zh==",
        "Zm9=",
        "Zg==Zg==",
        "=Zg=",
        "Zm9vYg==\r\n"
      })
  void rejectsNonStrictForms(String s) {
    assertThatThrownBy(() -> Base64s.decodeStrict(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("base64:");
  }

  @Test
  void messagesAreSpecific() {
    assertThatThrownBy(() -> Base64s.decodeStrict("ab-_")).hasMessageContaining("URL-safe");
    assertThatThrownBy(() -> Base64s.decodeStrict("Zm8")).hasMessageContaining("multiple of 4");
    assertThatThrownBy(() -> Base64s.decodeStrict("Zm9v\n")).hasMessageContaining("whitespace");
    assertThatThrownBy(() -> Base64s.decodeStrict(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
