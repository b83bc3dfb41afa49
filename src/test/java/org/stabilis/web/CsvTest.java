package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void aCellAspreadsheetWouldRunAsAFormula_getsALeadingQuote() {
    assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(Csv.cell("+1")).isEqualTo("'+1");
    assertThat(Csv.cell("-1+2")).isEqualTo("'-1+2");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    assertThat(Csv.cell("=HYPERLINK(\"x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  }

  @Test
  void numbers_hashtags_andPlainText_passUnchanged() {
    assertThat(Csv.cell("-12")).isEqualTo("-12");
    assertThat(Csv.cell("3.5")).isEqualTo("3.5");
    assertThat(Csv.cell("#item+code")).isEqualTo("#item+code");
    assertThat(Csv.cell("cement, bagged")).isEqualTo("\"cement, bagged\"");
    assertThat(Csv.cell("a=b")).isEqualTo("a=b");
    assertThat(Csv.cell(null)).isEqualTo("");
  }
}
