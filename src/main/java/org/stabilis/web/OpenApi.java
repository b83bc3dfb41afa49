package org.stabilis.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.RuleCode;
import org.stabilis.log.RuleCodes;
import org.stabilis.log.canonical.StrictJson;

/**
 * The OpenAPI 3.1 document (SPEC §6): the resource {@code /web/openapi.json} kept beside the
 * routes, with the problem schema's {@code code} and {@code rule} listing every registered code and
 * its meaning (JSON Schema {@code oneOf} of {@code const} with a {@code description}), so the
 * document cannot fall out of step with the codes the server sends.
 */
public final class OpenApi {
  private OpenApi() {}

  public static byte[] document(RuleCodes rules) {
    try (InputStream in = OpenApi.class.getResourceAsStream("/web/openapi.json")) {
      if (in == null)
        throw new IllegalStateException("/web/openapi.json is missing from the build");
      ObjectNode doc = (ObjectNode) StrictJson.mapper().readTree(in);
      ObjectNode props =
          (ObjectNode) doc.path("components").path("schemas").path("Problem").path("properties");
      if (props.isMissingNode())
        throw new IllegalStateException("openapi.json has no Problem schema");
      ArrayNode codes =
          props
              .putObject("code")
              .put("type", "string")
              .put("description", "The stable top-level code (SPEC §2.3); clients branch on it.")
              .putArray("oneOf");
      for (ErrorCode c : ErrorCode.values())
        codes
            .addObject()
            .put("const", c.wire())
            .put("description", c.status() + ": " + c.meaning());
      ArrayNode ruleCodes =
          props
              .putObject("rule")
              .put("type", "string")
              .put("description", "With code `rule`: which domain rule refused the request.")
              .putArray("oneOf");
      for (RuleCode r : rules.all())
        ruleCodes.addObject().put("const", r.wire()).put("description", r.meaning());
      return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
