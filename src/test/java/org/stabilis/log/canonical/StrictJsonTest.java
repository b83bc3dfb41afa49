package org.stabilis.log.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {
  private static JsonNode parse(String s) throws JsonInputException {
    return StrictJson.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesValidJsonKeepingDecimalPrecision() throws Exception {
    JsonNode n =
        parse("{\"a\":[1,2.50,\"x\"],\"b\":{\"c\":null},\"d\":0.1000000000000000000000001}");
    assertThat(n.get("a").get(1).isBigDecimal()).isTrue();
    assertThat(n.get("d").decimalValue().toPlainString()).isEqualTo("0.1000000000000000000000001");
    assertThat(parse(" 42 ").intValue()).isEqualTo(42);
    assertThat(parse("\"\\ud83d\\ude00\"").textValue()).isEqualTo("😀");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\":1,}                | invalid JSON",
        "{\"a\":1} x               | invalid JSON",
        "{\"a\":1}{}               | invalid JSON",
        "[1] [2]                   | invalid JSON",
        "{\"a\":1,\"a\":2}         | Duplicate field",
        "{\"b\":{\"a\":1,\"a\":1}} | Duplicate field",
        "[NaN]                     | invalid JSON",
        "[Infinity]                | invalid JSON",
        "[-Infinity]               | invalid JSON",
        "[01]                      | invalid JSON",
        "['a']                     | invalid JSON",
        "{a:1}                     | invalid JSON",
        "[1,]                      | invalid JSON",
        "// c                      | invalid JSON",
        "/* c */ 1                 | invalid JSON",
        "\"\\ud800\"               | unpaired UTF-16 surrogate",
        "\"\\udc00\\ud800\"        | unpaired UTF-16 surrogate",
        "{\"k\":[\"a\\ud83d\"]}    | /k/0",
        "{\"\\ude00\":1}           | surrogate",
        "{\"\\ud800x\":1}          | surrogate",
        "``                        | empty",
        "`   `                     | empty",
      })
  void rejects(String json, String messagePart) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void numberWithAnExponentTooLongToRead_isRejectedAsInvalidJson() {
    assertThatThrownBy(
            () -> StrictJson.parse("[90071e992740993300]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("number");
  }

  @Test
  void errorMessagesCarryPosition() {
    assertThatThrownBy(() -> parse("{\n  \"a\": tru\n}"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void nestingLimit() throws Exception {
    parse("[".repeat(64) + "]".repeat(64));
    assertThatThrownBy(() -> parse("[".repeat(65) + "]".repeat(65)))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> parse("{\"a\":".repeat(65) + "1" + "}".repeat(65)))
        .isInstanceOf(JsonInputException.class);
  }

  @Test
  void stringLengthLimit() throws Exception {
    parse("\"" + "a".repeat(1 << 20) + "\"");
    assertThatThrownBy(() -> parse("\"" + "a".repeat((1 << 20) + 1) + "\""))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("length");
    assertThatThrownBy(() -> parse("{\"" + "k".repeat((1 << 20) + 1) + "\":1}"))
        .isInstanceOf(JsonInputException.class);
  }

  @Test
  void numberLengthLimit() throws Exception {
    parse("[" + "9".repeat(100) + "]");
    assertThatThrownBy(() -> parse("[" + "9".repeat(101) + "]"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("length");
    assertThatThrownBy(() -> parse("[0." + "1".repeat(200) + "]"))
        .isInstanceOf(JsonInputException.class);
  }

  @Test
  void rejectsInvalidUtf8WithOffset() {
    byte[][] bad = {
      {'"', (byte) 0xff, '"'}, // invalid byte
      {'"', (byte) 0xc0, (byte) 0x80, '"'}, // overlong NUL
      {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, // encoded surrogate U+D800
      {'"', (byte) 0xe2, (byte) 0x82, '"'}, // truncated sequence
      {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // > U+10FFFF
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> StrictJson.parse(b))
          .isInstanceOf(JsonInputException.class)
          .hasMessageContaining("UTF-8 at byte offset 1");
    }
  }

  @Test
  void rejectsByteOrderMark() {
    byte[] b = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'};
    assertThatThrownBy(() -> StrictJson.parse(b))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("byte-order mark");
  }

  @Test
  void rejectsRawControlCharactersInStrings() {
    assertThatThrownBy(() -> parse("\"a\u0001b\"")).isInstanceOf(JsonInputException.class);
  }

  @Test
  void writerMapperIsSeparateAndWritesIsoDates() throws Exception {
    assertThat(StrictJson.mapper().isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
        .isFalse();
    StrictJson.mapper()
        .configure(
            com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS, false);
    try {
      assertThatThrownBy(() -> parse("1 2")).isInstanceOf(JsonInputException.class);
    } finally {
      StrictJson.mapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }
  }
}
