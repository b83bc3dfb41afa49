package org.stabilis.log.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JcsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static byte[] resource(String name) throws IOException {
    try (InputStream in = JcsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc8785-sec3.2.2", "rfc8785-sec3.2.3-sorting"})
  void rfc8785Examples(String name) throws Exception {
    byte[] input = resource("/jcs/" + name + "-input.json");
    byte[] expected = resource("/jcs/" + name + "-output.json");
    assertThat(new String(Jcs.canonicalize(StrictJson.parse(input)), StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(Jcs.canonicalize(new String(input, StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  static Stream<Arguments> appendixB() throws IOException {
    String csv =
        new String(resource("/jcs/rfc8785-appendixB-numbers.csv"), StandardCharsets.US_ASCII);
    return csv.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> {
          String[] p = l.split(",");
          return Arguments.of(p[0], p[1]);
        });
  }

  @ParameterizedTest
  @MethodSource("appendixB")
  void rfc8785AppendixBNumbers(String hexBits, String expected) throws Exception {
    double d = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(hexBits));
    assertThat(canon(F.numberNode(d))).isEqualTo(expected);
    // Same result when the value arrives as a BigDecimal (StrictJson's representation).
    assertThat(canon(F.numberNode(new BigDecimal(d)))).isEqualTo(expected);
    if (!expected.contains("e")
        && !expected.contains(".")
        && new BigInteger(expected).abs().compareTo(BigInteger.TWO.pow(53)) >= 0) {
      return; // integer syntax beyond I-JSON range is rejected; see below
    }
    // And when it arrives as JSON text in the expected spelling (round trip is stable).
    assertThat(new String(Jcs.canonicalize(expected), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "1E30, 1e+30",
    "4.50, 4.5",
    "2e-3, 0.002",
    "0.000000000000000000000000001, 1e-27",
    "-0, 0",
    "-0.0, 0",
    "1.0, 1",
    "100, 100",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "333333333.33333329, 333333333.3333333",
    "5e-324, 5e-324",
    "0.1, 0.1",
    "9007199254740991, 9007199254740991",
    "-9007199254740991, -9007199254740991",
    "1e-7, 1e-7",
    "1.2345678901234568e20, 123456789012345680000",
  })
  void numbersFromText(String in, String expected) {
    assertThat(new String(Jcs.canonicalize("[" + in + "]"), StandardCharsets.UTF_8))
        .isEqualTo("[" + expected + "]");
  }

  @Test
  void rejectsNonFiniteNumbers() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> Jcs.canonicalize(F.numberNode(d)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite");
    }
    // Overflows a double: a decimal number whose magnitude is beyond 1.8e308.
    assertThatThrownBy(() -> Jcs.canonicalize("[1e400]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void integersBeyondTheSafeRange_canonicalizeAsTheirDouble_soTheFormIsAFixedPoint() {
    // RFC 8785 §3.2.2.3: numbers are IEEE 754 doubles; the submission gate refuses them earlier.
    assertThat(canon(F.numberNode(9007199254740992L))).isEqualTo("9007199254740992");
    assertThat(canon(F.numberNode(-9007199254740993L))).isEqualTo("-9007199254740992");
    assertThat(canon(F.numberNode(BigInteger.TEN.pow(30)))).isEqualTo("1e+30");
    assertThat(
            new String(
                Jcs.canonicalize("{\"n\":111111111111111111111.111}"), StandardCharsets.UTF_8))
        .isEqualTo("{\"n\":111111111111111110000}");
    assertThat(
            new String(Jcs.canonicalize("{\"n\":111111111111111110000}"), StandardCharsets.UTF_8))
        .isEqualTo("{\"n\":111111111111111110000}");
    assertThat(canon(F.numberNode(9007199254740991L))).isEqualTo("9007199254740991");
  }

  @Test
  void stringEscaping() {
    ObjectNode o = F.objectNode();
    o.put("s", "\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u2028é😀");
    assertThat(canon(o))
        .isEqualTo(
            "{\"s\":\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u2028é😀\"}");
    assertThatThrownBy(() -> Jcs.canonicalize(F.textNode("a\ud800b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    ObjectNode bad = F.objectNode();
    bad.put("\udc00", 1);
    assertThatThrownBy(() -> Jcs.canonicalize(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sortsByUtf16CodeUnitsRecursively() {
    // U+FF61 sorts before U+1F600 by code point, but after it by UTF-16 code units
    // (U+1F600 is 0xD83D 0xDE00), which is the order RFC 8785 §3.2.3 requires.
    ObjectNode inner = F.objectNode().put("b", 1).put("a", 2);
    ObjectNode o = F.objectNode();
    o.put("\uff61", 1);
    o.put("\ud83d\ude00", 2);
    o.set("z", F.arrayNode().add(inner).add(F.nullNode()));
    o.put("", true);
    assertThat(canon(o)).isEqualTo("{\"\":true,\"z\":[{\"a\":2,\"b\":1},null],\"😀\":2,\"｡\":1}");
  }

  @Test
  void literalsAndEmptyContainers() {
    assertThat(
            new String(
                Jcs.canonicalize(" [ true , false , null , { } , [ ] , \"\" ] "),
                StandardCharsets.UTF_8))
        .isEqualTo("[true,false,null,{},[],\"\"]");
  }

  @Test
  void rejectsNonJsonNodes() {
    List<JsonNode> bad =
        List.of(
            F.binaryNode(new byte[] {1}),
            F.pojoNode(new Object()),
            com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    for (JsonNode n : bad) {
      assertThatThrownBy(() -> Jcs.canonicalize(n)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void textInputIsParsedStrictly() {
    assertThatThrownBy(() -> Jcs.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(JsonInputException.class);
    assertThatThrownBy(() -> Jcs.canonicalize("[\"\ud800\"]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String canon(JsonNode n) {
    return new String(Jcs.canonicalize(n), StandardCharsets.UTF_8);
  }
}
