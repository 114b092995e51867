/**
 * `sync`, `backup`, `restore`, `check`: the shared-file protocol and the backups on the command line, over the
 * same services as the app (electron/services/sharing). Lets an office script a nightly sync and backup, and
 * lets a technician restore a ledger when the app cannot open it.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceContext } from '../services/context';
import {
  BACKUP_KIND_LABELS,
  backupsFolderOf,
  backupWorkingDatabase,
  listBackups,
  newestGoodBackup,
  restoreFromBackup,
} from '../services/sharing/backups';
import { LockHeldError } from '../services/sharing/lock';
import { describeMergeReport } from '../services/sharing/summary';
import { readSharedLink, SYNC_STEP_LABELS, syncWithSharedFile } from '../services/sharing/sync';
import type { ParsedArgs } from './args';
import { call, CommandFailed, UsageError, type Io } from './command-kit';

export const SHARING_USAGE = `  sync   <共享台账文件> [--break-lock] [--json]     与共享台账文件同步（文件不存在时由本台账导出创建）
         --break-lock  确认对方没有在同步后，解除中断留下的同步锁定
  backup [--list] [--json]                        立即备份本台账到 backups 文件夹；--list 列出已有备份
  restore <备份文件> [--json]                     检查备份后用它恢复本台账（原文件改名保留，不删除）
  check  [--json]                                 检查数据库完整性与数据版本`;

function localTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The one positional argument. `--break-lock` is a switch, but the small parser gives a following word to
 * the option before it: `sync --break-lock 共享.db` must still mean the file.
 */
function sharedFileArgument(args: ParsedArgs): string {
  const breakLock = args.flags.get('break-lock');
  const file = args.positionals[0] ?? (typeof breakLock === 'string' ? breakLock : undefined);
  if (!file) throw new UsageError('请指定共享台账文件，例如：sync \\\\server\\督查\\共享台账.db');
  return file;
}

export async function syncCommand(ctx: ServiceContext, args: ParsedArgs, workingPath: string, io: Io): Promise<void> {
  const sharedPath = sharedFileArgument(args);
  const json = args.flags.has('json');
  let result;
  try {
    result = await syncWithSharedFile({
      workingDb: ctx.ledger.sqlite,
      workingPath,
      sharedPath,
      tempDir: os.tmpdir(),
      now: ctx.now,
      operator: ctx.write.operator,
      breakStaleLock: args.flags.has('break-lock'),
      clock: ctx.write.clock,
      onProgress: json ? undefined : (step) => io.err(`${SYNC_STEP_LABELS[step]}…`),
    });
  } catch (error) {
    if (error instanceof LockHeldError && error.stale) {
      throw new CommandFailed(`${error.message}如确认对方没有在同步，请加 --break-lock 重新运行。`);
    }
    throw error;
  }
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  if (result.mode === 'exported') {
    io.out(`已由本台账创建共享台账：${result.peer.path}`);
  } else {
    io.out(`同步完成：${describeMergeReport(result.report)}`);
    if (result.report.clockWarning) io.out(`注意：${result.report.clockWarning}`);
    if (result.backupOfWorking) io.out(`同步前的本机台账备份：${result.backupOfWorking}`);
    if (result.sharedBackup) io.out(`同步前的共享台账备份：${result.sharedBackup}`);
  }
  if (result.attempts > 1) io.out(`共享台账在同步过程中被他人修改，已重新合并（共 ${result.attempts} 轮）。`);
  if (result.brokeStaleLock) io.out(`已解除 ${result.brokeStaleLock.host} 留下的同步锁定。`);
  io.out(`用时 ${(result.durationMs / 1000).toFixed(1)} 秒。`);
}

