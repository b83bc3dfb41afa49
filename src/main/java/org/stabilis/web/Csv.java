package org.stabilis.web;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The one CSV writer of every export: RFC 4180 fields, and no cell that a spreadsheet would run as
 * a formula (OWASP "CSV Injection"): a cell beginning with {@code = + - @}, a tab or a carriage
 * return gets a leading single quote, unless it is a plain number. HXL hashtag rows begin with
 * {@code #} and pass unchanged.
 */
public final class Csv {
  private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");

  private Csv() {}

  /** A cell as written: neutralised, then quoted when it holds a comma, quote or line break. */
  public static String cell(String value) {
    String f = value == null ? "" : value;
    if (!f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0 && !NUMBER.matcher(f).matches())
      f = "'" + f;
    if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)
      return '"' + f.replace("\"", "\"\"") + '"';
    return f;
  }

  /** Appends one record, CRLF-terminated (RFC 4180 §2). */
  public static void row(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(cell(fields[i]));
    }
    sb.append("\r\n");
  }

  /** Answers with {@code body} as a CSV download named {@code name}. */
  public static void send(Context ctx, String name, String body) {
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.result(body);
  }
}
