/**
 * Chase events: a unit is "chased once" per distinct date on which 催办 actions (supervision_actions with
 * purpose 'chase', not tombstoned) were recorded for it. Counted per year for the 考核 and since the last signed
 * 情况通报 for the 通报 flag. STUB — being written.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

export interface ChaseEvent {
  unitId: string;
  /** yyyy-mm-dd */
  date: string;
  /** the supervision_actions rows of that unit and date */
  actionIds: string[];
  taskIds: string[];
  documentIds: string[];
}

/** Chase events of the year (action_date within it), oldest first. */
export async function chaseEventsOfYear(_db: Kysely<Database>, _year: number): Promise<ChaseEvent[]> {
  return [];
}
