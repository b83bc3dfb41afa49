package org.stabilis.material;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stabilis.log.Event;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.schema.Schema;

/**
 * GS1 EPCIS 2.0 (JSON-LD binding) ↔ materials facts, as SPEC §4 "EPCIS mapping" (normative) says.
 * Reading is all or nothing: the first event that does not map refuses the whole document, naming
 * that event by its {@code eventID} and its position. Vocabulary: GS1 CBV 2.0 business steps,
 * dispositions, source/destination types and business transaction types, accepted in the bare form
 * and the {@code urn:epcglobal:cbv:...} form; units are UN/ECE Recommendation 20 codes.
 */
public final class Epcis {

  /** The normative JSON-LD context of EPCIS 2.0 (EPCIS 2.0 §12.1). */
  public static final String CONTEXT =
      "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

  /**
   * Our extension namespace, declared in the document's {@code @context} (EPCIS 2.0 §9.3 user
   * extensions).
   */
  public static final String EXT_PREFIX = "stabilis";

  public static final String EXT_NS = "urn:stabilis:epcis:";

  private static final String NODE = "urn:stabilis:node:";
  private static final String PROJECT = "urn:stabilis:project:";
  private static final String ITEM = "urn:stabilis:item:";
  private static final String SHIPMENT = "urn:stabilis:shipment:";
  private static final String PERMIT = "urn:stabilis:permit:";
  private static final String TRANSFORMATION = "urn:stabilis:transformation:";
  // EPC Tag Data Standard 2.x: SGLN "urn:epc:id:sgln:CompanyPrefix.LocationReference.Extension".
  private static final Pattern SGLN =
      Pattern.compile("^urn:epc:id:sgln:([0-9]+)\\.([0-9]*)\\.([0-9A-Za-z]*)$");
  // TDS 2.x class-level SGTIN pattern "urn:epc:idpat:sgtin:CompanyPrefix.IndicatorItemRef.*".
  private static final Pattern SGTIN_CLASS =
      Pattern.compile("^urn:epc:idpat:sgtin:([0-9]+)\\.([0-9]+)\\.\\*$");
  // TDS 2.x §6.3.2 LGTIN class "urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot": a GTIN and
  // its batch/lot; the lot (AI 10, up to 20 characters, URI-escaped) is not tracked here.
  private static final Pattern LGTIN_CLASS =
      Pattern.compile(
          "^urn:epc:class:lgtin:([0-9]+)\\.([0-9]+)\\.([-A-Za-z0-9!'()*+,.:;=_%]{1,60})$");
  // GS1 Digital Link 1.x: "https://id.gs1.org/01/{GTIN-14}" names a product class, optionally
  // qualified by its batch/lot "/10/{lot}" (AI 10), as GS1's EPCIS 2.0 examples use it.
  private static final Pattern DIGITAL_LINK =
      Pattern.compile("^https://id\\.gs1\\.org/01/([0-9]{14})(?:/10/[^/?#]{1,60})?$");
  private static final Pattern OFFSET = Pattern.compile("^[+-](0[0-9]|1[0-4]):[0-5][0-9]$");

  /** One fact read from a document, with the time, id and offset the EPCIS event stated. */
  public record Mapped(Fact fact, Instant time, String eventId, String offset) {}

  /** The result of reading a document: its facts, or the rejection of the whole document. */
  public record Read(List<Mapped> facts, Rejection rejection, int[] eventOf) {}

  private Epcis() {}

  /** The lookups a mapping needs: GS1 keys of nodes and items, and what a holder and item are. */
  public interface Names {
    String nodeByGln(String gln);

    String itemByGtin(String gtin);

    Fact.Item item(String code);
  }

  // ---- capture ------------------------------------------------------------------------------

  private static final class Unmappable extends RuntimeException {
    final String field;

