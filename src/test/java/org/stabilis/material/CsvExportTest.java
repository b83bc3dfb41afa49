package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.testing.TestLog;

/**
 * Spreadsheet formulas written into the log come out of every CSV export as inert text (OWASP CSV
 * injection), while numbers stay numbers and the HXL hashtag row stays as HXL tools read it.
 */
class CsvExportTest {
  @TempDir Path dir;

  static final List<String> FORMULAS =
      List.of(
          "=HYPERLINK(\"http://example.invalid\",\"open\")",
          "+1+cmd|' /C calc'!A0",
          "-2+3",
          "@SUM(A1:A9)",
          "\t=1+1",
          "\r=1+1");

  @Test
  void everyExportedCell_thatASpreadsheetWouldRun_isQuotedAsText_andTheHashtagRowIsIntact()
      throws Exception {
    try (TestLog log = TestLog.create(dir)) {
      EventSigner logistics = log.register("logi", "logistics");
      ObjectNode crossing =
          TestLog.obj().put("id", "n-cross").put("kind", "crossing").put("name", "Crossing");
      crossing.putArray("location").add(34.27).add(31.23);
      log.accept(log.coordinator, "node.defined", crossing);
      ObjectNode store =
          TestLog.obj().put("id", "n-store").put("kind", "warehouse").put("name", "Store");
      store.putArray("location").add(34.30).add(31.30);
      log.accept(log.coordinator, "node.defined", store);
      for (int i = 0; i < FORMULAS.size(); i++) {
        String code = "item-" + i;
        log.accept(
            log.coordinator,
            "material.item-defined",
            TestLog.obj()
                .put("code", code)
                .put("name", FORMULAS.get(i))
                .put("unit", "kg")
                .put("dual_use", false));
        log.accept(
            logistics,
            "material.entered",
            TestLog.obj()
                .put("consignment", "c-" + i)
                .put("item", code)
                .put("quantity", 10)
                .put("crossing", "n-cross")
                .put("to", "n-store"));
        log.accept(
            logistics,
            "material.loss-reported",
            TestLog.obj()
                .put("at", "n-store")
                .put("item", code)
                .put("quantity", 5)
                .put("cause", FORMULAS.get(i)));
      }
      Javalin web = log.app.web().start("127.0.0.1", 0);
      try {
        String token = log.app.tokens.issue("coord", log.app.clock.instant(), new SecureRandom());
        for (String export : List.of("balance.csv", "alerts.csv")) {
          HttpResponse<String> r =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:" + web.port() + "/api/v1/materials/" + export))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(export + ": " + r.body()).isEqualTo(200);
          List<List<String>> rows = parse(r.body());
          // The header, the hashtags, and (for the balance) a row per item.
          assertThat(rows.size())
              .as(export + " rows")
              .isGreaterThanOrEqualTo(export.equals("balance.csv") ? 2 + FORMULAS.size() : 2);
          assertThat(rows.get(1)).as(export + " HXL hashtag row").allMatch(c -> c.startsWith("#"));
          List<String> cells = new ArrayList<>();
          for (List<String> row : rows.subList(2, rows.size())) cells.addAll(row);
          for (String c : cells)
            assertThat(c.isEmpty() || "=+-@\t\r".indexOf(c.charAt(0)) < 0 || c.matches("-?[0-9]+"))
                .as(export + " cell " + c.replace("\r", "\\r").replace("\t", "\\t"))
                .isTrue();
          if (export.equals("balance.csv"))
            for (String f : FORMULAS) assertThat(cells).as("item name " + f).contains("'" + f);
        }
      } finally {
        web.stop();
      }
    }
  }

  /** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') quoted = false;
        else f.append(c);
      } else if (c == '"') quoted = true;
      else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else f.append(c);
    }
    return rows;
  }
}
