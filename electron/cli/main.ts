/**
 * The headless command line over the same services the app uses:
 *   npm run cli -- <init|demo|list|doc|sync|backup|restore|check|help> [--db FILE] [options]
 * Exit code 0 on success, 1 on a refused or failed command, 2 on a usage error.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeAppContext, openAppContext, type ServiceContext } from '../services/context';
import { defaultLedgerFile } from '../services/paths';
import { LedgerDbError } from '../../db/errors';
import type { ChannelInput, ChannelOutput } from '../contract/channels';
import {
  SOURCE_LABELS,
  STATUS_LABELS,
  TASK_SOURCES,
  TASK_STATUSES,
  ROLE_LABELS,
  UNIT_ROLES,
  type TaskSource,
  type TaskStatus,
  type UnitRole,
} from '../contract/vocabulary';
import { formatTable, parseArgs, type ParsedArgs } from './args';
import { byLabelOrKey, call, CommandFailed, flag, UsageError, type Io } from './command-kit';
import { DOC_USAGE, docCommand } from './doc-command';
import { backupCommand, checkCommand, damagedLedgerHint, restoreCommand, SHARING_USAGE, syncCommand } from './sharing-command';
import { XLSX_COMMANDS, XLSX_USAGE, xlsxCommand } from './xlsx-command';
import { assertLocalWorkingDatabase } from '../services/sharing/location';
import { SharingError } from '../services/sharing/errors';

const USAGE = `督查台账 命令行

用法: npm run cli -- <命令> [--db 台账文件] [选项]

命令:
  init   [--operator 姓名] [--office 发文机关]   创建或打开台账并完成初始设置
         [--contact 督查科联系人] [--phone 联系电话]   (公文中写明的联系人)
  demo                                            向空台账载入演示数据（上虞区单位与六类督查事项）
  list   [筛选条件] [--json]                      列出督查事项
         --source 来源   (${TASK_SOURCES.map((s) => SOURCE_LABELS[s]).join(' / ')})
         --year 年度  --unit 单位名称  --role 牵头|配合  --status 状态[,状态]
         (${TASK_STATUSES.map((s) => STATUS_LABELS[s]).join(' / ')})
         --leader 责任领导  --due-from 2016-01-01  --due-to 2016-12-31  --search 关键词
         --sort due_date|code|title|status|latest_percent|updated_at  --desc
${DOC_USAGE}
${SHARING_USAGE}
${XLSX_USAGE}
  help                                            显示本说明

--db 缺省为本机应用数据目录中的台账文件：${defaultLedgerFile()}`;

export { UsageError };

async function listCommand(ctx: ServiceContext, args: ParsedArgs, io: Io): Promise<void> {
  const source = flag(args, 'source');
  const yearText = flag(args, 'year');
  const unitName = flag(args, 'unit');
  const role = flag(args, 'role');
  const statusText = flag(args, 'status');
  let unitId: string | null = null;
  if (unitName) {
    const units = await call(ctx, 'units.list', { includeInactive: true });
    const unit = units.find((u) => u.name === unitName || u.shortName === unitName);
    if (!unit) throw new CommandFailed(`找不到名为“${unitName}”的单位。`);
    unitId = unit.id;
  }
  const year = yearText === null ? null : Number(yearText);
  if (year !== null && !Number.isInteger(year)) throw new UsageError(`年度“${yearText}”不是整数。`);
  const base: ChannelInput<'tasks.list'> = {
    source: source ? byLabelOrKey<TaskSource>(source, TASK_SOURCES, SOURCE_LABELS, '来源') : null,
    year,
    unitId,
    role: role ? byLabelOrKey<UnitRole>(role, UNIT_ROLES, ROLE_LABELS, '角色') : null,
    statuses: statusText
      ? statusText.split(/[,，、]/).map((s) => byLabelOrKey<TaskStatus>(s.trim(), TASK_STATUSES, STATUS_LABELS, '状态'))
      : [],
    leader: flag(args, 'leader'),
    dueFrom: flag(args, 'due-from'),
    dueTo: flag(args, 'due-to'),
    search: flag(args, 'search') ?? '',
    sortField: (flag(args, 'sort') ?? 'due_date') as ChannelInput<'tasks.list'>['sortField'],
    sortOrder: args.flags.has('desc') ? 'desc' : 'asc',
  };
  // Page through the whole result: the service caps one page at 500 rows.
  const rows: ChannelOutput<'tasks.list'>['rows'] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call(ctx, 'tasks.list', { ...base, offset, limit: 500 });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) break;
  }
  if (args.flags.has('json')) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  io.out(
    formatTable(
      ['序号', '事项名称', '来源', '牵头单位', '办理期限', '进度', '状态'],
      rows.map((r) => [
        r.code,
        r.title,
        SOURCE_LABELS[r.source],
        r.leadUnits,
        r.dueDate,
        r.latestPercent === null ? '' : `${r.latestPercent}%`,
        STATUS_LABELS[r.status],
      ]),
      [16, 36, 12, 20, 10, 5, 10],
    ),
  );
  io.out(`共 ${rows.length} 项`);
}

export async function runCli(argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.err(String(err));
    return 2;
  }
  if (args.command === null || args.command === 'help' || args.flags.has('help')) {
    io.out(USAGE);
    return args.command === null ? 2 : 0;
  }
  if (!['init', 'demo', 'list', 'doc', 'sync', 'backup', 'restore', 'check', ...XLSX_COMMANDS].includes(args.command)) {
    io.err(`未知命令“${args.command}”。运行 npm run cli -- help 查看用法。`);
    return 2;
  }
  let ctx: ServiceContext | null = null;
  let file = '';
  try {
    file = path.resolve(flag(args, 'db') ?? defaultLedgerFile());
    // The working ledger must be on a local disk (sharing.md): a network or removable one is refused, untouched.
    assertLocalWorkingDatabase(file);
    // Restoring replaces the working file, which may be the damaged one openAppContext would refuse.
    if (args.command === 'restore') {
      restoreCommand(args, file, io);
      return 0;
    }
    ctx = openAppContext({ file });
    switch (args.command) {
      case 'init': {
        const operator = flag(args, 'operator');
        const officeName = flag(args, 'office');
        if (operator !== null || officeName !== null) {
          await call(ctx, 'settings.update', {
            ...(operator !== null ? { operator } : {}),
            ...(officeName !== null ? { officeName } : {}),
          });
        }
        const contactName = flag(args, 'contact');
        const contactPhone = flag(args, 'phone');
        if (contactName !== null || contactPhone !== null) {
          // 督查科 contact printed on notices: a document setting, kept with the others.
          const documentSettings = await call(ctx, 'documents.settings.get', {});
          await call(ctx, 'documents.settings.update', {
            ...documentSettings,
            ...(contactName !== null ? { contactName } : {}),
            ...(contactPhone !== null ? { contactPhone } : {}),
          });
        }
        const info = await call(ctx, 'app.info', {});
        io.out(`台账文件：${info.dbPath}`);
        io.out(`数据版本：${info.schemaVersion}　本机编号：${info.deviceId}`);
        io.out(`经办人：${info.operator || '（未设置）'}　发文机关：${info.officeName || '（未设置）'}`);
        break;
      }
      case 'demo': {
        const summary = await call(ctx, 'demo.load', {});
        io.out(`已载入演示数据：${summary.units} 个单位，${summary.tasks} 项督查事项，${summary.reports} 条进度报告。`);
        break;
      }
      case 'list':
        await listCommand(ctx, args, io);
        break;
      case 'doc':
        await docCommand(ctx, args, argv, io);
        break;
      case 'sync':
        await syncCommand(ctx, args, file, io);
        break;
      case 'backup':
        backupCommand(ctx, args, file, io);
        break;
      case 'check':
        return await checkCommand(ctx, args, file, io);
      case 'import-xlsx':
      case 'export-xlsx':
        return await xlsxCommand(ctx, args, argv, io);
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof LedgerDbError && err.code === 'db_corrupt' && ctx === null) {
      // The working ledger itself could not be opened: point at the backup that would bring it back.
      io.err(err.message);
      io.err(damagedLedgerHint(file));
      return 1;
    }
    if (err instanceof CommandFailed || err instanceof LedgerDbError || err instanceof SharingError) {
      io.err(err.message);
      return 1;
    }
    io.err(`命令执行失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    if (ctx) await closeAppContext(ctx);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `ledger list | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
