/** One measured figure as bench/run.ts prints it and writes it to bench/results.json (also bench/renderer.ts's). */
export interface Figure {
  name: string;
  /** ledger size the figure was measured at */
  size: string;
  runs: number;
  medianMs: number;
  p95Ms: number | null;
  minMs: number;
  maxMs: number;
  /** budget in ms (or MB for memory) */
  budget: number;
  unit: 'ms' | 'MB';
  ok: boolean;
  note?: string;
}

/** Median, p95 (from 10 values up) and range of some timings. */
export function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p95 = sorted.length >= 10 ? sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! : null;
  return { median, p95, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** To a tenth of a millisecond, as figures are printed and stored. */
export const round = (n: number) => Math.round(n * 10) / 10;
