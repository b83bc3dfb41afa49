package org.stabilis.material;

import java.time.Duration;

/**
 * Tolerances of the mass-balance alerts (SPEC §5).
 *
 * @param shortfallPerMille a receipt short by more than this share of the shipped quantity raises
 *     {@code shortfall} (SPEC default 0.5% = 5‰)
 * @param overdueAfter a shipment not received within this time raises {@code overdue} (SPEC: 72 h)
 * @param overConsumptionPoints consumption may run ahead of the inspected progress by this many
 *     percentage points of the bill before {@code over-consumption} is raised; inspections lag the
 *     work on site, so a small allowance avoids an alert on every delivery used before a visit
 */
public record Policy(int shortfallPerMille, Duration overdueAfter, int overConsumptionPoints) {
  public static final Policy DEFAULT = new Policy(5, Duration.ofHours(72), 10);

  /** Largest gap between shipped and accounted quantity that raises no shortfall. */
  public long shortfallTolerance(long shipped) {
    return shipped * shortfallPerMille / 1000;
  }

  /** Most a project may have consumed of an item: bill × (inspected progress + allowance). */
  public long consumptionAllowance(long bill, int inspectedProgress) {
    long points = inspectedProgress + overConsumptionPoints;
    if (bill < Long.MAX_VALUE / 1000) return bill * points / 100;
    return java.math.BigInteger.valueOf(bill)
        .multiply(java.math.BigInteger.valueOf(points))
        .divide(java.math.BigInteger.valueOf(100))
        .longValueExact();
  }
}