    Unmappable(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /**
   * Reads an {@code EPCISDocument}. {@code eventOf[i]} is the position in the document's eventList
   * of fact {@code i}, so that a rule refusing a fact can name the EPCIS event behind it.
   */
  public static Read read(JsonNode doc, Names names) {
    String root = "event.body";
    try {
      if (!doc.isObject())
        throw new Unmappable(root, "an EPCIS 2.0 EPCISDocument object is expected");
      if (!"EPCISDocument".equals(doc.path("type").asText(null)))
        throw new Unmappable(root + ".type", "must be \"EPCISDocument\" (EPCIS 2.0 JSON binding)");
      if (!doc.has("@context"))
        throw new Unmappable(
            root + ".@context", "a JSON-LD @context naming " + CONTEXT + " is required");
      String version = doc.path("schemaVersion").asText("");
      if (!version.equals("2.0") && !version.startsWith("2.0."))
        throw new Unmappable(root + ".schemaVersion", "must be \"2.0\"; got \"" + version + "\"");
      if (!doc.path("creationDate").isTextual())
        throw new Unmappable(root + ".creationDate", "an RFC 3339 time is required");
      JsonNode list = doc.path("epcisBody").path("eventList");
      if (!list.isArray() || list.isEmpty())
        throw new Unmappable(
            root + ".epcisBody.eventList", "a non-empty array of EPCIS events is required");
      List<Mapped> out = new ArrayList<>();
      List<Integer> of = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode ev = list.get(i);
        String field = root + ".epcisBody.eventList[" + i + "]";
        try {
          for (Mapped m : event(ev, names)) {
            out.add(m);
            of.add(i);
          }
        } catch (Unmappable u) {
          String id =
              ev.path("eventID").isTextual()
                  ? "EPCIS event " + ev.path("eventID").asText() + " (position " + i + ")"
                  : "EPCIS event at position " + i;
          throw new Unmappable(field, id + " cannot be mapped: " + u.getMessage());
        }
      }
      return new Read(out, null, of.stream().mapToInt(Integer::intValue).toArray());
    } catch (Unmappable u) {
      return new Read(List.of(), Rejection.schema(u.field, u.getMessage()), new int[0]);
    }
  }

  /**
   * An entry of materials a capture document states: the fact, the position of its EPCIS event in
   * the eventList, and that event's id (or null).
   */
  public record EnteredAt(Fact.Entered fact, int position, String eventId) {}

  /**
   * The entries ({@code entering_exiting}) a capture document states, in its order; none when it
   * does not map (then {@link #read} gives the rejection).
   */
  public static List<EnteredAt> entered(JsonNode doc, Names names) {
    Read read = read(doc, names);
    if (read.rejection() != null) return List.of();
    List<EnteredAt> out = new ArrayList<>();
    for (int i = 0; i < read.facts().size(); i++)
      if (read.facts().get(i).fact() instanceof Fact.Entered en)
        out.add(new EnteredAt(en, read.eventOf()[i], read.facts().get(i).eventId()));
    return out;
  }

