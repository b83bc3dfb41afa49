package org.stabilis.web;

import io.javalin.http.Context;
import java.util.Locale;
import org.stabilis.catalogue.Readers;
import org.stabilis.catalogue.Role;
import org.stabilis.catalogue.Views;
import org.stabilis.log.Rejection;

/**
 * Before-handler: a view open to some roles only ({@link Views}) refuses other readers with 403
 * {@code forbidden}.
 */
public final class ViewGuard {
  private final Readers readers;

  public ViewGuard(Readers readers) {
    this.readers = readers;
  }

  public void check(Context ctx) {
    String party = Auth.party(ctx);
    if (party == null) return; // public, or the dashboard page, which signs in by itself
    Views.of(ctx.method().name().toUpperCase(Locale.ROOT), ctx.path())
        .ifPresent(v -> {
          if (!v.opensTo(readers.of(party)))
            throw new ApiException(
                Rejection.forbidden(
                    v.refusal() != null
                        ? v.refusal()
                        : ctx.path()
                            + " is shown to "
                            + v.openTo().stream().map(Role::wire).sorted().toList()));
        });
  }
}