export function backupCommand(ctx: ServiceContext, args: ParsedArgs, workingPath: string, io: Io): void {
  const json = args.flags.has('json');
  if (args.flags.has('list')) {
    const backups = listBackups(workingPath);
    if (json) {
      io.out(JSON.stringify(backups, null, 2));
      return;
    }
    if (backups.length === 0) io.out(`还没有备份（备份文件夹：${backupsFolderOf(workingPath)}）。`);
    for (const b of backups) io.out(`${localTime(b.takenAt)}  ${BACKUP_KIND_LABELS[b.kind]}  ${megabytes(b.sizeBytes)}  ${b.path}`);
    return;
  }
  const backup = backupWorkingDatabase(ctx.ledger.sqlite, { workingPath, reason: 'manual', now: ctx.now() });
  if (json) {
    io.out(JSON.stringify(backup, null, 2));
    return;
  }
  io.out(`已备份并通过检查：${backup.path}（${megabytes(backup.sizeBytes)}）`);
}

/** A backup named as given, or by its file name inside the ledger's backups folder. */
function resolveBackup(given: string, workingPath: string): string {
  if (existsSync(given)) return path.resolve(given);
  const inFolder = path.join(backupsFolderOf(workingPath), given);
  if (existsSync(inFolder)) return inFolder;
  throw new CommandFailed(`找不到备份文件“${given}”（也不在 ${backupsFolderOf(workingPath)} 中）。可运行 backup --list 查看已有备份。`);
}

/** Runs without opening the working ledger: it may be the damaged file being replaced. */
export function restoreCommand(args: ParsedArgs, workingPath: string, io: Io, now: () => Date = () => new Date()): void {
  const given = args.positionals[0];
  if (!given) throw new UsageError('请指定要恢复的备份文件，例如：restore 督查台账.daily.20260101-090000.db（可运行 backup --list 查看）');
  const result = restoreFromBackup(resolveBackup(given, workingPath), workingPath, { now: now() });
  if (args.flags.has('json')) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  io.out(`已用备份恢复台账：${result.restoredFrom}`);
  io.out(`台账文件：${result.workingPath}（数据版本 ${result.schemaVersion}）`);
  if (result.previousSetAside) io.out(`恢复前的台账文件已改名保留：${result.previousSetAside}`);
}

export async function checkCommand(ctx: ServiceContext, args: ParsedArgs, workingPath: string, io: Io): Promise<number> {
  const report = await call(ctx, 'app.check', {});
  const backups = listBackups(workingPath);
  const link = readSharedLink(ctx.ledger.sqlite);
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ file: workingPath, ...report, latestBackup: backups[0] ?? null, sharedLink: link }, null, 2));
    return report.ok ? 0 : 1;
  }
  io.out(`台账文件：${workingPath}`);
  io.out(`数据版本：${report.schemaVersion}`);
  for (const m of report.messages) io.out(m);
  io.out(backups[0] ? `最近备份：${localTime(backups[0].takenAt)}（共 ${backups.length} 份，${backupsFolderOf(workingPath)}）` : '还没有备份。');
  if (link) {
    const last = link.lastSync ? `，上次同步 ${localTime(new Date(link.lastSync.at))}` : '，尚未同步';
    io.out(`共享台账：${link.sharedPath}${last}`);
  }
  if (report.ok) {
    io.out('检查通过：数据库完整。');
    return 0;
  }
  const good = newestGoodBackup(workingPath);
  io.out(good ? `检查未通过：数据库存在问题。可运行 restore "${good.path}" 从最近的完好备份恢复。` : '检查未通过：数据库存在问题，且没有找到可用的备份，请联系技术人员。');
  return 1;
}

/** Said after a refusal to open a damaged working ledger: the newest backup that checks out. */
export function damagedLedgerHint(workingPath: string): string {
  const good = newestGoodBackup(workingPath);
  return good
    ? `最近的完好备份是 ${good.path}（${localTime(good.takenAt)}），可运行 restore "${good.path}" 恢复；损坏的文件会改名保留。`
    : '没有找到可用的备份，请联系技术人员。';
}
