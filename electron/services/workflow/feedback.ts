/**
 * Feedback cycles: for every task–unit and reporting period, whether a report is expected, received, late,
 * missing, or covered by an approved extension. STUB — being written.
 */
import type { FeedbackCell } from '../../contract/workflow';
import type { TaskSource } from '../../contract/vocabulary';
import type { ServiceContext } from '../context';

export interface FeedbackOptions {
  year: number;
  source?: TaskSource | null;
  unitId?: string | null;
  /** 'current': each task–unit's latest period already due; 'year': every period of the year up to today */
  scope: 'current' | 'year';
}

export async function feedbackCells(_ctx: ServiceContext, _options: FeedbackOptions): Promise<FeedbackCell[]> {
  return [];
}
