/** The ledger as a whole: what the app shows in its status bar, the first-run set-up, the health check. */
import { checkIntegrity } from '../../db/connection';
import { writeLocalMeta } from '../../db/local-meta';
import { setSetting } from '../../db/repository';
import type { ParsedInput } from '../contract/channels';
import type { AppInfo, ErrorReportReceipt, IntegrityReport } from '../contract/types';
import { todayOf, type ServiceContext } from './context';
import { yearsInLedger } from './dashboard';
import { loadDemoLedger } from './demo';
import { officeNameOf, operatorOf, readDueSoonWorkdays } from './settings';

export async function getAppInfo(ctx: ServiceContext): Promise<AppInfo> {
  const operator = operatorOf(ctx);
  return {
    dbPath: ctx.ledger.file,
    schemaVersion: ctx.ledger.schemaVersion,
    deviceId: ctx.write.deviceId,
    operator,
    officeName: await officeNameOf(ctx),
    firstRun: operator === '',
    today: todayOf(ctx),
    dueSoonWorkdays: await readDueSoonWorkdays(ctx),
    years: await yearsInLedger(ctx),
  };
}

export async function setUpLedger(ctx: ServiceContext, input: ParsedInput<'app.setup'>): Promise<AppInfo> {
  writeLocalMeta(ctx.ledger.sqlite, 'operator', input.operator);
  ctx.write.operator = input.operator;
  await ctx.ledger.db.transaction().execute((trx) => setSetting(trx, ctx.write, 'officeName', input.officeName));
  if (input.loadDemo) await loadDemoLedger(ctx);
  return getAppInfo(ctx);
}

export function checkLedger(ctx: ServiceContext): IntegrityReport {
  const result = checkIntegrity(ctx.ledger.sqlite);
  return { ok: result.ok, schemaVersion: ctx.ledger.schemaVersion, messages: result.messages };
}

/** The renderer's unexpected error: to the host's log (main), else to stderr (the e2e bridge, tests). */
export function reportRendererError(ctx: ServiceContext, report: ParsedInput<'app.reportError'>): ErrorReportReceipt {
  const log = ctx.ports.logRendererError;
  if (!log) {
    console.error(`界面错误 renderer ${report.where}${report.page ? ` on ${report.page}` : ''}: ${report.message}`);
    return { logged: false, logsFolder: null };
  }
  return { logged: true, logsFolder: log(report) };
}
