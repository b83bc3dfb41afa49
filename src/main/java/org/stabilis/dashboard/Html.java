package org.stabilis.dashboard;

/**
 * A small HTML writer that escapes every text and attribute value it is given, so that data from
 * the log (names, summaries, reasons) can never become markup. Only {@link #raw} writes unescaped
 * text, and it is given constants of this package only.
 */
final class Html {
  private final StringBuilder sb = new StringBuilder(8192);

  /**
   * HTML escaping of text and of double-quoted attribute values (HTML Living Standard §13.1.2.3).
   */
  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (r == null) {
        if (out != null) out.append(c);
        continue;
      }
      if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
      out.append(r);
    }
    return out == null ? s : out.toString();
  }

  /**
   * Opens {@code tag} with attributes given as name, value pairs; a null value leaves the attribute
   * out, and an empty name-only value (the empty string) writes a boolean attribute.
   */
  Html open(String tag, String... attrs) {
    if (attrs.length % 2 != 0)
      throw new IllegalArgumentException("attributes come in name, value pairs");
    sb.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] == null) continue;
      sb.append(' ').append(attrs[i]);
      if (!attrs[i + 1].isEmpty()) sb.append("=\"").append(esc(attrs[i + 1])).append('"');
    }
    sb.append('>');
    return this;
  }

  Html close(String tag) {
    sb.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag attrs>text</tag>}, the text escaped. */
  Html el(String tag, Object text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /**
   * {@code <tag attrs>English</tag>}, marked with the message's key and parameters, which the page
   * puts in the reader's language (i18n.js).
   */
  Html msg(String tag, Msg m, String... attrs) {
    String args = m.args().isEmpty() ? null : m.argsJson();
    return open(tag, with(attrs, "data-i18n", m.key(), "data-i18n-args", args))
        .text(m.english())
        .close(tag);
  }

  /** A number the page writes by the reader's locale (grouping, digits). */
  Html num(String tag, long n, String... attrs) {
    return open(tag, with(attrs, "data-num", Long.toString(n))).text(n).close(tag);
  }

  /** A moment the page writes by the reader's locale, in UTC. */
  Html time(java.time.Instant t) {
    return open("time", "datetime", t.toString(), "data-time", "")
        .text(Panels.TIME.format(t))
        .close("time");
  }

  /**
   * A table's header row from message keys; a key written {@code "#key"} heads a column of numbers.
   */
  Html head(String... keys) {
    raw("<thead><tr>");
    for (String k : keys) {
      boolean num = k.startsWith("#");
      msg("th", Msg.of(num ? k.substring(1) : k), "scope", "col", "class", num ? "num" : null);
    }
    return raw("</tr></thead>");
  }

  /** A table row saying there is nothing to list, across {@code columns}. */
  Html emptyRow(int columns, Msg m) {
    return raw("<tr>").msg("td", m, "colspan", Integer.toString(columns)).raw("</tr>");
  }

  private static String[] with(String[] attrs, String... more) {
    String[] all = java.util.Arrays.copyOf(attrs, attrs.length + more.length);
    System.arraycopy(more, 0, all, attrs.length, more.length);
    return all;
  }

  Html text(Object text) {
    sb.append(esc(text));
    return this;
  }

  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
