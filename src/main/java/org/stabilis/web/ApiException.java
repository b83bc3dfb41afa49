package org.stabilis.web;

import org.stabilis.log.ErrorCode;
import org.stabilis.log.Rejection;

/** Thrown by handlers to answer with a problem document; mapped in one place, {@link WebServer}. */
public final class ApiException extends RuntimeException {
  private final Rejection rejection;

  public ApiException(Rejection rejection) {
    super(rejection.detail(), null, false, false);
    this.rejection = rejection;
  }

  public static ApiException of(ErrorCode code, String detail) {
    return new ApiException(Rejection.of(code, detail));
  }

  public static ApiException badRequest(String detail) {
    return of(ErrorCode.BAD_REQUEST, detail);
  }

  public static ApiException notFound(String detail) {
    return of(ErrorCode.NOT_FOUND, detail);
  }

  public Rejection rejection() {
    return rejection;
  }
}
