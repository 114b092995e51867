/**
 * The workflow's settings (reporting rhythm and grace per source, who reports, the 通报 flag, the proposed
 * deadlines), stored as one synced setting so that every copy of the ledger applies the same rules.
 * Defaults follow the seed notice (虞政办发〔2016〕36号 一(一)–(六)).
 */
import type { Kysely } from 'kysely';
import { getSetting, setSetting } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import { DEFAULT_WORKFLOW_SETTINGS, sourceRhythm, workflowSettings, type SourceRhythm, type WorkflowSettings } from '../../contract/workflow';
import { TASK_SOURCES, type TaskSource } from '../../contract/vocabulary';
import type { ServiceContext } from '../context';

/** The settings row's id. */
export const WORKFLOW_SETTING_KEY = 'workflow';

/** The defaults live in the contract so that 设置 can offer 恢复默认 without asking main. */
export { DEFAULT_WORKFLOW_SETTINGS };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One field of the stored value if it is valid, else its default: a bad field never costs the others. */
function field<T>(stored: Record<string, unknown>, key: string, parse: (v: unknown) => { success: boolean; data?: T }, fallback: T): T {
  const result = parse(stored[key]);
  return result.success ? (result.data as T) : fallback;
}

/** The stored settings, field by field, falling back to the default of each field that is missing or invalid. */
export async function readWorkflowSettings(db: Kysely<Database>): Promise<WorkflowSettings> {
  const stored = await getSetting(db, WORKFLOW_SETTING_KEY);
  if (!isRecord(stored)) return structuredClone(DEFAULT_WORKFLOW_SETTINGS);
  const whole = workflowSettings.safeParse(stored);
  if (whole.success) return whole.data;
  const shape = workflowSettings.shape;
  const rhythmsStored = isRecord(stored.rhythms) ? stored.rhythms : {};
  const rhythms = Object.fromEntries(
    TASK_SOURCES.map((source) => [
      source,
      field<SourceRhythm>(rhythmsStored, source, (v) => sourceRhythm.safeParse(v), { ...DEFAULT_WORKFLOW_SETTINGS.rhythms[source] }),
    ]),
  ) as Record<TaskSource, SourceRhythm>;
  return {
    rhythms,
    assistUnitsReport: field(stored, 'assistUnitsReport', (v) => shape.assistUnitsReport.safeParse(v), DEFAULT_WORKFLOW_SETTINGS.assistUnitsReport),
    chaseFlagCount: field(stored, 'chaseFlagCount', (v) => shape.chaseFlagCount.safeParse(v), DEFAULT_WORKFLOW_SETTINGS.chaseFlagCount),
    noticeAnswerDays: field(stored, 'noticeAnswerDays', (v) => shape.noticeAnswerDays.safeParse(v), DEFAULT_WORKFLOW_SETTINGS.noticeAnswerDays),
    rectificationDays: field(stored, 'rectificationDays', (v) => shape.rectificationDays.safeParse(v), DEFAULT_WORKFLOW_SETTINGS.rectificationDays),
  };
}

export function getWorkflowSettings(ctx: ServiceContext): Promise<WorkflowSettings> {
  return readWorkflowSettings(ctx.ledger.db);
}

/** Replaces the settings (the input is already checked by the contract's schema). */
export async function updateWorkflowSettings(ctx: ServiceContext, input: WorkflowSettings): Promise<WorkflowSettings> {
  await ctx.ledger.db.transaction().execute((trx) => setSetting(trx, ctx.write, WORKFLOW_SETTING_KEY, input));
  return getWorkflowSettings(ctx);
}