  private static List<Mapped> event(JsonNode ev, Names names) {
    if (!ev.isObject()) throw new Unmappable("", "an event object is expected");
    String type = ev.path("type").asText("");
    String id = ev.path("eventID").isTextual() ? ev.path("eventID").asText() : null;
    OffsetDateTime when;
    try {
      when = OffsetDateTime.parse(ev.path("eventTime").asText(""));
    } catch (DateTimeParseException e) {
      throw new Unmappable("", "eventTime must be an RFC 3339 time with an offset");
    }
    String offset = ev.path("eventTimeZoneOffset").asText("");
    if (!OFFSET.matcher(offset).matches())
      throw new Unmappable("", "eventTimeZoneOffset must be like \"+02:00\" (EPCIS 2.0 §7.4.1)");
    Instant t = when.toInstant();
    String disposition =
        cbv(
            ev.path("disposition").asText(null),
            "urn:epcglobal:cbv:disp:",
            "https://ref.gs1.org/cbv/Disp-");
    String step =
        cbv(
            ev.path("bizStep").asText(null),
            "urn:epcglobal:cbv:bizstep:",
            "https://ref.gs1.org/cbv/BizStep-");

    if (type.equals("TransformationEvent")) {
      String project = project(ev.path("bizLocation").path("id").asText(null), "bizLocation.id");
      JsonNode inputs = ev.path("inputQuantityList");
      if (!inputs.isArray() || inputs.isEmpty())
        throw new Unmappable(
            "", "a TransformationEvent maps to material.consumed only with an inputQuantityList");
      if (ev.has("inputEPCList") && !ev.path("inputEPCList").isEmpty())
        throw new Unmappable(
            "", "inputEPCList (instance-level identifiers) is not tracked; use inputQuantityList");
      JsonNode p = ev.path(EXT_PREFIX + ":progress");
      if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 0 || p.asInt() > 100)
        throw new Unmappable(
            "", "the extension field " + EXT_PREFIX + ":progress (integer 0-100) is required");
      List<Mapped> out = new ArrayList<>();
      for (int k = 0; k < inputs.size(); k++) {
        Qty q = quantity(inputs.get(k), names, "inputQuantityList[" + k + "]");
        out.add(
            new Mapped(
                new Fact.Consumed(project, q.item, q.quantity, p.asInt()),
                t,
                inputs.size() == 1 ? id : null,
                offset));
      }
      return out;
    }
    if (!type.equals("ObjectEvent") && !type.equals("TransactionEvent"))
      throw new Unmappable(
          "",
          "type \""
              + type
              + "\" has no materials meaning; ObjectEvent, TransactionEvent and TransformationEvent do");
    String action = ev.path("action").asText("");
    if (!action.equals("ADD") && !action.equals("OBSERVE"))
      throw new Unmappable("", "action must be ADD or OBSERVE; got \"" + action + "\"");
    if (ev.has("epcList") && !ev.path("epcList").isEmpty())
      throw new Unmappable(
          "",
          "epcList (instance-level identifiers) is not tracked; state the class and quantity in quantityList");
    JsonNode ql = ev.path("quantityList");
    if (!ql.isArray() || ql.size() != 1)
      throw new Unmappable(
          "", "exactly one quantityList element (epcClass, quantity, uom) is required");
    Qty q = quantity(ql.get(0), names, "quantityList[0]");

    if (disposition != null
        && (disposition.equals("destroyed")
            || disposition.equals("stolen")
            || disposition.equals("damaged"))) {
      String where =
          ev.path("bizLocation").path("id").asText(ev.path("readPoint").path("id").asText(null));
      String at = holder(where, "bizLocation.id", names);
      String shipment = ev.has("bizTransactionList") ? reference(ev, false) : null;
      return List.of(
          new Mapped(new Fact.Lost(at, q.item, q.quantity, disposition, shipment), t, id, offset));
    }
    if (step == null)
      throw new Unmappable(
          "",
          "bizStep is required (entering_exiting, shipping or receiving), or a loss disposition");
    Fact f =
        switch (step) {
          case "entering_exiting" -> {
            if (!type.equals("ObjectEvent"))
              throw new Unmappable("", "entering_exiting maps from an ObjectEvent");
            String crossing =
                node(ev.path("readPoint").path("id").asText(null), "readPoint.id", names);
            String to = node(one(ev, "destinationList", "destination"), "destinationList", names);
            yield new Fact.Entered(
                reference(ev, false), q.item, q.quantity, crossing, to, permit(ev));
          }
          case "shipping" ->
              new Fact.Transferred(
                  reference(ev, true),
                  q.item,
                  q.quantity,
                  holder(one(ev, "sourceList", "source"), "sourceList", names),
                  holder(one(ev, "destinationList", "destination"), "destinationList", names));
          case "receiving" -> {
            if (!type.equals("ObjectEvent"))
              throw new Unmappable("", "receiving maps from an ObjectEvent");
            yield new Fact.Received(reference(ev, true), q.quantity);
          }
          default ->
              throw new Unmappable(
                  "",
                  "bizStep \""
                      + step
                      + "\" has no materials meaning; entering_exiting, shipping and receiving do");
        };
    return List.of(new Mapped(f, t, id, offset));
  }

  /** CBV 2.0 values come bare ("shipping") or as URIs; both name the same term. */
  private static String cbv(String v, String urnPrefix, String webPrefix) {
    if (v == null) return null;
    if (v.startsWith(urnPrefix)) return v.substring(urnPrefix.length());
    if (v.startsWith(webPrefix)) return v.substring(webPrefix.length());
    return v;
  }

