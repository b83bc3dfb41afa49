package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stabilis.log.ErrorCode;
import org.stabilis.zone.ZoneView;

class AlertsTest {

  private static Alert.View only(Fixture f, String kind) {
    var list = f.alerts().stream().filter(a -> a.kind().equals(kind)).toList();
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  @Test
  void shortReceipt_raisesShortfallNamingBothEvents_andLaterLossReportResolvesIt() {
    Fixture f = Fixture.standard();
    long in = f.ok("un-logistics", new Fact.Entered("c-1", "cement", 40_000, "ks", "wh-1"));
    long ship = f.ok("un-logistics", new Fact.Transferred("s-1", "cement", 40_000, "wh-1", "wh-2"));
    long got = f.ok("un-logistics", new Fact.Received("s-1", 38_000));

    Alert.View a = only(f, "shortfall");
    assertThat(a.status()).isEqualTo("open");
    assertThat(a.events()).containsExactly(ship, got);
    assertThat(a.detail()).contains("2000 unaccounted");
    assertThat(in).isLessThan(ship);

    long loss = f.ok("un-logistics", new Fact.Lost("wh-2", "cement", 2_000, "damaged", "s-1"));
    Alert.View resolved = only(f, "shortfall");
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.resolvedIndex()).isEqualTo(loss);
    assertThat(resolved.raisedIndex()).isEqualTo(got);
    assertThat(resolved.events()).containsExactly(ship, got, loss);
  }

  @Test
  void receiptWithinHalfPercent_raisesNoShortfall() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "cement", 40_000, "ks", "wh-1"));
    f.ok("un-logistics", new Fact.Transferred("s-1", "cement", 40_000, "wh-1", "wh-2"));
    f.ok("un-logistics", new Fact.Received("s-1", 39_800));
    assertThat(f.alerts()).isEmpty();
  }

  @Test
  void shipmentNotReceivedWithin72Hours_isOverdue_untilItsLateReceiptResolvesIt() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "pipes", 600, "ks", "wh-1"));
    var shipped = f.time;
    long ship = f.ok("un-logistics", new Fact.Transferred("s-1", "pipes", 600, "wh-1", "wh-2"));
    var ledger = f.m.ledger();
    assertThat(ledger.alerts(shipped.plus(Duration.ofHours(71)))).isEmpty();

    var late = ledger.alerts(shipped.plus(Duration.ofHours(73)));
    assertThat(late)
        .singleElement()
        .satisfies(a -> {
          assertThat(a.kind()).isEqualTo("overdue");
          assertThat(a.status()).isEqualTo("open");
          assertThat(a.events()).containsExactly(ship);
        });

    f.time = shipped.plus(Duration.ofHours(100));
    long got = f.ok("un-logistics", new Fact.Received("s-1", 600));
    assertThat(only(f, "overdue"))
        .satisfies(a -> {
          assertThat(a.status()).isEqualTo("resolved");
          assertThat(a.resolvedIndex()).isEqualTo(got);
          assertThat(a.events()).containsExactly(ship, got);
        });
  }

  @Test
  void
      consumptionBeyondBillTimesInspectedProgress_raisesOverConsumption_andALaterInspectionResolvesIt() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "cement", 80_000, "ks", "wh-1"));
    f.ok("un-logistics", new Fact.Transferred("s-1", "cement", 80_000, "wh-1", "proj-water-1"));
    f.ok("impl-water", new Fact.Received("s-1", 80_000));
    long insp = f.ok("monitors", new Fact.Inspected("proj-water-1", 20));
    f.ok(
        "impl-water",
        new Fact.Consumed(
            "proj-water-1", "cement", 30_000, 30)); // allowance: 100 000 × 30% = 30 000
    assertThat(f.alerts()).isEmpty();
    long over = f.ok("impl-water", new Fact.Consumed("proj-water-1", "cement", 20_000, 50));

    Alert.View a = only(f, "over-consumption");
    assertThat(a.status()).isEqualTo("open");
    assertThat(a.events()).containsExactly(insp, over);
    assertThat(a.holder()).isEqualTo("proj-water-1");

    assertThat(a.detail()).contains("at 20% inspected progress");

    long low = f.ok("monitors", new Fact.Inspected("proj-water-1", 35));
    assertThat(only(f, "over-consumption").status()).isEqualTo("open");
    assertThat(only(f, "over-consumption").detail())
        .as("the detail follows the latest inspection")
        .contains("at 35% inspected progress")
        .doesNotContain("at 20%");
    long enough = f.ok("monitors", new Fact.Inspected("proj-water-1", 45));
    assertThat(only(f, "over-consumption"))
        .satisfies(r -> {
          assertThat(r.status()).isEqualTo("resolved");
          assertThat(r.resolvedIndex()).isEqualTo(enough);
          assertThat(r.events()).containsExactly(insp, over, low, enough);
          assertThat(r.detail()).contains("at 45% inspected progress");
        });
  }

  @Test
  void transferLargerThanStock_isRefusedAsInsufficientStock() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "cement", 1_000, "ks", "wh-1"));
    var r = f.say("un-logistics", new Fact.Transferred("s-1", "cement", 1_001, "wh-1", "wh-2"));
    assertThat(r.code()).isEqualTo(ErrorCode.RULE);
    assertThat(r.rule().wire()).isEqualTo("insufficient-stock");
    assertThat(f.m.ledger().stock("wh-1", "cement")).isEqualTo(1_000);
  }

  @Test
  void shipmentIsReceivedOnce() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "cement", 1_000, "ks", "wh-1"));
    f.ok("un-logistics", new Fact.Transferred("s-1", "cement", 1_000, "wh-1", "wh-2"));
    f.ok("un-logistics", new Fact.Received("s-1", 1_000));
    assertThat(f.say("un-logistics", new Fact.Received("s-1", 1_000)).rule().wire())
        .isEqualTo("already-received");
  }

  @Test
  void dualUseTransfer_toUnapprovedProject_orSuspendedZone_isRefused() {
    Fixture f = Fixture.standard();
    f.ok("un-logistics", new Fact.Entered("c-1", "cement", 1_000, "ks", "wh-1"));
    f.projects.put(
        "proj-x",
        new org.stabilis.reconstruction.ProjectView.ProjectInfo(
            "proj-x", "zone-a", "impl-water", false, java.util.Map.of("cement", 10L)));
    assertThat(
            f.say("un-logistics", new Fact.Transferred("s-1", "cement", 10, "wh-1", "proj-x"))
                .rule()
                .wire())
        .isEqualTo("project-not-approved");
    f.zones.put("zone-a", ZoneView.Status.SUSPENDED);
    assertThat(
            f.say("un-logistics", new Fact.Transferred("s-2", "cement", 10, "wh-1", "proj-water-1"))
                .rule()
                .wire())
        .isEqualTo("zone-suspended");
  }

  @Test
  void consumptionReportedByAnotherImplementer_isForbidden() {
    Fixture f = Fixture.standard();
    var r = f.say("impl-shelter", new Fact.Consumed("proj-water-1", "cement", 1, 10));
    assertThat(r.code()).isEqualTo(ErrorCode.FORBIDDEN);
  }
}
