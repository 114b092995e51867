/**
 * Settings: shared ones live in the synced `settings` table (the office's name, thresholds),
 * the operator's name lives in this machine's local meta — it is who sits at this PC, and must
 * not travel to another PC with the ledger file.
 */
import { getSetting, setSetting } from '../../db/repository';
import { readLocalMeta, writeLocalMeta } from '../../db/local-meta';
import type { ParsedInput } from '../contract/channels';
import type { Settings } from '../contract/types';
import type { ServiceContext } from './context';

export const DEFAULT_DUE_SOON_WORKDAYS = 3;

export async function officeNameOf(ctx: ServiceContext): Promise<string> {
  const value = await getSetting(ctx.ledger.db, 'officeName');
  return typeof value === 'string' ? value : '';
}

export async function readDueSoonWorkdays(ctx: ServiceContext): Promise<number> {
  const value = await getSetting(ctx.ledger.db, 'dueSoonWorkdays');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_DUE_SOON_WORKDAYS;
}

export function operatorOf(ctx: ServiceContext): string {
  return readLocalMeta(ctx.ledger.sqlite, 'operator') ?? '';
}

export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  return {
    operator: operatorOf(ctx),
    officeName: await officeNameOf(ctx),
    dueSoonWorkdays: await readDueSoonWorkdays(ctx),
  };
}

export async function updateSettings(ctx: ServiceContext, input: ParsedInput<'settings.update'>): Promise<Settings> {
  if (input.operator !== undefined) {
    writeLocalMeta(ctx.ledger.sqlite, 'operator', input.operator);
    ctx.write.operator = input.operator;
  }
  const { officeName, dueSoonWorkdays } = input;
  if (officeName !== undefined || dueSoonWorkdays !== undefined) {
    await ctx.ledger.db.transaction().execute(async (trx) => {
      if (officeName !== undefined) await setSetting(trx, ctx.write, 'officeName', officeName);
      if (dueSoonWorkdays !== undefined) await setSetting(trx, ctx.write, 'dueSoonWorkdays', dueSoonWorkdays);
    });
  }
  return getSettings(ctx);
}