  /** The one entry of a source or destination list of CBV type {@code location} (CBV 2.0 §8.4). */
  private static String one(JsonNode ev, String list, String field) {
    JsonNode l = ev.path(list);
    if (!l.isArray()) throw new Unmappable("", list + " with one location is required");
    List<String> found = new ArrayList<>();
    for (JsonNode e : l) {
      String type =
          cbv(e.path("type").asText(""), "urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-");
      if (type.equals("location")) found.add(e.path(field).asText(null));
    }
    if (found.size() != 1)
      throw new Unmappable(
          "",
          list
              + " must hold exactly one entry of type location (owning_party and possessing_party entries are ignored); found "
              + found.size());
    return found.get(0);
  }

  /**
   * The shipment or consignment a movement belongs to: the {@code desadv} (despatch advice)
   * business transaction when {@code preferDesadv}, else the first entry (SPEC EPCIS mapping).
   */
  private static String reference(JsonNode ev, boolean preferDesadv) {
    // A permit named beside the consignment is not the consignment.
    List<JsonNode> l = new ArrayList<>();
    for (JsonNode b : ev.path("bizTransactionList"))
      if (!b.path("bizTransaction").asText("").startsWith(PERMIT)) l.add(b);
    if (l.isEmpty())
      throw new Unmappable(
          "", "bizTransactionList naming the shipment (urn:stabilis:shipment:<id>) is required");
    JsonNode chosen = l.get(0);
    if (preferDesadv)
      for (JsonNode b : l)
        if ("desadv"
            .equals(
                cbv(
                    b.path("type").asText(""),
                    "urn:epcglobal:cbv:btt:",
                    "https://ref.gs1.org/cbv/BTT-"))) {
          chosen = b;
          break;
        }
    String v = chosen.path("bizTransaction").asText("");
    return id(v, SHIPMENT, "bizTransaction");
  }

  /**
   * The permit an entry names (SPEC §4 "Permits"): a {@code bizTransactionList} entry {@code
   * urn:stabilis:permit:<id>}, at most one; null when none.
   */
  private static String permit(JsonNode ev) {
    String found = null;
    for (JsonNode b : ev.path("bizTransactionList")) {
      String v = b.path("bizTransaction").asText("");
      if (!v.startsWith(PERMIT)) continue;
      if (found != null)
        throw new Unmappable("", "bizTransactionList names two permits; an entry names one");
      found = id(v, PERMIT, "bizTransaction");
    }
    return found;
  }

  private static String id(String uri, String prefix, String field) {
    if (uri == null || !uri.startsWith(prefix) || !Event.isId(uri.substring(prefix.length())))
      throw new Unmappable("", field + " \"" + uri + "\" is not " + prefix + "<id>");
    return uri.substring(prefix.length());
  }

  private static String project(String uri, String field) {
    return id(uri, PROJECT, field);
  }

  private static String node(String uri, String field, Names names) {
    if (uri != null && uri.startsWith(NODE)) return id(uri, NODE, field);
    Matcher m = uri == null ? null : SGLN.matcher(uri);
    if (m != null && m.matches()) {
      String gln = m.group(1) + m.group(2);
      if (gln.length() != 12)
        throw new Unmappable(
            "",
            field + " \"" + uri + "\": company prefix and location reference must total 12 digits");
      gln += Schema.gs1CheckDigit(gln);
      String n = names.nodeByGln(gln);
      if (n == null)
        throw new Unmappable(
            "", field + " \"" + uri + "\" is GLN " + gln + ", which no defined node carries");
      return n;
    }
    throw new Unmappable(
        "",
        field
            + " \""
            + uri
            + "\" is neither "
            + NODE
            + "<id> nor the SGLN of a node defined with a gln");
  }

  private static String holder(String uri, String field, Names names) {
    return uri != null && uri.startsWith(PROJECT) ? project(uri, field) : node(uri, field, names);
  }

  private record Qty(String item, long quantity) {}

  // UN/ECE Recommendation 20 unit codes for our base units; TNE (tonne) converts to kilograms.
  private static final Map<String, String> UOM =
      Map.of("KGM", "kg", "MTR", "m", "H87", "piece", "LTR", "l");

