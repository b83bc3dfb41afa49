package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stabilis.App;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Role;
import org.stabilis.force.Eligibility;
import org.stabilis.force.Readiness;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.RuleCode;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.obligation.ObligationView;
import org.stabilis.reconstruction.Projects;
import org.stabilis.zone.ZoneView;

/**
 * The workstation and the dashboard speak English, Arabic and Hebrew: every message the scripts and
 * the panels use, every label of the catalogue (types, fields, values, roles), every value the
 * panels show by its label, and every rule code the log can refuse with, exists in all three
 * resource files.
 */
class WorkstationMessagesTest {
  private static final List<String> SCRIPTS =
      List.of("workstation.js", "forms.js", "validate.js", "i18n.js", "queue.js", "receipt.js");

  @Test
  void everyKey_existsInAllThreeLanguages_andNoneIsBlank() throws Exception {
    Map<String, Set<String>> keys = new TreeMap<>();
    for (String lang : Workstation.LANGUAGES) {
      JsonNode m = messages(lang);
      Set<String> k = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        var e = it.next();
        assertThat(e.getValue().isTextual() && !e.getValue().asText().isBlank())
            .as(lang + ": " + e.getKey())
            .isTrue();
        k.add(e.getKey());
      }
      keys.put(lang, k);
    }
    for (String lang : List.of("ar", "he")) {
      assertThat(keys.get(lang))
          .as("keys of " + lang + " missing from en")
          .isSubsetOf(keys.get("en"));
      assertThat(keys.get("en")).as("keys of en missing from " + lang).isSubsetOf(keys.get(lang));
    }
  }

  @Test
  void theCatalogue_everyType_field_value_andRole_hasALabel() throws Exception {
    Set<String> needed = new TreeSet<>();
    for (EventCatalogue.Type t : new EventCatalogue().types().values()) {
      needed.add("type." + t.name());
      labels(Workstation.describe(t.body(), t.name(), null), needed);
    }
    for (Role r : Role.values()) needed.add("role." + r.wire());
    for (ErrorCode c : ErrorCode.values()) needed.add("problem." + c.wire());
    for (String lang : Workstation.LANGUAGES)
      assertThat(keySet(messages(lang))).as(lang).containsAll(needed);
  }

  @Test
  void everyMessageTheScriptsUse_isInTheFiles() throws Exception {
    Set<String> used = new TreeSet<>();
    Pattern literal = Pattern.compile("\\bt\\(\"([a-z0-9.-]+)\"[,)]");
    Pattern check = Pattern.compile("problem\\([^,]+, \"([a-z-]+)\"");
    Pattern state = Pattern.compile("state = \"([a-z]+)\"|state: \"([a-z]+)\"");
    for (String s : SCRIPTS) {
      String js = text("/dashboard/workstation/" + s);
      for (Matcher m = literal.matcher(js); m.find(); ) used.add(m.group(1));
      for (Matcher m = check.matcher(js); m.find(); ) used.add("check." + m.group(1));
      for (Matcher m = state.matcher(js); m.find(); )
        used.add("state." + (m.group(1) != null ? m.group(1) : m.group(2)));
    }
    for (String l : Workstation.LANGUAGES) used.add("lang." + l);
    used.addAll(
        List.of("ws.title", "ws.loading", "page.skip", "page.title", "page.nav", "page.sign-out"));
    for (String panel :
        List.of("workstation", "map", "coverage", "materials", "reconstruction", "integrity"))
      used.add("page.nav." + panel);
    assertThat(used)
        .as("the scan finds the messages")
        .hasSizeGreaterThan(60)
        .contains("check.required", "state.refused");
    for (String lang : Workstation.LANGUAGES)
      assertThat(keySet(messages(lang))).as(lang).containsAll(used);
  }

  @Test
  void everyMessageThePanelsUse_isInTheFiles_inAllThreeLanguages() throws Exception {
    Set<String> used = new TreeSet<>();
    // Keys written out in the panels' Java (Msg.of("..."), h.head("...", "#...")) and in app.js.
    Pattern key =
        Pattern.compile(
            "\"#?((?:dash|page|signin|gate|status|obligation|alert)\\.[a-z0-9.-]+[a-z0-9])\"");
    try (var files = Files.list(Path.of("src/main/java/org/stabilis/dashboard"))) {
      for (Path f : files.toList())
        for (Matcher m = key.matcher(Files.readString(f)); m.find(); ) used.add(m.group(1));
    }
    String app = text("/dashboard/app.js");
    for (Matcher m = Pattern.compile("\\btr\\(\"([a-z0-9.-]+)\"").matcher(app); m.find(); )
      used.add(m.group(1));
    // Keys the panels build from a value: each value's label.
    for (Projects.GateState g : Projects.GateState.values()) used.add("gate." + g.wire());
    for (ZoneView.Status z : ZoneView.Status.values()) used.add("status." + z.wire());
    for (ObligationView.State o : ObligationView.State.values()) used.add("obligation." + o.wire());
    for (Eligibility.Caveat c : Eligibility.Caveat.values()) used.add("field." + c.wire);
    for (Readiness r : Readiness.values()) used.add("value." + r.wire());
    for (String kind : List.of("shortfall", "overdue", "over-consumption"))
      used.add("alert." + kind);
    assertThat(used)
        .as("the scan finds the panels' messages")
        .hasSizeGreaterThan(120)
        .contains(
            "dash.coverage.title", "dash.col.stock", "dash.chart.assigned", "status.verified");
    for (String lang : Workstation.LANGUAGES)
      assertThat(keySet(messages(lang))).as(lang).containsAll(used);
  }

  @Test
  void everyRuleCodeTheLogCanRefuseWith_hasAMessageInAllThreeLanguages() throws Exception {
    Set<String> needed = new TreeSet<>();
    for (RuleCode c : App.RULES.all()) needed.add("rule." + c.wire());
    assertThat(needed).as("the registry's codes").hasSizeGreaterThan(80);
    for (String lang : Workstation.LANGUAGES)
      assertThat(keySet(messages(lang))).as(lang).containsAll(needed);
    // ... and no message for a code the log no longer sends.
    Set<String> rules = new TreeSet<>();
    for (String k : keySet(messages("en"))) if (k.startsWith("rule.")) rules.add(k);
    assertThat(rules).as("rule messages without a registered code").isSubsetOf(needed);
  }

  private static void labels(JsonNode schema, Set<String> out) {
    switch (schema.get("kind").asText()) {
      case "object" ->
          schema
              .get("fields")
              .forEach(f -> {
                out.add("field." + f.get("name").asText());
                labels(f.get("schema"), out);
              });
      case "array" -> labels(schema.get("items"), out);
      case "enum" -> schema.get("values").forEach(v -> out.add("value." + v.asText()));
      default -> {}
    }
  }

  private static Set<String> keySet(JsonNode m) {
    Set<String> k = new TreeSet<>();
    m.fieldNames().forEachRemaining(k::add);
    return k;
  }

  static JsonNode messages(String lang) throws IOException {
    return StrictJson.mapper().readTree(text("/dashboard/workstation/i18n/" + lang + ".json"));
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = WorkstationMessagesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
