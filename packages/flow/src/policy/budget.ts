/**
 * The campaign budget cap, spent in order: a lead acts while its cost still fits in what is
 * left (fixed cost and every cost already spent count), otherwise its send is skipped, free —
 * the simulator's rule (`simulate/decide.ts`), so a run and its simulation skip the same sends.
 * Returns, per candidate in order, whether it may act.
 */
export function allocateBudget(input: {
  budgetCap: number | null;
  fixedCost: number;
  spent: number;
  cost: number;
  candidates: number;
}): boolean[] {
  const { budgetCap, cost, candidates } = input;
  if (budgetCap === null || cost <= 0) return Array.from({ length: candidates }, () => true);
  // Millionths as integers, as the simulator counts: 0.1 + 0.2 must not overspend a cap of 0.3.
  const micro = (n: number) => Math.round(n * 1_000_000);
  let left = micro(budgetCap) - micro(input.fixedCost) - micro(input.spent);
  const each = micro(cost);
  return Array.from({ length: candidates }, () => {
    if (each > left) return false;
    left -= each;
    return true;
  });
}
