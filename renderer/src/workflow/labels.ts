/** Colours and small words of the workflow screens; the Chinese labels themselves come from the contract. */
import type { ChaseReason, ObligationState, ReportState } from '../../../electron/contract/workflow';

export const REPORT_STATE_COLORS: Record<ReportState, string> = {
  expected: 'default',
  received: 'green',
  late: 'orange',
  missing: 'red',
  covered: 'blue',
};

export const OBLIGATION_STATE_COLORS: Record<ObligationState, string> = {
  open: 'gold',
  overdue: 'red',
  on_time: 'green',
  late: 'red',
  void: 'default',
};

export const CHASE_REASON_COLORS: Record<ChaseReason, string> = {
  overdue_no_report: 'red',
  missing_report: 'orange',
  notice_unanswered: 'volcano',
  rectification_overdue: 'magenta',
};

/** The years offered by a page's year selector: this year and every year the ledger has tasks in, newest first. */
export function yearOptions(currentYear: number, years: number[]): Array<{ value: number; label: string }> {
  return Array.from(new Set([currentYear, ...years]))
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: `${y}年` }));
}
