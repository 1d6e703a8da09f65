/**
 * Shares in percent with two decimals that add up to exactly 100 (largest-remainder / Hamilton method): every share
 * is first rounded down to a hundredth of a percent, then the hundredths still missing go, one each, to the shares
 * that lost the most by rounding down (ties: the earlier group). Integer arithmetic only, so no float drift.
 * With no items at all (total 0) every share is 0 — there is nothing to divide.
 */
export function percentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const SCALE = 10_000; // 100 % in hundredths
  const floors = counts.map((c) => Math.floor((c * SCALE) / total));
  const remainders = counts.map((c, i) => ({ i, r: (c * SCALE) % total }));
  let missing = SCALE - floors.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing -= 1;
  }
  return floors.map((f) => f / 100);
}
