package org.stabilis.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Reader;
import org.stabilis.catalogue.Readers;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.LogService;
import org.stabilis.log.Rejection;
import org.stabilis.log.store.LogStore.StoredEntry;

/**
 * The disclosures stored beside an entry (SPEC §2.10), byte for byte as submitted, for its author
 * and the holders of a reader role of its type; with them anyone can check the concealed values
 * against the digests the party signed.
 */
public final class DisclosureRoutes {
  private final LogService log;
  private final EventCatalogue catalogue;
  private final Readers readers;

  public DisclosureRoutes(LogService log, EventCatalogue catalogue, Readers readers) {
    this.log = log;
    this.catalogue = catalogue;
    this.readers = readers;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/log/disclosures", this::disclosures);
  }

  void disclosures(Context ctx) {
    long index = Http.longParam(ctx, "index");
    long size = log.size();
    if (index >= size)
      throw ApiException.badRequest("index must be in [0, " + size + "); got " + index);
    StoredEntry e = log.entries(index, index + 1).getFirst();
    String type;
    try {
      type = LeafCodec.trusted(index, e.data(), e.disclosures()).event().type();
    } catch (LeafCodec.BadLeafException ex) {
      throw new IllegalStateException(
          "entry " + index + " cannot be decoded: " + ex.getMessage(), ex);
    }
    Reader reader = readers.of(Auth.party(ctx));
    if (!reader.party().equals(e.party()) && !reader.holdsAny(catalogue.readers(type)))
      throw new ApiException(
          Rejection.forbidden(
              "the disclosures of entry "
                  + index
                  + " ("
                  + type
                  + ") are for its author \""
                  + e.party()
                  + "\""
                  + (catalogue.readers(type).isEmpty()
                      ? ""
                      : " and the roles "
                          + catalogue.readers(type).stream()
                              .map(org.stabilis.catalogue.Role::wire)
                              .sorted()
                              .toList())));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("disclosures", List.copyOf(e.disclosures()));
    Http.json(ctx, m);
  }
}
