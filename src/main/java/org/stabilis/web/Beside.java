package org.stabilis.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a view shows beside the facts it answers with: given a JSON answer of a module's view, adds
 * to each fact (an object naming its log entry by {@code index}) what other statements say about
 * it. Applied by {@link Http#json} to every view under {@code /api/v1/} except the log's own
 * normative answers, whose shapes are fixed.
 */
@FunctionalInterface
public interface Beside {
  /** The request attribute holding the {@link Beside} of a view. */
  String ATTRIBUTE = "stabilis.beside";

  void annotate(JsonNode view);

  /** Whether the answers of {@code path} are views that carry annotations. */
  static boolean applies(String path) {
    return path.startsWith("/api/v1/")
        && !path.startsWith("/api/v1/log/")
        && !path.equals("/api/v1/events")
        && !path.equals("/api/v1/openapi.json");
  }
}
