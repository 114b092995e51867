/**
 * `import-xlsx` and `export-xlsx`: the Excel engine from the command line.
 *
 *   import-xlsx <文件> --source 来源 --year 年度 [--sheet 序号或名称] [--map 列名=字段 …] [--unit-map 原文=单位|新建 …]
 *               [--assigned 交办日期] [--ref 来源依据] [--skip-invalid] [--dry-run] [--json]
 *   import-xlsx <反馈表> --feedback [--date 报送日期] [--period 报告期] [--skip-invalid] [--dry-run] [--json]
 *   export-xlsx --out 文件 [台账筛选条件，同 list] [--one-sheet]
 *   export-xlsx --out 文件 --feedback --unit 单位 [--year 年度] [--period 报告期] [--include-done]
 *
 * Exit codes: 0 done (a dry run: the file could be imported as it is); 1 refused, failed, or a dry run that found
 * rows with problems; 2 called wrongly.
 */
import path from 'node:path';
import type { ChannelInput } from '../contract/channels';
import {
  XLSX_FIELD_LABELS,
  XLSX_FIELDS,
  XLSX_ROW_ACTION_LABELS,
  type XlsxField,
  type XlsxFeedbackImportResult,
  type XlsxImportPreview,
} from '../contract/xlsx';
import {
  ROLE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  TASK_SOURCES,
  TASK_STATUSES,
  UNIT_ROLES,
  type TaskSource,
  type TaskStatus,
  type UnitRole,
} from '../contract/vocabulary';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import {
  commitXlsxImport,
  exportFeedbackXlsx,
  exportLedgerXlsx,
  importFeedbackXlsx,
  listXlsxSheets,
  previewXlsxImport,
} from '../services/xlsx';
import { formatTable, type ParsedArgs } from './args';
import { byLabelOrKey, call, CommandFailed, flag, flagValues, UsageError, type Io } from './command-kit';

export const XLSX_COMMANDS = ['import-xlsx', 'export-xlsx'] as const;

export const XLSX_USAGE = `  import-xlsx <文件.xlsx> --source 来源 --year 年度   导入细化分解表/实施计划表（按 年度+来源+序号 更新已导入的事项）
         [--sheet 第几个或名称]  [--map 列名=字段 (可多次；字段: ${XLSX_FIELDS.map((f) => XLSX_FIELD_LABELS[f]).join('/')})]
         [--unit-map 表中单位名=台账单位名|新建 (可多次)]  [--assigned 交办日期]  [--ref 来源依据]
         [--dry-run 只预览不保存]  [--skip-invalid 跳过有问题的行]  [--json]
  import-xlsx <反馈表.xlsx> --feedback [--date 报送日期] [--period 报告期] [--dry-run] [--skip-invalid]
                                                  导入单位填好的反馈表，登记为进度报告
  export-xlsx --out 文件.xlsx [筛选条件同 list] [--one-sheet]   导出台账视图（全部来源时每个来源一个工作表）
  export-xlsx --out 文件.xlsx --feedback --unit 单位 [--year 年度] [--period 报告期] [--include-done]
                                                  导出单位反馈表`;

