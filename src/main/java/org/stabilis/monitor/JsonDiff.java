package org.stabilis.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON documents differ, as JSON Pointers (RFC 6901) with both values. */
final class JsonDiff {
  private JsonDiff() {}

  /** Up to {@code max} differences, in document order, except at the pointers {@code ignored}. */
  static List<String> of(JsonNode a, JsonNode b, int max, java.util.Set<String> ignored) {
    List<String> out = new ArrayList<>();
    walk("", a, b, out, max, ignored);
    return out;
  }

  private static void walk(
      String at, JsonNode a, JsonNode b, List<String> out, int max, java.util.Set<String> ignored) {
    if (out.size() >= max || a.equals(b) || ignored.contains(at)) return;
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      for (Iterator<String> i = a.fieldNames(); i.hasNext(); ) names.add(i.next());
      for (Iterator<String> i = b.fieldNames(); i.hasNext(); ) names.add(i.next());
      for (String n : names)
        walk(
            at + "/" + n.replace("~", "~0").replace("/", "~1"),
            a.path(n),
            b.path(n),
            out,
            max,
            ignored);
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) walk(at + "/" + i, a.get(i), b.get(i), out, max, ignored);
      return;
    }
    out.add(
        (at.isEmpty() ? "/" : at)
            + ": the server says "
            + show(a)
            + ", the mirror computes "
            + show(b));
  }

  private static String show(JsonNode n) {
    if (n.isMissingNode()) return "nothing";
    String s = n.toString();
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
