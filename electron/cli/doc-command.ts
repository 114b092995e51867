/**
 * `doc <type> …`: drafts documents from the ledger with the same options as the app, optionally signs them,
 * and exports them as .docx — so an office can script its month-end run. Prints the files written.
 */
import path from 'node:path';
import type { ChannelInput } from '../contract/channels';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentRequest, type DocumentType } from '../contract/documents';
import { SOURCE_LABELS, TASK_SOURCES, type TaskSource, type TaskStatus } from '../contract/vocabulary';
import type { ServiceContext } from '../services/context';
import { settledJob } from '../services/documents/jobs';
import type { ParsedArgs } from './args';
import { byLabelOrKey, call, CommandFailed, flag, flagValues, UsageError, type Io } from './command-kit';

export const DOC_USAGE = `  doc    <类型> [选项]                             按台账生成公文并导出为 .docx，打印写出的文件
         类型: ${DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join(' / ')}
         --task 序号或编号 (可多次或用逗号分隔)  --unit 单位名称 (可多次)  --source 来源
         --year 年度  --from 2016-01-01  --to 2016-06-30  --deadline 2016-07-20  --quarter 3
         --basis 督查依据或考核依据  --reason 表扬事由  --facts 通报事实  --title 标题
         --out 文件夹 (缺省为当前文件夹)  --sign 签发人 (签发并编文号)  --slip (同时导出发文稿纸)`;

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface DocOptions {
  ctx: ServiceContext;
  args: ParsedArgs;
  argv: readonly string[];
  today: string;
}

function required(args: ParsedArgs, name: string, why: string): string {
  const value = flag(args, name);
  if (value === null) throw new UsageError(`${why}，请用 --${name} 指定。`);
  return value;
}

function integer(text: string | null, what: string): number | null {
  if (text === null) return null;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UsageError(`${what}“${text}”不是整数。`);
  return n;
}

async function unitIdsOf({ ctx, argv }: DocOptions): Promise<string[]> {
  const names = flagValues(argv, 'unit');
  if (names.length === 0) return [];
  const units = await call(ctx, 'units.list', { includeInactive: true });
  return names.map((name) => {
    const unit = units.find((u) => u.name === name || u.shortName === name || u.id === name);
    if (!unit) throw new CommandFailed(`找不到名为“${name}”的单位。`);
    return unit.id;
  });
}

