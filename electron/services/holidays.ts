/**
 * The working calendar of this ledger: the built-in holidays (chinese-days, 2004–2026) with the
 * user's own overrides on top, and what follows from it — the 临期 cutoff and the due dates of
 * open tasks whose time limit is counted in days. When an override changes, those due dates are
 * recomputed in the same transaction, so the ledger never shows a deadline the calendar disagrees with.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertRow, tombstoneRow, updateRow } from '../../db/repository';
import type { ParsedInput } from '../contract/channels';
import type { HolidayYear } from '../contract/types';
import type { HolidayKind } from '../contract/vocabulary';
import { WorkCalendar } from './calendar';
import { todayOf, type ServiceContext } from './context';
import { notFound } from './errors';
import { readDueSoonWorkdays } from './settings';
import { dueSoonCutoff } from './status';

/** The office's own holiday/调休 table, for a WorkCalendar (also read by services that have only a database). */
export async function loadOverrides(db: Kysely<Database>) {
  const rows = await db.selectFrom('holiday_overrides').select(['date', 'kind']).where('deleted_hlc', 'is', null).execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as HolidayKind }));
}

export async function calendarOf(ctx: ServiceContext): Promise<WorkCalendar> {
  if (!ctx.calendarCache) ctx.calendarCache = new WorkCalendar(await loadOverrides(ctx.ledger.db));
  return ctx.calendarCache;
}

export async function dueSoonWorkdaysOf(ctx: ServiceContext): Promise<number> {
  return readDueSoonWorkdays(ctx);
}

export async function dueSoonCutoffOf(ctx: ServiceContext): Promise<string> {
  return dueSoonCutoff(todayOf(ctx), await readDueSoonWorkdays(ctx), await calendarOf(ctx));
}

export async function statusParamsOf(ctx: ServiceContext) {
  return { today: todayOf(ctx), dueSoonCutoff: await dueSoonCutoffOf(ctx) };
}

export async function getHolidayYear(ctx: ServiceContext, year: number): Promise<HolidayYear> {
  const rows = await ctx.ledger.db
    .selectFrom('holiday_overrides')
    .select(['id', 'date', 'kind', 'note'])
    .where('deleted_hlc', 'is', null)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  const calendar = await calendarOf(ctx);
  return {
    year,
    builtIn: calendar.builtInCovers(year),
    overrides: rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind as HolidayKind, note: r.note })),
  };
}

/** Recomputes the due dates of open tasks with a time limit, after the calendar changed. */
async function recomputeDueDates(trx: Kysely<Database>, ctx: ServiceContext, calendar: WorkCalendar): Promise<number> {
  const open = await trx
    .selectFrom('tasks')
    .select(['id', 'assigned_date', 'time_limit_value', 'time_limit_unit', 'due_date'])
    .where('deleted_hlc', 'is', null)
    .where('completed_on', 'is', null)
    .where('time_limit_value', 'is not', null)
    // An approved extension fixed the deadline at a date the office granted: the calendar no longer moves it.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('extension_requests as e').select('e.id').whereRef('e.task_id', '=', 'tasks.id').where('e.status', '=', 'approved').where('e.deleted_hlc', 'is', null))),
    )
    .execute();
  let changed = 0;
  for (const t of open) {
    const unit = t.time_limit_unit === 'workday' ? 'workday' : 'day';
    const due = calendar.addDays(t.assigned_date, t.time_limit_value as number, unit);
    if (due !== t.due_date) {
      await updateRow(trx, ctx.write, 'tasks', t.id, { due_date: due });
      changed += 1;
    }
  }
  return changed;
}

async function changeCalendar(ctx: ServiceContext, edit: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const db = ctx.ledger.db;
  await db.transaction().execute(async (trx) => {
    await edit(trx);
    const calendar = new WorkCalendar(await loadOverrides(trx));
    await recomputeDueDates(trx, ctx, calendar);
  });
  ctx.calendarCache = null;
}

export async function setHoliday(ctx: ServiceContext, input: ParsedInput<'holidays.set'>): Promise<HolidayYear> {
  await changeCalendar(ctx, async (trx) => {
    const existing = await trx
      .selectFrom('holiday_overrides')
      .select('id')
      .where('date', '=', input.date)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (existing) await updateRow(trx, ctx.write, 'holiday_overrides', existing.id, { kind: input.kind, note: input.note });
    else await insertRow(trx, ctx.write, 'holiday_overrides', { date: input.date, kind: input.kind, note: input.note });
  });
  return getHolidayYear(ctx, Number(input.date.slice(0, 4)));
}

export async function removeHoliday(ctx: ServiceContext, id: string): Promise<HolidayYear> {
  let date = '';
  await changeCalendar(ctx, async (trx) => {
    const row = await trx
      .selectFrom('holiday_overrides')
      .select(['id', 'date'])
      .where('id', '=', id)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('节假日调整');
    date = row.date;
    await tombstoneRow(trx, ctx.write, 'holiday_overrides', id);
  });
  return getHolidayYear(ctx, Number(date.slice(0, 4)));
}
