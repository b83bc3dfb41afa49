package org.stabilis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.RuleCode;
import org.stabilis.log.RuleCodes;

/**
 * One owner per wire code (STYLE habit 10): a rejection takes a {@link RuleCode}, so no code can be
 * sent that is not an enum constant; these tests make sure every such enum is registered, that no
 * two share a wire name, and that the README lists exactly what the server sends.
 */
class RuleCodesTest {

  @Test
  void everyRuleCodeOwnerInTheProductIsRegistered() {
    List<String> owners = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.stabilis"))
      if (c.isAssignableTo(RuleCode.class) && !c.isInterface()) owners.add(c.getName());
    assertThat(owners).as("implementations of RuleCode").isNotEmpty();
    assertThat(App.RULES.owners().stream().map(Class::getName).toList())
        .as(
            "owners listed in App.RULES; an unlisted owner's codes would reach clients undocumented")
        .containsExactlyInAnyOrderElementsOf(owners);
  }

  @Test
  void theRegistryHoldsEveryConstantOfEveryOwnerOnce() {
    int constants = App.RULES.owners().stream().mapToInt(o -> o.getEnumConstants().length).sum();
    assertThat(App.RULES.all()).hasSize(constants);
    assertThat(App.RULES.find("no-such-zone")).isPresent();
    for (String gone :
        List.of(
            "unknown-zone", "zone-unknown", "unknown-project", "unknown-pledge", "unknown-item"))
      assertThat(App.RULES.find(gone)).as(gone + " was merged into a no-such-* code").isEmpty();
  }

  enum First implements RuleCode {
    A;

    public String wire() {
      return "same-code";
    }

    public String meaning() {
      return "first meaning";
    }
  }

  enum Second implements RuleCode {
    B;

    public String wire() {
      return "same-code";
    }

    public String meaning() {
      return "second meaning";
    }
  }

  enum ClashesWithTopLevel implements RuleCode {
    C;

    public String wire() {
      return "unknown-party";
    }

    public String meaning() {
      return "would be read as the submitter's unknown-party";
    }
  }

  @Test
  void twoOwnersOfOneCode_areRefusedNamingBoth() {
    assertThatThrownBy(() -> RuleCodes.of(First.values(), Second.values()))
        .hasMessageContaining("same-code")
        .hasMessageContaining("First.A")
        .hasMessageContaining("Second.B");
  }

  @Test
  void aRuleCodeEqualToATopLevelCode_isRefused() {
    assertThatThrownBy(() -> RuleCodes.of(ClashesWithTopLevel.values()))
        .hasMessageContaining("top-level");
  }

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9-]+)` \\|(?: (\\d{3}) \\|)? (.+) \\|$");

  /** The README's tables, in the order written: code, status (top-level only), meaning. */
  private static List<String> table(List<String> lines, String heading) {
    List<String> rows = new ArrayList<>();
    int at = lines.indexOf(heading);
    assertThat(at).as("README has a section " + heading).isNotNegative();
    for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (m.matches())
        rows.add(m.group(1) + (m.group(2) != null ? " " + m.group(2) : "") + " " + m.group(3));
    }
    return rows;
  }

  @Test
  void theReadmeListsEveryCodeWithItsMeaning() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    List<String> top = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) top.add(c.wire() + " " + c.status() + " " + c.meaning());
    List<String> rules = new ArrayList<>();
    for (RuleCode r : App.RULES.all()) rules.add(r.wire() + " " + r.meaning());
    assertThat(table(readme, "### Top-level codes"))
        .as("README table; expected rows:\n" + rowsOf(true))
        .isEqualTo(top);
    assertThat(table(readme, "### Rule codes"))
        .as("README table; expected rows:\n" + rowsOf(false))
        .isEqualTo(rules);
  }

  /** The table rows as the README should have them, printed when it does not. */
  private static String rowsOf(boolean topLevel) {
    StringBuilder b = new StringBuilder();
    if (topLevel)
      for (ErrorCode c : ErrorCode.values())
        b.append("| `")
            .append(c.wire())
            .append("` | ")
            .append(c.status())
            .append(" | ")
            .append(c.meaning())
            .append(" |\n");
    else
      for (RuleCode r : App.RULES.all())
        b.append("| `").append(r.wire()).append("` | ").append(r.meaning()).append(" |\n");
    return b.toString();
  }
}
