package org.stabilis.log;

/**
 * Stable error codes of the API (SPEC §2.3 for submissions). The wire name never changes once
 * published; clients branch on it.
 */
public enum ErrorCode {
  MALFORMED("malformed", 400, "Malformed request", "not JSON, bad base64, or the wrong shape"),
  SCHEMA(
      "schema",
      422,
      "Event does not match its schema",
      "a field is missing, unknown or wrongly typed; `field` names it"),
  UNKNOWN_PARTY("unknown-party", 403, "Unknown party", "the submitting party is not registered"),
  UNKNOWN_KEY("unknown-key", 403, "Unknown key", "the submitting party has no key with that id"),
  REVOKED_KEY("revoked-key", 403, "Revoked key", "the signing key was revoked"),
  BAD_SIGNATURE(
      "bad-signature",
      403,
      "Bad signature",
      "the signature does not verify over the canonical event"),
  REPLAY(
      "replay",
      409,
      "Sequence number already used",
      "seq is not greater than the last accepted seq of that key"),
  FORBIDDEN(
      "forbidden",
      403,
      "Not permitted",
      "the party's roles may not do this, or it acts for another party"),
  RULE("rule", 422, "Refused by a rule", "a domain rule refused it; `rule` names which"),
  TIME_SKEW(
      "time-skew",
      422,
      "Event time out of the accepted window",
      "the event time is too far in the future or the past of the server clock"),
  TOO_LARGE("too-large", 413, "Request too large", "the request body is above the limit"),
  // Codes outside event submission.
  BAD_REQUEST(
      "bad-request", 400, "Bad request", "a query parameter is missing, repeated or out of range"),
  UNAUTHORIZED("unauthorized", 401, "Sign-in required", "no valid bearer token"),
  NOT_FOUND("not-found", 404, "Not found", "no such endpoint or record"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type",
      415,
      "Unsupported media type",
      "the body is not sent as application/json"),
  UNAVAILABLE(
      "unavailable", 503, "Temporarily unavailable", "the log cannot answer yet; try again");

  private final String wire;
  private final int status;
  private final String title;
  private final String meaning;

  ErrorCode(String wire, int status, String title, String meaning) {
    this.wire = wire;
    this.status = status;
    this.title = title;
    this.meaning = meaning;
  }

  /** One line a person reads to know what was refused (listed in the README and openapi.json). */
  public String meaning() {
    return meaning;
  }

  public String wire() {
    return wire;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
