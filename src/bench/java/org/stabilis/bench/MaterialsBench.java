package org.stabilis.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.stabilis.catalogue.Role;
import org.stabilis.cli.Progress;
import org.stabilis.log.Rejection;
import org.stabilis.material.Applied;
import org.stabilis.material.Fact;
import org.stabilis.material.Ledger;
import org.stabilis.material.MaterialProjection;
import org.stabilis.material.Policy;
import org.stabilis.reconstruction.ProjectView;
import org.stabilis.zone.ZoneView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stabilis bench materials}: ingest N movements into the materials projection, then time
 * balance queries and the computation of every alert. The projection is driven in process, each
 * movement checked by the same rules as a submission and then applied; signatures, the store and
 * the Merkle tree are not part of this measurement.
 */
@Command(
    name = "materials",
    mixinStandardHelpOptions = true,
    description =
        "Materials mass balance at scale: ingest rate, balance query latency, time to compute all alerts.")
public final class MaterialsBench implements Callable<Integer> {

  @Option(
      names = "--movements",
      defaultValue = "1000000",
      description = "Movements to ingest (default ${DEFAULT-VALUE}).")
  long movements;

  @Option(
      names = "--queries",
      defaultValue = "2000",
      description = "Balance queries to time (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(
      names = "--seed",
      defaultValue = "2803",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  private static final int WAREHOUSES = 40, PROJECTS = 200;
  private static final List<String> ITEMS =
      List.of("cement", "steel-bar", "aggregate", "pipes", "cable", "generator", "fertiliser-an");
  private static final List<String> CROSSINGS = List.of("kerem-shalom", "kissufim", "zikim");

  @Override
  public Integer call() {
    Map<String, ProjectView.ProjectInfo> projects = new java.util.HashMap<>();
    Map<String, Long> bill = new java.util.HashMap<>();
    for (String i : ITEMS) bill.put(i, 5_000_000_000L);
    Map<String, Long> smallBill = new java.util.HashMap<>();
    for (String i : ITEMS) smallBill.put(i, 200_000L);
    // One project in twenty has a small bill, so over-consumption alerts exist to compute.
    for (int p = 0; p < PROJECTS; p++)
      projects.put(
          "proj-" + p,
          new ProjectView.ProjectInfo(
              "proj-" + p,
              "zone-" + p % 10,
              "impl-" + p % 20,
              true,
              p % 20 == 0 ? smallBill : bill));
    ZoneView zones =
        new ZoneView() {
          @Override
          public boolean exists(String zoneId) {
            return true;
          }

          @Override
          public Optional<Status> status(String zoneId) {
            return Optional.of(Status.VERIFIED);
          }
        };
    MaterialProjection m =
        new MaterialProjection(
            id -> Optional.ofNullable(projects.get(id)),
            zones,
            (party, role) ->
                role == Role.LOGISTICS ? party.equals("logistics") : party.startsWith("impl-"),
            Policy.DEFAULT);
    Instant t = Instant.parse("2025-10-17T08:00:00Z");
    long index = 0;
    for (String i : ITEMS)
      m.apply(
          new Applied(
              index++, 0, t, t, "cmcc", new Fact.Item(i, i, "kg", true, null), null, null, null));
    for (String c : CROSSINGS)
      m.apply(
          new Applied(
              index++,
              0,
              t,
              t,
              "cmcc",
              new Fact.Node(c, "crossing", c, 34.3, 31.3, null),
              null,
              null,
              null));
    for (int w = 0; w < WAREHOUSES; w++)
      m.apply(
          new Applied(
              index++,
              0,
              t,
              t,
              "cmcc",
              new Fact.Node("wh-" + w, "warehouse", "wh-" + w, 34.3, 31.3, null),
              null,
              null,
              null));

    System.out.printf(
        "bench materials: %,d movements, %d warehouses, %d projects, %d items; in-process (rules + apply, no signatures or storage)%n",
        movements, WAREHOUSES, PROJECTS, ITEMS.size());
    Random rnd = new Random(seed);
    List<String> inTransit = new ArrayList<>();
    long accepted = 0, refused = 0;
    long start = System.nanoTime();
    try (var bar = Progress.bar("ingest", movements)) {
      while (accepted < movements) {
        t = t.plusSeconds(2);
        String item = ITEMS.get(rnd.nextInt(ITEMS.size()));
        String wh = "wh-" + rnd.nextInt(WAREHOUSES);
        int proj = rnd.nextInt(PROJECTS);
        int dice = rnd.nextInt(100);
        String party = "logistics";
        Fact f;
        if (dice < 25) {
          f = new Fact.Entered("c-" + index, item, 40_000, CROSSINGS.get(rnd.nextInt(3)), wh);
        } else if (dice < 52) {
          String to = rnd.nextBoolean() ? "proj-" + proj : "wh-" + rnd.nextInt(WAREHOUSES);
          f = new Fact.Transferred("s-" + index, item, 1_000 + rnd.nextInt(9_000), wh, to);
        } else if (dice < 80 && !inTransit.isEmpty()) {
          // Mostly the oldest shipments arrive first; a few are short or never arrive.
          int k = rnd.nextInt(Math.min(inTransit.size(), 50));
          String s = inTransit.remove(k);
          Ledger.Shipment sh = m.ledger().shipment(s);
          long q = rnd.nextInt(100) == 0 ? sh.quantity() * 9 / 10 : sh.quantity();
          f = new Fact.Received(s, q);
        } else if (dice < 95) {
          party = "impl-" + proj % 20;
          f = new Fact.Consumed("proj-" + proj, item, 100 + rnd.nextInt(2_000), 50);
        } else {
          f = new Fact.Lost(wh, item, 1 + rnd.nextInt(500), "damaged", null);
        }
        Rejection r = m.check(party, f);
        if (r != null) {
          refused++;
          continue;
        }
        Map<String, Long> b =
            f instanceof Fact.Consumed c ? projects.get(c.project()).materials() : null;
        m.apply(new Applied(index++, 0, t, t, party, f, b, null, null));
        if (f instanceof Fact.Transferred tr && rnd.nextInt(1000) != 0)
          inTransit.add(tr.shipment());
        accepted++;
        bar.step();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "ingest: %,d movements accepted (%,d refused by the rules, mostly insufficient-stock) in %.2f s = %,.0f movements/s%n",
        accepted, refused, secs, accepted / secs);

    Ledger ledger = m.ledger();
    // Warm-up so the timings below measure the query, not the JIT compiler.
    for (int q = 0; q < 500; q++)
      ledger.balances(q % 2 == 0 ? null : "wh-" + q % WAREHOUSES, ITEMS.get(q % ITEMS.size()));
    long[] ns = new long[queries];
    long rows = 0;
    for (int q = 0; q < queries; q++) {
      String holder =
          switch (q % 3) {
            case 0 -> "wh-" + rnd.nextInt(WAREHOUSES);
            case 1 -> "proj-" + rnd.nextInt(PROJECTS);
            default -> null;
          };
      String item = q % 2 == 0 ? ITEMS.get(rnd.nextInt(ITEMS.size())) : null;
      long s0 = System.nanoTime();
      rows += ledger.balances(holder, item).size();
      ns[q] = System.nanoTime() - s0;
    }
    Arrays.sort(ns);
    System.out.printf(
        "balance query (node, project or all holders; with or without item): median %.3f ms, p99 %.3f ms, max %.3f ms over %,d queries (%,d rows); target 100 ms: %s%n",
        ns[queries / 2] / 1e6,
        ns[queries * 99 / 100] / 1e6,
        ns[queries - 1] / 1e6,
        queries,
        rows,
        ns[queries * 99 / 100] / 1e6 <= 100 ? "met" : "NOT met");

    Instant now = ledger.latestTime().plus(Duration.ofHours(1));
    long a0 = System.nanoTime();
    var alerts = ledger.alerts(now);
    double alertMs = (System.nanoTime() - a0) / 1e6;
    long open = alerts.stream().filter(a -> a.status().equals("open")).count();
    System.out.printf(
        "alerts: all %,d computed in %.1f ms (%,d open; shortfall %d, overdue %d, over-consumption %d)%n",
        alerts.size(),
        alertMs,
        open,
        count(alerts, "shortfall"),
        count(alerts, "overdue"),
        count(alerts, "over-consumption"));

    long r0 = System.nanoTime();
    Ledger half = m.asOf(index / 2);
    System.out.printf(
        "balance as of log index %,d (replay of the kept facts): %.0f ms, %,d rows%n",
        index / 2, (System.nanoTime() - r0) / 1e6, half.balances(null, null).size());
    return 0;
  }

  private static long count(List<org.stabilis.material.Alert.View> alerts, String kind) {
    return alerts.stream().filter(a -> a.kind().equals(kind)).count();
  }
}