  private static Qty quantity(JsonNode q, Names names, String field) {
    String cls = q.path("epcClass").asText(null);
    String item;
    if (cls != null && cls.startsWith(ITEM)) item = id(cls, ITEM, field + ".epcClass");
    else item = names.itemByGtin(gtinOf(cls, field));
    Fact.Item it = item == null ? null : names.item(item);
    if (it == null)
      throw new Unmappable("", field + ".epcClass \"" + cls + "\" names no item in the catalogue");
    JsonNode n = q.path("quantity");
    if (!n.isNumber()) throw new Unmappable("", field + ".quantity must be a number");
    String uom = q.path("uom").asText(null);
    BigDecimal v = n.decimalValue();
    if (uom == null) {
      // EPCIS 2.0 §7.3.3.3: without uom the quantity counts instances, which only a piece item has.
      if (!it.unit().equals("piece"))
        throw new Unmappable(
            "", field + ".uom is required for " + it.code() + " (unit " + it.unit() + ")");
    } else if (uom.equals("TNE") && it.unit().equals("kg")) {
      v = v.multiply(BigDecimal.valueOf(1000));
    } else if (!it.unit().equals(UOM.get(uom))) {
      throw new Unmappable(
          "",
          field
              + ".uom \""
              + uom
              + "\" does not measure "
              + it.code()
              + " (unit "
              + it.unit()
              + ": "
              + rec20(it.unit())
              + ")");
    }
    try {
      long l = v.stripTrailingZeros().longValueExact();
      if (l < 0) throw new ArithmeticException();
      return new Qty(item, l);
    } catch (ArithmeticException e) {
      throw new Unmappable(
          "", field + ".quantity " + n + " is not a whole non-negative number of " + it.unit());
    }
  }

  private static String gtinOf(String cls, String field) {
    if (cls == null) throw new Unmappable("", field + ".epcClass is required");
    Matcher d = DIGITAL_LINK.matcher(cls);
    if (d.matches()) return d.group(1);
    Matcher m = SGTIN_CLASS.matcher(cls);
    if (!m.matches()) m = LGTIN_CLASS.matcher(cls);
    if (m.matches() && m.group(1).length() + m.group(2).length() == 13) {
      // TDS §6.3.1: the indicator digit leads the item reference and moves to the front of the
      // GTIN.
      String body = m.group(2).charAt(0) + m.group(1) + m.group(2).substring(1);
      return body + Schema.gs1CheckDigit(body);
    }
    throw new Unmappable(
        "",
        field
            + ".epcClass \""
            + cls
            + "\" is neither "
            + ITEM
            + "<code> nor a GS1 class (urn:epc:idpat:sgtin:..., urn:epc:class:lgtin:... or https://id.gs1.org/01/<GTIN>[/10/<lot>])");
  }

  private static String rec20(String unit) {
    return switch (unit) {
      case "kg" -> "KGM or TNE";
      case "m" -> "MTR";
      case "piece" -> "H87";
      default -> "LTR";
    };
  }

  // ---- query --------------------------------------------------------------------------------

  /**
   * An {@code EPCISQueryDocument} (EPCIS 2.0 §8.2.7, JSON binding) holding the movements as EPCIS
   * events, in log order. Inspections and catalogue facts are not EPCIS events and are left out.
   */
  public static ObjectNode queryDocument(
      List<Applied> movements, Ledger ledger, Instant created, String nextPageToken) {
    ObjectNode d = StrictJson.mapper().createObjectNode();
    ArrayNode ctx = d.putArray("@context");
    ctx.add(CONTEXT);
    ctx.addObject().put(EXT_PREFIX, EXT_NS);
    d.put("type", "EPCISQueryDocument");
    d.put("schemaVersion", "2.0");
    d.put("creationDate", created.toString());
    ObjectNode results = d.putObject("epcisBody").putObject("queryResults");
    results.put("queryName", "SimpleEventQuery");
    ArrayNode list = results.putObject("resultsBody").putArray("eventList");
    for (Applied a : movements) {
      ObjectNode e = event(a, ledger);
      if (e != null) list.add(e);
    }
    if (nextPageToken != null) d.put(EXT_PREFIX + ":nextPageToken", nextPageToken);
    return d;
  }

