/**
 * Splits an integer number of cents by weights so the parts add up exactly (Hamilton's largest-remainder
 * method). Remainder rule: each part gets the floor of its exact share; the cents left over go one each
 * to the largest fractional remainders, ties broken by key ascending. Zero total weight → equal weights.
 */
export function apportionCents(totalCents: number, weights: readonly { key: string; weight: number }[]): Map<string, number> {
  if (!Number.isInteger(totalCents) || totalCents < 0) throw new Error(`core/cost-split: cannot apportion ${totalCents} cents`);
  const result = new Map<string, number>();
  if (weights.length === 0) {
    if (totalCents !== 0) throw new Error('core/cost-split: cannot apportion a non-zero amount among nobody');
    return result;
  }
  for (const w of weights) {
    if (!Number.isFinite(w.weight) || w.weight < 0) throw new Error(`core/cost-split: weight of '${w.key}' must be a non-negative number`);
  }
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  const effective = sum > 0 ? weights : weights.map((w) => ({ key: w.key, weight: 1 }));
  const effectiveSum = sum > 0 ? sum : weights.length;
  let given = 0;
  const remainders = effective.map((w) => {
    const exact = (totalCents * w.weight) / effectiveSum;
    const floor = Math.floor(exact);
    result.set(w.key, (result.get(w.key) ?? 0) + floor);
    given += floor;
    return { key: w.key, fraction: exact - floor };
  });
  remainders.sort((a, b) => b.fraction - a.fraction || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < totalCents - given; i++) {
    const key = remainders[i % remainders.length]!.key;
    result.set(key, result.get(key)! + 1);
  }
  return result;
}
