package org.stabilis.log;

import java.util.Objects;

/**
 * Why a request was refused: a value, not an exception. {@code rule} names the domain rule for
 * {@link ErrorCode#RULE} (e.g. {@code insufficient-stock}), always a registered {@link RuleCode};
 * {@code field} names the offending field for {@link ErrorCode#SCHEMA}. Both may be null.
 */
public record Rejection(ErrorCode code, String detail, RuleCode rule, String field) {
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  public static Rejection of(ErrorCode code, String detail) {
    return new Rejection(code, detail, null, null);
  }

  public static Rejection rule(RuleCode rule, String detail) {
    return new Rejection(ErrorCode.RULE, rule.wire() + ": " + detail, rule, null);
  }

  public static Rejection schema(String field, String detail) {
    return new Rejection(ErrorCode.SCHEMA, field + ": " + detail, null, field);
  }

  public static Rejection forbidden(String detail) {
    return new Rejection(ErrorCode.FORBIDDEN, detail, null, null);
  }
}