/** Every ledger row matching the filter (the service pages by 500). */
async function ledgerRows(ctx: ServiceContext, filter: ChannelInput<'tasks.list'>) {
  const rows: Awaited<ReturnType<typeof call<'tasks.list'>>>['rows'] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call(ctx, 'tasks.list', { ...filter, offset, limit: 500 });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

/** `--task` values: a task id, or its 序号 as the office writes it (narrowed by --year and --source). */
async function taskIdsOf(options: DocOptions, year: number | null, source: TaskSource | null): Promise<string[]> {
  const wanted = flagValues(options.argv, 'task');
  if (wanted.length === 0) return [];
  const rows = wanted.every((w) => ID_RE.test(w)) ? [] : await ledgerRows(options.ctx, { year, source });
  return wanted.map((w) => {
    if (ID_RE.test(w)) return w;
    const matches = rows.filter((r) => r.code === w);
    if (matches.length === 0) throw new CommandFailed(`找不到序号为“${w}”的督查事项${year ? `（${year}年）` : ''}。`);
    if (matches.length > 1) {
      throw new CommandFailed(`序号“${w}”对应 ${matches.length} 项事项，请用 --year 或 --source 缩小范围，或改用事项编号。`);
    }
    return matches[0]!.id;
  });
}

/** Tasks of the units in the given states, when the officer named units but no tasks. */
async function unitTasksIn(ctx: ServiceContext, unitIds: readonly string[], statuses: TaskStatus[], year: number | null): Promise<string[]> {
  const ids = new Set<string>();
  for (const unitId of unitIds) {
    for (const row of await ledgerRows(ctx, { unitId, statuses, year })) ids.add(row.id);
  }
  return [...ids];
}

function quarterOf(isoDate: string): number {
  return Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;
}

/** The DocumentRequest the options describe; the draft channel validates it further. */
async function requestOf(type: DocumentType, options: DocOptions): Promise<DocumentRequest> {
  const { ctx, args, today } = options;
  const sourceText = flag(args, 'source');
  const source = sourceText ? byLabelOrKey<TaskSource>(sourceText, TASK_SOURCES, SOURCE_LABELS, '来源') : null;
  const givenYear = integer(flag(args, 'year'), '年度');
  const year = givenYear ?? Number(today.slice(0, 4));
  const unitIds = await unitIdsOf(options);
  const taskIds = await taskIdsOf(options, givenYear, source);
  const needUnits = () => {
    if (unitIds.length === 0) throw new UsageError(`${DOCUMENT_TYPE_LABELS[type]}需要指定单位，请用 --unit 单位名称 指定。`);
  };
  const orUnitTasks = async (statuses: TaskStatus[], what: string) => {
    if (taskIds.length > 0) return taskIds;
    const found = await unitTasksIn(ctx, unitIds, statuses, givenYear);
    if (found.length === 0) throw new CommandFailed(`所选单位没有${what}的事项，无需生成${DOCUMENT_TYPE_LABELS[type]}。`);
    return found;
  };
  switch (type) {
    case 'assignment_sheet':
      if (taskIds.length === 0) throw new UsageError('督办单需要指定事项，请用 --task 序号 指定。');
      return { type, taskIds };
    case 'supervision_notice': {
      needUnits();
      const deadline = required(args, 'deadline', '督查通知书需要限期落实的日期');
      return { type, unitIds, taskIds: await orUnitTasks(['overdue', 'behind'], '逾期或滞后'), deadline, basis: flag(args, 'basis') ?? '' };
    }
    case 'urge_notice': {
      needUnits();
      const newDeadline = required(args, 'deadline', '催办通知需要新的办理期限');
      return { type, unitIds, taskIds: await orUnitTasks(['overdue'], '逾期'), newDeadline };
    }
    case 'situation_bulletin':
      return {
        type,
        source,
        year,
        periodFrom: flag(args, 'from') ?? `${year}-01-01`,
        periodTo: flag(args, 'to') ?? (today.startsWith(`${year}-`) ? today : `${year}-12-31`),
      };
    case 'praise_bulletin':
      needUnits();
      return { type, unitIds, year, reason: flag(args, 'reason') ?? '' };
    case 'criticism_bulletin': {
      needUnits();
      const explanationDeadline = required(args, 'deadline', '批评通报需要报送情况说明的期限');
      return { type, unitIds, taskIds, explanationDeadline, facts: flag(args, 'facts') ?? '' };
    }
    case 'livelihood_publication':
      return { type, year, quarter: integer(flag(args, 'quarter'), '季度') ?? quarterOf(today) };
    case 'assessment_sheet':
      return { type, year, unitIds, basis: flag(args, 'basis') ?? '' };
    case 'ledger_extract':
      return {
        type,
        title: flag(args, 'title') ?? '',
        query: {
          source,
          year: givenYear,
          unitId: unitIds[0] ?? null,
          role: null,
          statuses: [],
          leader: null,
          dueFrom: flag(args, 'from'),
          dueTo: flag(args, 'to'),
          search: '',
          sortField: 'due_date',
          sortOrder: 'asc',
          offset: 0,
          limit: 500,
        },
      };
  }
}

export async function docCommand(ctx: ServiceContext, args: ParsedArgs, argv: readonly string[], io: Io): Promise<void> {
  const [typeText, ...extra] = args.positionals;
  if (typeText === undefined) throw new UsageError(`请指定公文类型：${DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join('、')}。`);
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}。多个事项或单位请写成 --task 1 --task 2 或 --task 1,2。`);
  const type = byLabelOrKey<DocumentType>(typeText, DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, '公文类型');
  const signer = flag(args, 'sign');
  if (args.flags.get('sign') === true) throw new UsageError('选项 --sign 需要签发人姓名。');
  const folder = path.resolve(flag(args, 'out') ?? process.cwd());
  const { today } = await call(ctx, 'app.info', {});

  const request = await requestOf(type, { ctx, args, argv, today });
  const drafts = await call(ctx, 'documents.draft', request);
  const records = [];
  for (const draft of drafts) {
    records.push(signer === null ? draft : await call(ctx, 'documents.sign', { id: draft.id, signer, signedOn: today }));
  }
  // The command line is its own host: the folder comes from --out, not from a dialog.
  ctx.ports.chooseExportFolder = async () => folder;
  const { jobId } = await call(ctx, 'documents.export', { ids: records.map((r) => r.id), withSlip: args.flags.has('slip') });
  if (jobId === null) throw new CommandFailed('导出未开始。');
  const job = await settledJob(ctx, jobId);
  if (job.state !== 'done') throw new CommandFailed(job.error ?? '导出未完成。');
  for (const file of job.files) io.out(file);
  const numbers = records.flatMap((r) => r.number ?? []);
  const state = signer === null ? '草稿' : `已签发${numbers.length > 0 ? `，文号 ${numbers.join('、')}` : ''}`;
  io.out(`已生成 ${records.length} 份${DOCUMENT_TYPE_LABELS[type]}（${state}），写出 ${job.files.length} 个文件。`);
}
