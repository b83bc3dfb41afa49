package org.stabilis.web;

import io.javalin.http.Context;

/** CSV exports (RFC 4180) with HXL hashtags: the hashtag row follows the header row (HXL 1.1). */
public final class Csv {
  private Csv() {}

  /** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
  public static void row(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) sb.append(',');
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      else sb.append(f);
    }
    sb.append("\r\n");
  }

  /** Answers with {@code body} as a CSV attachment named {@code name}. */
  public static void send(Context ctx, String name, String body) {
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.result(body);
  }
}
