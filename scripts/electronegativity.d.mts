/** Types for electronegativity.mjs. */
export interface ExcludedCheck {
  check: string;
  className: string;
  reason: string;
}
export interface AcceptedFinding {
  check: string;
  /** built/… or source/…; `*` within a segment, `**` across segments */
  file: string;
  reason: string;
}
export interface AcceptedList {
  accepted: AcceptedFinding[];
  excludedChecks: ExcludedCheck[];
}
export interface RawFinding {
  check: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
}
export interface ParseError {
  file: string;
  message: string;
  tolerable: boolean;
}
export interface RawScan {
  electronVersion: string;
  issues: RawFinding[];
  errors: ParseError[];
}
export interface Finding extends RawFinding {
  accepted: boolean;
  reason: string | null;
}
export interface Report {
  electronVersion: string;
  findings: Finding[];
  errors: ParseError[];
  stale: { check: string; file: string }[];
  unacceptedHigh: Finding[];
  unparsedBundles: ParseError[];
  ok: boolean;
}
export const ACCEPTED_FILE: string;
export function loadAccepted(file?: string): AcceptedList;
export function scan(options?: { excludedChecks?: ExcludedCheck[] }): Promise<RawScan>;
export function judge(raw: RawScan, list: Pick<AcceptedList, 'accepted'>): Report;
