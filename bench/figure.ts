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