  private static ObjectNode event(Applied a, Ledger ledger) {
    ObjectNode e = StrictJson.mapper().createObjectNode();
    String type = a.fact() instanceof Fact.Consumed ? "TransformationEvent" : "ObjectEvent";
    e.put("type", type);
    String offset = a.epcisOffset() != null ? a.epcisOffset() : "+00:00";
    e.put(
        "eventTime",
        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            a.time().atOffset(ZoneOffset.of(offset))));
    // EPCIS 2.0 §7.4.1 recordTime: when the event was recorded, i.e. the log's received time of the
    // entry.
    e.put("recordTime", LeafCodec.RECEIVED.format(a.received()));
    e.put("eventTimeZoneOffset", offset);
    e.put(
        "eventID",
        a.epcisId() != null
            ? a.epcisId()
            : "urn:stabilis:event:" + a.index() + (a.sub() > 0 ? "." + a.sub() : ""));
    switch (a.fact()) {
      case Fact.Entered en -> {
        e.put("action", "ADD");
        e.put("bizStep", "entering_exiting");
        e.putObject("readPoint").put("id", NODE + en.crossing());
        quantity(e.putArray("quantityList"), en.item(), en.quantity(), ledger);
        transaction(e, en.consignment());
        if (en.permit() != null)
          e.withArray("bizTransactionList").addObject().put("bizTransaction", PERMIT + en.permit());
        place(e.putArray("destinationList"), "destination", NODE + en.to());
      }
      case Fact.Transferred t -> {
        e.put("action", "OBSERVE");
        e.put("bizStep", "shipping");
        e.put("disposition", "in_transit");
        quantity(e.putArray("quantityList"), t.item(), t.quantity(), ledger);
        transaction(e, t.shipment());
        place(e.putArray("sourceList"), "source", holderUri(t.from(), ledger));
        place(e.putArray("destinationList"), "destination", holderUri(t.to(), ledger));
      }
      case Fact.Received r -> {
        Ledger.Shipment s = ledger.shipment(r.shipment());
        e.put("action", "OBSERVE");
        e.put("bizStep", "receiving");
        e.put("disposition", "in_progress");
        e.putObject("bizLocation").put("id", holderUri(s.to(), ledger));
        quantity(e.putArray("quantityList"), s.item(), r.quantity(), ledger);
        transaction(e, r.shipment());
      }
      case Fact.Consumed c -> {
        // EPCIS 2.0 §7.4.6: a TransformationEvent with inputs and no outputs needs a
        // transformationID;
        // every consumption at a project is part of one transformation, the project's works.
        e.put("transformationID", TRANSFORMATION + c.project());
        e.putObject("bizLocation").put("id", PROJECT + c.project());
        quantity(e.putArray("inputQuantityList"), c.item(), c.quantity(), ledger);
        e.put(EXT_PREFIX + ":progress", c.progress());
      }
      case Fact.Lost l -> {
        e.put("action", "OBSERVE");
        boolean cbvCause =
            l.cause().equals("destroyed")
                || l.cause().equals("stolen")
                || l.cause().equals("damaged");
        // A free-text cause outside CBV's loss dispositions is kept in our extension field.
        e.put("disposition", cbvCause ? l.cause() : "unknown");
        if (!cbvCause) e.put(EXT_PREFIX + ":cause", l.cause());
        e.putObject("bizLocation").put("id", holderUri(l.at(), ledger));
        quantity(e.putArray("quantityList"), l.item(), l.quantity(), ledger);
        if (l.shipment() != null) transaction(e, l.shipment());
      }
      default -> {
        return null;
      }
    }
    return e;
  }

  private static void quantity(ArrayNode list, String item, long q, Ledger ledger) {
    ObjectNode o = list.addObject();
    o.put("epcClass", ITEM + item);
    o.put("quantity", q);
    o.put(
        "uom",
        switch (ledger.item(item).unit()) {
          case "kg" -> "KGM";
          case "m" -> "MTR";
          case "piece" -> "H87";
          default -> "LTR";
        });
  }

  private static void transaction(ObjectNode e, String id) {
    ObjectNode b = e.putArray("bizTransactionList").addObject();
    b.put("type", "desadv");
    b.put("bizTransaction", SHIPMENT + id);
  }

  private static void place(ArrayNode list, String field, String uri) {
    ObjectNode o = list.addObject();
    o.put("type", "location");
    o.put(field, uri);
  }

  private static String holderUri(String id, Ledger ledger) {
    return (ledger.node(id) == null ? PROJECT : NODE) + id;
  }
}
