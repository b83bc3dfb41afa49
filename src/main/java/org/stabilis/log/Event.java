package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement a party makes, as signed (SPEC §2.1). {@code json} is the event object exactly as
 * parsed; its RFC 8785 canonical form is what the signature covers. {@code body} is what the party
 * stated: the signed body with its disclosures merged and {@code _sd} removed (SPEC §2.10), and
 * {@code concealed} names the fields that came from disclosures.
 */
public record Event(
    String type,
    String party,
    String key,
    long seq,
    Instant time,
    JsonNode body,
    ObjectNode json,
    Set<String> concealed) {

  /** SPEC §2.1: ids of parties, keys and everything else named on the log. */
  public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

  public Event {
    Objects.requireNonNull(type);
    Objects.requireNonNull(party);
    Objects.requireNonNull(key);
    Objects.requireNonNull(time);
    Objects.requireNonNull(body);
    Objects.requireNonNull(json);
    concealed = Set.copyOf(concealed);
  }

  /** An event that conceals nothing. */
  public Event(
      String type,
      String party,
      String key,
      long seq,
      Instant time,
      JsonNode body,
      ObjectNode json) {
    this(type, party, key, seq, time, body, json, Set.of());
  }

  public static boolean isId(String s) {
    return s != null && ID.matcher(s).matches();
  }

  /** A body field as text, or null when absent. */
  public String text(String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
