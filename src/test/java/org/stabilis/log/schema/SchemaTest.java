package org.stabilis.log.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stabilis.log.canonical.StrictJson;

class SchemaTest {
  private static final Schema TEXT = Schema.text(4000);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "contact the unit commander at someone@example.org",
        "call +972 50 123 4567 for access",
        "phone +20.100.555.0101",
        "reported by informant +441632960961"
      })
  void freeText_carryingAnEmailOrPhoneNumber_isRefusedAsPersonalData(String s) {
    Schema.Problem p = TEXT.check(TextNode.valueOf(s), "event.body.summary");
    assertThat(p).isNotNull();
    assertThat(p.path()).isEqualTo("event.body.summary");
    assertThat(p.message()).contains("no personal data");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10,000-20,000 fighters remain (reported)",
        "40 t per truck; 2025-11-13; 31.221, 34.271",
        "UNSCR 2803 (2025) para 7",
        "jpost.com article-873108 (7 Nov 2025)",
        "+5 trucks compared with the day before"
      })
  void ordinaryText_withNumbersAndDates_isAccepted(String s) {
    assertThat(TEXT.check(TextNode.valueOf(s), "event.body.summary")).isNull();
  }

  @Test
  void unknownFields_areNamedWithTheirPath() {
    Schema s = Schema.object().req("id", Schema.id()).build();
    var node = StrictJson.mapper().createObjectNode().put("id", "a").put("extra", 1);
    assertThat(s.check(node, "event.body"))
        .isEqualTo(new Schema.Problem("event.body.extra", "unknown field"));
  }
}
