/**
 * Chase events: a unit is "chased once" per distinct date on which 催办 actions (supervision_actions with
 * purpose 'chase', not tombstoned) were recorded for it — one telephone round about five items is one chase,
 * not five. Counted per year for the 考核 and since the last signed 情况通报 for the 通报 flag.
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

/** Chase events of the year (action_date within it), oldest first (then by unit id). */
export async function chaseEventsOfYear(db: Kysely<Database>, year: number): Promise<ChaseEvent[]> {
  const rows = await db
    .selectFrom('supervision_actions')
    .select(['id', 'unit_id', 'task_id', 'document_id', 'action_date'])
    .where('deleted_hlc', 'is', null)
    .where('purpose', '=', 'chase')
    .where('unit_id', 'is not', null)
    .where('action_date', '>=', `${year}-01-01`)
    .where('action_date', '<=', `${year}-12-31`)
    .orderBy('action_date')
    .orderBy('unit_id')
    .orderBy('created_at')
    .execute();
  const events = new Map<string, ChaseEvent>();
  for (const row of rows) {
    const unitId = row.unit_id!;
    const key = `${unitId}|${row.action_date}`;
    let event = events.get(key);
    if (!event) {
      event = { unitId, date: row.action_date, actionIds: [], taskIds: [], documentIds: [] };
      events.set(key, event);
    }
    event.actionIds.push(row.id);
    if (!event.taskIds.includes(row.task_id)) event.taskIds.push(row.task_id);
    if (row.document_id !== null && !event.documentIds.includes(row.document_id)) event.documentIds.push(row.document_id);
  }
  return [...events.values()];
}

/** The 签发 date of the latest signed 情况通报 up to `today` (a cancelled one does not count), or null. */
export async function lastSituationBulletinOn(db: Kysely<Database>, today: string): Promise<string | null> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.max('signed_on').as('last'))
    .where('deleted_hlc', 'is', null)
    .where('type', '=', 'situation_bulletin')
    .where('status', '=', 'signed')
    .where('signed_on', '<=', today)
    .executeTakeFirst();
  return row?.last ?? null;
}