/** Runs `import-xlsx` / `export-xlsx`; prints its own errors and returns the exit code. */
export async function xlsxCommand(ctx: ServiceContext, args: ParsedArgs, argv: readonly string[], io: Io): Promise<number> {
  try {
    if (args.command === 'import-xlsx') return args.flags.has('feedback') ? await importFeedback(ctx, args, io) : await importTasks(ctx, args, argv, io);
    if (args.command === 'export-xlsx') return await exportXlsx(ctx, args, io);
    throw new UsageError(`未知命令“${args.command ?? ''}”。`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof CommandFailed || err instanceof ServiceError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

function integer(text: string | null, what: string): number | null {
  if (text === null) return null;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UsageError(`${what}“${text}”不是整数。`);
  return n;
}

function fileArg(args: ParsedArgs): string {
  const file = args.positionals[0];
  if (!file) throw new UsageError('请指定要导入的 .xlsx 文件，例如：import-xlsx 细化分解表.xlsx --source 政府工作报告 --year 2016');
  return path.resolve(file);
}

function fieldOf(text: string): XlsxField {
  if (text === '忽略' || text === '不导入' || text === '无') return 'ignore';
  const field = XLSX_FIELDS.find((f) => f === text || XLSX_FIELD_LABELS[f] === text || XLSX_FIELD_LABELS[f].replace(/计划$/, '') === text);
  if (field) return field;
  const aliases: Record<string, XlsxField> = { 工作任务: 'title', 事项: 'title', 内容: 'content', 责任单位: 'leadUnits', 协办单位: 'assistUnits', 时间节点: 'dueDate', 办理期限: 'dueDate' };
  if (aliases[text]) return aliases[text];
  throw new UsageError(`未知的字段“${text}”，可选：${XLSX_FIELDS.map((f) => XLSX_FIELD_LABELS[f]).join('、')}。`);
}

async function unitIdByName(ctx: ServiceContext, name: string): Promise<string> {
  const units = await call(ctx, 'units.list', { includeInactive: true });
  const unit = units.find((u) => u.name === name) ?? units.find((u) => u.shortName === name);
  if (!unit) throw new CommandFailed(`找不到名为“${name}”的单位。`);
  return unit.id;
}

function pairs(argv: readonly string[], name: string): Array<[string, string]> {
  return flagValues(argv, name).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--${name} 的写法应为 左=右，例如 --${name} ${name === 'map' ? '工作任务=事项名称' : '区旅游局=新建'}。`);
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });
}

async function importTasks(ctx: ServiceContext, args: ParsedArgs, argv: readonly string[], io: Io): Promise<number> {
  const file = fileArg(args);
  const sourceText = flag(args, 'source');
  if (!sourceText) throw new UsageError('请用 --source 指定事项来源，例如 --source 政府工作报告。');
  const source = byLabelOrKey<TaskSource>(sourceText, TASK_SOURCES, SOURCE_LABELS, '来源');
  const year = integer(flag(args, 'year'), '年度');
  if (year === null) throw new UsageError('请用 --year 指定年度，例如 --year 2016。');
  let sheet: number | null = null;
  const sheetText = flag(args, 'sheet');
  if (sheetText !== null) {
    if (/^\d+$/.test(sheetText)) sheet = Number(sheetText);
    else {
      const found = (await listXlsxSheets(ctx, { file })).find((s) => s.name === sheetText);
      if (!found) throw new CommandFailed(`工作簿中没有名为“${sheetText}”的工作表。`);
      sheet = found.index;
    }
  }
  const unitMap: Record<string, string> = {};
  for (const [written, target] of pairs(argv, 'unit-map')) {
    unitMap[written] = target === '新建' || target === 'create' ? 'create' : await unitIdByName(ctx, target);
  }
  const base = {
    file,
    sheet,
    source,
    year,
    unitMap,
    assignedDate: flag(args, 'assigned'),
    sourceRef: flag(args, 'ref') ?? '',
  };
  // The mapping names columns by their header (or letter): read the proposal first.
  const proposal = await previewXlsxImport(ctx, base);
  const mapping = pairs(argv, 'map').map(([column, fieldText]) => {
    const field = fieldOf(fieldText);
    const col =
      proposal.columns.find((c) => c.letter === column.toUpperCase()) ??
      proposal.columns.find((c) => c.header === column) ??
      proposal.columns.find((c) => c.header.split('/').includes(column));
    if (!col) throw new UsageError(`表头中没有“${column}”列，可用：${proposal.columns.map((c) => `${c.letter} ${c.header}`).join('、')}。`);
    return { column: col.column, field };
  });
  const preview = mapping.length > 0 ? await previewXlsxImport(ctx, { ...base, mapping }) : proposal;
  const skipInvalid = args.flags.has('skip-invalid');
  const json = args.flags.has('json');
  const importable = preview.counts.create + preview.counts.update > 0 && !preview.sheetProblems.some((p) => p.severity === 'error');
  const ok = importable && (skipInvalid || preview.counts.invalid === 0);

  if (args.flags.has('dry-run')) {
    if (json) io.out(JSON.stringify(preview, null, 2));
    else printPreview(preview, io);
    if (!json) io.out(ok ? '（试运行，未保存。去掉 --dry-run 即可导入。）' : '（试运行，未保存。请先处理上述问题，或加 --skip-invalid 只导入没有问题的行。）');
    return ok ? 0 : 1;
  }
  const result = await commitXlsxImport(ctx, { ...base, mapping, skipInvalid });
  if (json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(
      `已导入“${preview.sheet.name}”：新建 ${result.created} 项，更新 ${result.updated} 项，未变化 ${result.unchanged} 项` +
        `${result.skipped > 0 ? `，跳过有问题的 ${result.skipped} 行` : ''}${result.unitsCreated > 0 ? `，新建单位 ${result.unitsCreated} 个` : ''}。`,
    );
  }
  return 0;
}

function printPreview(preview: XlsxImportPreview, io: Io): void {
  io.out(
    `工作表：第 ${preview.sheet.index} 个“${preview.sheet.name}”（共 ${preview.sheets.length} 个：${preview.sheets.map((s) => s.name).join('、')}）` +
      `　表头：第 ${preview.headerRows[0]}${preview.headerRows[1] !== preview.headerRows[0] ? `–${preview.headerRows[1]}` : ''} 行`,
  );
  io.out(`列对应：${preview.columns.map((c) => `${c.letter} ${c.header || '（无表头）'} → ${XLSX_FIELD_LABELS[c.field]}`).join('；')}`);
  for (const p of preview.sheetProblems) io.out(`${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
  io.out(
    formatTable(
      ['行', '序号', '事项名称', '责任单位', '完成时限', '处理', '问题'],
      preview.rows.map((r) =>
        r.kind === 'section'
          ? [String(r.rowNumber), '', '（分节标题，不导入）', '', '', '', '']
          : [
              String(r.rowNumber),
              r.task?.code ?? '',
              r.task?.title ?? '',
              (r.task?.units ?? []).map((u) => `${u.unitName ?? u.text}${u.role === 'assist' ? '(配合)' : ''}${u.resolution === 'create' ? '(新建)' : u.resolution === 'unknown' ? '(?)' : ''}`).join('、'),
              r.task?.dueDate ?? '',
              XLSX_ROW_ACTION_LABELS[r.action],
              r.problems.map((p) => `${p.severity === 'error' ? '✗' : '!'}${p.message}`).join('；'),
            ],
      ),
      [5, 8, 30, 24, 10, 6, 80],
    ),
  );
  const c = preview.counts;
  io.out(`共 ${c.rows} 行事项：新建 ${c.create}，更新 ${c.update}，有问题 ${c.invalid}${c.sections > 0 ? `；分节标题 ${c.sections} 行` : ''}${c.warnings > 0 ? `；有提示 ${c.warnings} 行` : ''}。`);
  for (const u of preview.unknownUnits) {
    io.out(
      `未知单位“${u.text}”（第 ${u.rowNumbers.join('、')} 行）：用 --unit-map ${u.text}=新建 新建该单位，或 --unit-map ${u.text}=台账中的单位名` +
        `${u.suggestions.length > 0 ? `（相近：${u.suggestions.map((s) => s.name).join('、')}）` : ''}。`,
    );
  }
}

async function importFeedback(ctx: ServiceContext, args: ParsedArgs, io: Io): Promise<number> {
  const file = fileArg(args);
  const dryRun = args.flags.has('dry-run');
  const result = await importFeedbackXlsx(
    ctx,
    { file, reportDate: flag(args, 'date'), period: flag(args, 'period'), skipInvalid: args.flags.has('skip-invalid'), dryRun },
  );
  if (args.flags.has('json')) io.out(JSON.stringify(result, null, 2));
  else printFeedback(result, dryRun, io);
  return dryRun && result.invalid > 0 && !args.flags.has('skip-invalid') ? 1 : 0;
}

function printFeedback(result: XlsxFeedbackImportResult, dryRun: boolean, io: Io): void {
  const labels = { report: '登记', empty: '未填写', duplicate: '已登记过', invalid: '有问题' } as const;
  io.out(`${result.unitName} 反馈表　报告期：${result.period || '（未填）'}　报送日期：${result.reportDate}`);
  io.out(
    formatTable(
      ['行', '序号', '事项名称', '完成比例', '处理', '问题'],
      result.rows.map((r) => [String(r.rowNumber), r.code, r.title, r.percent === null ? '' : `${r.percent}%`, labels[r.action], r.problems.map((p) => p.message).join('；')]),
      [5, 8, 36, 8, 8, 60],
    ),
  );
  const reports = result.rows.filter((r) => r.action === 'report').length;
  io.out(dryRun ? `试运行：可登记 ${reports} 条进度，未填写或已登记 ${result.skipped} 行，有问题 ${result.invalid} 行（未保存）。` : `已登记 ${result.saved} 条进度报告，跳过 ${result.skipped} 行${result.invalid > 0 ? `，有问题 ${result.invalid} 行未导入` : ''}。`);
}

async function exportXlsx(ctx: ServiceContext, args: ParsedArgs, io: Io): Promise<number> {
  const out = flag(args, 'out');
  if (!out) throw new UsageError('请用 --out 指定要写出的 .xlsx 文件。');
  const file = path.resolve(/\.xlsx$/i.test(out) ? out : `${out}.xlsx`);
  const unitName = flag(args, 'unit');
  const unitId = unitName ? await unitIdByName(ctx, unitName) : null;
  const year = integer(flag(args, 'year'), '年度');
  if (args.flags.has('feedback')) {
    if (!unitId) throw new UsageError('导出单位反馈表需要指定单位，请用 --unit 单位名称 指定。');
    const result = await exportFeedbackXlsx(ctx, { unitId, year, period: flag(args, 'period') ?? '', includeDone: args.flags.has('include-done') }, file);
    io.out(`已导出${unitName}反馈表：${result.file}（${result.rows} 项事项）`);
    return 0;
  }
  const source = flag(args, 'source');
  const role = flag(args, 'role');
  const statusText = flag(args, 'status');
  const query: ChannelInput<'tasks.list'> = {
    source: source ? byLabelOrKey<TaskSource>(source, TASK_SOURCES, SOURCE_LABELS, '来源') : null,
    year,
    unitId,
    role: role ? byLabelOrKey<UnitRole>(role, UNIT_ROLES, ROLE_LABELS, '角色') : null,
    statuses: statusText ? statusText.split(/[,，、]/).map((s) => byLabelOrKey<TaskStatus>(s.trim(), TASK_STATUSES, STATUS_LABELS, '状态')) : [],
    leader: flag(args, 'leader'),
    dueFrom: flag(args, 'due-from'),
    dueTo: flag(args, 'due-to'),
    search: flag(args, 'search') ?? '',
    sortField: (flag(args, 'sort') ?? 'due_date') as ChannelInput<'tasks.list'>['sortField'],
    sortOrder: args.flags.has('desc') ? 'desc' : 'asc',
  };
  const result = await exportLedgerXlsx(ctx, { ...query, sheetPerSource: !args.flags.has('one-sheet') }, file);
  io.out(`已导出 ${result.rows} 项事项到 ${result.file}（工作表：${result.sheets.join('、')}）`);
  return 0;
}
