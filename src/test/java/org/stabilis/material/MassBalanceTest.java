package org.stabilis.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stabilis.log.Rejection;

class MassBalanceTest {

  private static final List<String> HOLDERS = List.of("wh-1", "wh-2", "proj-water-1");
  private static final List<String> ITEMS = List.of("cement", "pipes", "generator");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2025})
  void randomMovements_neverLeaveNegativeStock_andBalanceEqualsNaiveRecomputation(long seed) {
    Fixture f = Fixture.standard();
    f.projects.put(
        "proj-water-1",
        new org.stabilis.reconstruction.ProjectView.ProjectInfo(
            "proj-water-1",
            "zone-a",
            "impl-water",
            true,
            Map.of("cement", 1L, "pipes", 1L, "generator", 1L)));
    Random rnd = new Random(seed);
    List<Long> checkpoints = new ArrayList<>();
    List<String> openShipments = new ArrayList<>();
    int refusedForStock = 0;
    for (int n = 0; n < 3000; n++) {
      String item = ITEMS.get(rnd.nextInt(ITEMS.size()));
      long q = 1 + rnd.nextInt(500);
      Fact fact =
          switch (rnd.nextInt(6)) {
            case 0 ->
                new Fact.Entered(
                    "c-" + n,
                    item,
                    q * 3,
                    rnd.nextBoolean() ? "ks" : "zikim",
                    rnd.nextBoolean() ? "wh-1" : "wh-2");
            case 1 -> {
              String from = HOLDERS.get(rnd.nextInt(2));
              String to =
                  rnd.nextBoolean() ? "proj-water-1" : from.equals("wh-1") ? "wh-2" : "wh-1";
              yield new Fact.Transferred("s-" + n, item, q, from, to);
            }
            case 2 ->
                openShipments.isEmpty()
                    ? new Fact.Inspected("proj-water-1", rnd.nextInt(101))
                    : new Fact.Received(
                        openShipments.get(rnd.nextInt(openShipments.size())), q / 2);
            case 3 -> new Fact.Consumed("proj-water-1", item, q, 50);
            case 4 -> new Fact.Lost(HOLDERS.get(rnd.nextInt(3)), item, q, "damaged", null);
            default -> new Fact.Inspected("proj-water-1", rnd.nextInt(101));
          };
      String party = fact instanceof Fact.Consumed ? "impl-water" : "un-logistics";
      Rejection r = f.say(party, fact);
      if (r == null && fact instanceof Fact.Transferred t) openShipments.add(t.shipment());
      if (r == null && fact instanceof Fact.Received rc) openShipments.remove(rc.shipment());
      if (r != null && "insufficient-stock".equals(r.rule().wire())) refusedForStock++;
      for (Ledger.Balance b : f.m.ledger().balances(null, null))
        assertThat(b.stock()).isNotNegative();
      if (n % 500 == 0) checkpoints.add(f.index);
    }
    assertThat(refusedForStock)
        .as("the sequence exercised the insufficient-stock rule")
        .isPositive();
    assertThat(f.m.ledger().balances(null, null))
        .containsExactlyInAnyOrderElementsOf(naive(f.m.history(), Long.MAX_VALUE));
    for (long at : checkpoints)
      assertThat(f.m.asOf(at).balances(null, null))
          .containsExactlyInAnyOrderElementsOf(naive(f.m.history(), at));
  }

  /** The mass balance of SPEC §5 recomputed from the list of facts, with no incremental state. */
  private static List<Ledger.Balance> naive(List<Applied> log, long upTo) {
    Map<String, long[]> acc = new HashMap<>();
    Map<String, Fact.Transferred> ships = new HashMap<>();
    Map<String, Long> received = new HashMap<>();
    Map<String, Long> lostInTransit = new HashMap<>();
    for (Applied a : log) {
      if (a.index() >= upTo) break;
      switch (a.fact()) {
        case Fact.Entered e ->
            acc.computeIfAbsent(e.to() + "|" + e.item(), k -> new long[6])[0] += e.quantity();
        case Fact.Transferred t -> {
          ships.put(t.shipment(), t);
          acc.computeIfAbsent(t.from() + "|" + t.item(), k -> new long[6])[2] += t.quantity();
          acc.computeIfAbsent(t.to() + "|" + t.item(), k -> new long[6]);
        }
        case Fact.Received r -> {
          received.put(r.shipment(), r.quantity());
          Fact.Transferred t = ships.get(r.shipment());
          acc.get(t.to() + "|" + t.item())[1] += r.quantity();
        }
        case Fact.Consumed c ->
            acc.computeIfAbsent(c.project() + "|" + c.item(), k -> new long[6])[3] += c.quantity();
        case Fact.Lost l -> {
          if (l.shipment() == null)
            acc.computeIfAbsent(l.at() + "|" + l.item(), k -> new long[6])[4] += l.quantity();
          else lostInTransit.merge(l.shipment(), l.quantity(), Long::sum);
        }
        default -> {}
      }
    }
    for (Fact.Transferred t : ships.values())
      if (!received.containsKey(t.shipment()))
        acc.get(t.to() + "|" + t.item())[5] +=
            t.quantity() - lostInTransit.getOrDefault(t.shipment(), 0L);
    List<Ledger.Balance> out = new ArrayList<>();
    for (var e : acc.entrySet()) {
      String[] k = e.getKey().split("\\|");
      long[] v = e.getValue();
      out.add(
          new Ledger.Balance(
              k[0],
              k[0].startsWith("proj") ? "project" : "node",
              k[1],
              v[0],
              v[1],
              v[2],
              v[3],
              v[4],
              v[0] + v[1] - v[2] - v[3] - v[4],
              v[5]));
    }
    return out;
  }
}
