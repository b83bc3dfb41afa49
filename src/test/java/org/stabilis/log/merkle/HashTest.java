package org.stabilis.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class HashTest {

  private static final String EMPTY_SHA256_HEX =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void of_copiesInput_soLaterWritesDoNotLeakIn() {
    byte[] raw = new byte[32];
    Hash hash = Hash.of(raw);
    raw[0] = 1;
    assertThat(hash.bytes()[0]).isZero();
  }

  @Test
  void bytes_returnsCopy_soCallersCannotMutateTheHash() {
    Hash hash = Hash.of(new byte[32]);
    hash.bytes()[0] = 1;
    assertThat(hash.bytes()[0]).isZero();
  }

  @Test
  void of_wrongLength_isRejected() {
    assertThatThrownBy(() -> Hash.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31");
    assertThatThrownBy(() -> Hash.of(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void base64_roundTrips_andIsStandardPadded() {
    Hash hash = Hash.fromHex(EMPTY_SHA256_HEX);
    assertThat(hash.base64()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assertThat(Hash.fromBase64(hash.base64())).isEqualTo(hash);
  }

  @Test
  void fromBase64_badInput_isRejected() {
    String valid = Hash.fromHex(EMPTY_SHA256_HEX).base64();
    assertThatThrownBy(() -> Hash.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64(Base64.getEncoder().encodeToString(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64(valid.substring(0, valid.length() - 1)))
        .as("missing padding")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64(valid.replace("U=", "V=")))
        .as("non-zero trailing bits")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hex_andToString_areLowerCaseHex() {
    Hash hash = Hash.fromHex(EMPTY_SHA256_HEX.toUpperCase());
    assertThat(hash.hex()).isEqualTo(EMPTY_SHA256_HEX);
    assertThat(hash).hasToString(EMPTY_SHA256_HEX);
  }

  @Test
  void equalValues_areEqual_andHashAlike() {
    Hash a = Hash.fromHex(EMPTY_SHA256_HEX);
    Hash b = Hash.of(a.bytes());
    byte[] other = a.bytes();
    other[31] ^= 1;
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Hash.of(other)).isNotEqualTo(null);
  }
}
