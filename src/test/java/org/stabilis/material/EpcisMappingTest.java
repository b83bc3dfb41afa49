package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stabilis.log.canonical.StrictJson;

class EpcisMappingTest {

  private final Ledger names = Fixture.standard().m.ledger();

  private static ObjectNode document(String event) throws Exception {
    return (ObjectNode)
        StrictJson.mapper()
            .readTree(
                """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"stabilis": "urn:stabilis:epcis:"}],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-11-20T10:00:00Z",
                 "epcisBody": {"eventList": [%s]}}\
                """
                    .formatted(event));
  }

  @Test
  void transformationEventAtAProject_mapsToOneConsumptionPerInput_withProgressFromTheExtension()
      throws Exception {
    JsonNode d =
        document(
            """
            {"type": "TransformationEvent", "eventID": "urn:uuid:0b6a3e55-1f7c-4a39-8d2e-5c9f1e0a7b11",
             "eventTime": "2025-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "bizLocation": {"id": "urn:stabilis:project:proj-water-1"},
             "inputQuantityList": [{"epcClass": "urn:stabilis:item:cement", "quantity": 2.5, "uom": "TNE"},
                                   {"epcClass": "urn:stabilis:item:pipes", "quantity": 120, "uom": "MTR"}],
             "stabilis:progress": 35}\
            """);
    Epcis.Read r = Epcis.read(d, names);
    assertThat(r.rejection()).isNull();
    assertThat(r.facts())
        .extracting(Epcis.Mapped::fact)
        .containsExactly(
            new Fact.Consumed("proj-water-1", "cement", 2_500, 35),
            new Fact.Consumed("proj-water-1", "pipes", 120, 35));
  }

  @Test
  void unitThatDoesNotMeasureTheItem_isRefusedAsSchema_namingTheEventAndThePosition()
      throws Exception {
    JsonNode d =
        document(
            """
            {"type": "ObjectEvent", "eventID": "urn:uuid:0b6a3e55-1f7c-4a39-8d2e-5c9f1e0a7b12", "action": "OBSERVE",
             "eventTime": "2025-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00", "bizStep": "shipping",
             "quantityList": [{"epcClass": "urn:stabilis:item:pipes", "quantity": 120, "uom": "KGM"}],
             "bizTransactionList": [{"type": "desadv", "bizTransaction": "urn:stabilis:shipment:s-9"}],
             "sourceList": [{"type": "location", "source": "urn:stabilis:node:wh-1"}],
             "destinationList": [{"type": "location", "destination": "urn:stabilis:node:wh-2"}]}\
            """);
    Epcis.Read r = Epcis.read(d, names);
    assertThat(r.rejection().code().wire()).isEqualTo("schema");
    assertThat(r.rejection().field()).isEqualTo("event.body.epcisBody.eventList[0]");
    assertThat(r.rejection().detail())
        .contains("urn:uuid:0b6a3e55-1f7c-4a39-8d2e-5c9f1e0a7b12")
        .contains("MTR");
  }

  @Test
  void stolenDisposition_mapsToALossWithThatCause_atTheBizLocationGivenAsSgln() throws Exception {
    JsonNode d =
        document(
            """
            {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2025-11-20T08:00:00+02:00",
             "eventTimeZoneOffset": "+02:00", "disposition": "urn:epcglobal:cbv:disp:stolen",
             "bizLocation": {"id": "urn:epc:id:sgln:0614141.00001.0"},
             "quantityList": [{"epcClass": "urn:stabilis:item:generator", "quantity": 2}]}\
            """);
    Epcis.Read r = Epcis.read(d, names);
    assertThat(r.rejection()).isNull();
    assertThat(r.facts().get(0).fact())
        .isEqualTo(new Fact.Lost("wh-1", "generator", 2, "stolen", null));
    assertThat(r.facts().get(0).offset()).isEqualTo("+02:00");
  }

  @Test
  void eventWithoutEventId_isNamedByItsPosition() throws Exception {
    JsonNode d =
        document(
            """
            {"type": "AggregationEvent", "action": "ADD", "eventTime": "2025-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00"}\
            """);
    assertThat(Epcis.read(d, names).rejection().detail())
        .contains("position 0")
        .contains("AggregationEvent");
  }

  @Test
  void lgtinClassAndDigitalLinkWithALot_mapToTheItemOfThatGtin() throws Exception {
    // Cement is defined with GTIN 09506000134352: company prefix 9506000, indicator 0, item
    // reference 13435.
    for (String cls :
        new String[] {
          "urn:epc:class:lgtin:9506000.013435.LOT-2025-11",
          "https://id.gs1.org/01/09506000134352/10/ABC123",
          "https://id.gs1.org/01/09506000134352",
          "urn:epc:idpat:sgtin:9506000.013435.*"
        }) {
      JsonNode d =
          document(
              """
              {"type": "TransformationEvent", "eventTime": "2025-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00",
               "bizLocation": {"id": "urn:stabilis:project:proj-water-1"},
               "inputQuantityList": [{"epcClass": "%s", "quantity": 2.5, "uom": "TNE"}], "stabilis:progress": 35}\
              """
                  .formatted(cls));
      Epcis.Read r = Epcis.read(d, names);
      assertThat(r.rejection()).as(cls).isNull();
      assertThat(r.facts())
          .as(cls)
          .extracting(Epcis.Mapped::fact)
          .containsExactly(new Fact.Consumed("proj-water-1", "cement", 2_500, 35));
    }
    JsonNode other =
        document(
            """
            {"type": "TransformationEvent", "eventTime": "2025-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "bizLocation": {"id": "urn:stabilis:project:proj-water-1"},
             "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:9506000.013436.LOT-1", "quantity": 1, "uom": "TNE"}],
             "stabilis:progress": 35}\
            """);
    assertThat(Epcis.read(other, names).rejection().detail())
        .as("another GTIN names no item")
        .contains("names no item");
  }

  @Test
  void gs1CheckDigit_followsTheGeneralSpecificationsExample() {
    // GS1 General Specifications §7.9.1 worked example: GTIN-13 629104150021 → check digit 3.
    assertThat(org.stabilis.log.schema.Schema.gs1CheckDigit("629104150021")).isEqualTo('3');
  }
}
