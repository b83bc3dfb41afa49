package org.stabilis.log;

/**
 * Stable error codes of the API (SPEC §2.3 for submissions). The wire name never changes once
 * published; clients branch on it.
 */
public enum ErrorCode {
  MALFORMED("malformed", 400, "Malformed request"),
  SCHEMA("schema", 422, "Event does not match its schema"),
  UNKNOWN_PARTY("unknown-party", 403, "Unknown party"),
  UNKNOWN_KEY("unknown-key", 403, "Unknown key"),
  REVOKED_KEY("revoked-key", 403, "Revoked key"),
  BAD_SIGNATURE("bad-signature", 403, "Bad signature"),
  REPLAY("replay", 409, "Sequence number already used"),
  FORBIDDEN("forbidden", 403, "Not permitted"),
  RULE("rule", 422, "Refused by a rule"),
  TIME_SKEW("time-skew", 422, "Event time out of the accepted window"),
  TOO_LARGE("too-large", 413, "Request too large"),
  // Codes outside event submission.
  BAD_REQUEST("bad-request", 400, "Bad request"),
  UNAUTHORIZED("unauthorized", 401, "Sign-in required"),
  NOT_FOUND("not-found", 404, "Not found"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
  UNAVAILABLE("unavailable", 503, "Temporarily unavailable");

  private final String wire;
  private final int status;
  private final String title;

  ErrorCode(String wire, int status, String title) {
    this.wire = wire;
    this.status = status;
    this.title = title;
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
