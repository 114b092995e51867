/**
 * Import of breakdown tables (细化分解表, 实施计划表) into the ledger: preview, then commit.
 *
 * The workbook is read and parsed before any transaction, yielding to the event loop between chunks of rows.
 * The plan — what each row becomes, with its problems — is a pure function of the parsed sheet, the units and
 * the tasks already in the ledger (and the source's rhythm); preview computes it from a plain read, and so does
 * commit, in chunks, before its one transaction. Inside the transaction commit reads the ledger again and uses
 * that plan only if what it was made from is unchanged (else plans again there), so what is saved is always
 * checked against the ledger as it is at that moment. The transaction holds only that reading and the writes.
 *
 * Rules:
 * - a row with an error (no 事项名称, unknown or ambiguous unit, unreadable or missing 完成时限, duplicate 序号,
 *   anything `taskInput` refuses) is never saved. Commit refuses the whole import — nothing saved — while any row
 *   has an error, unless `skipInvalid` is set: then only the valid rows are saved, still in one transaction;
 * - warnings (长期, a date taken from the quarterly plan, a deactivated unit, 有关部门 without a name) never block;
 * - a row matches an existing task of the same year and source by 序号 (by 事项名称 when it has no 序号) and
 *   updates it instead of creating a duplicate; only what the sheet carries changes (mapped columns), the rest of
 *   the task — 交办日期, 来源依据, contacts, progress, 办结 — stays;
 * - section headings (一、经济发展) and one-cell rows are shown as sections and not imported; blank rows are ignored.
 */
import type { Kysely, Selectable } from 'kysely';
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { Database, TaskTable } from '../../../db/schema';
import { insertRow, tombstoneRow, updateRow } from '../../../db/repository';
import { newId } from '../../../db/ids';
import { taskInput, unitInput } from '../../contract/channels';
import {
  MILESTONE_FIELDS,
  XLSX_FIELD_LABELS,
  xlsxImportCommitInput,
  xlsxImportPreviewInput,
  type MilestoneField,
  type XlsxColumn,
  type XlsxField,
  type XlsxImportCommitRequest,
  type XlsxImportPreview,
  type XlsxImportPreviewRequest,
  type XlsxImportResult,
  type XlsxParsedMilestone,
  type XlsxPreviewRow,
  type XlsxProblem,
  type XlsxProgress,
  type XlsxSheetInfo,
  type XlsxUnitRef,
  type XlsxUnknownUnit,
} from '../../contract/xlsx';
import { type TaskSource, type UnitKind, type UnitRole } from '../../contract/vocabulary';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { calendarOf } from '../holidays';
import { insertTasks, type TaskInput } from '../tasks';
import { readWorkflowSettings } from '../workflow/settings';
import { quarterEnd, readDueDate } from './dates';
import { findHeaderRow, readHeader, type SheetHeader } from './headers';
import { collectiveOf, guessUnitKind, splitUnits, UnitDirectory, type LedgerUnit } from './unit-names';
import { CHUNK_ROWS, loadWorkbookBytes, parseRequest, readWorkbookFileBytes, sheetInfos, valueText, yieldToEventLoop } from './workbook';

export type ProgressCallback = (progress: XlsxProgress) => void;

// ---------------------------------------------------------------------------------------------------------------
// Reading the sheet (before any transaction)

export interface SheetRow {
  rowNumber: number;
  /** index = 1-based column */
  values: ExcelJS.CellValue[];
}

export interface ParsedSheet {
  sheets: XlsxSheetInfo[];
  sheet: XlsxSheetInfo;
  header: SheetHeader;
  rows: SheetRow[];
}

function sheetByNumber(workbook: ExcelJS.Workbook, sheets: XlsxSheetInfo[], sheet: number | null): ExcelJS.Worksheet {
  if (sheet !== null) {
    const ws = workbook.worksheets[sheet - 1];
    if (!ws) throw new ServiceError('invalid_input', `工作簿中没有第 ${sheet} 个工作表（共 ${workbook.worksheets.length} 个）。`, { sheet: '工作表不存在' });
    return ws;
  }
  // No choice made: the first sheet with a recognisable header, else the first sheet with anything in it.
  const candidates = sheets.map((s) => workbook.worksheets[s.index - 1]!);
  return candidates.find((ws) => ws.actualRowCount > 0 && findHeaderRow(ws) !== null) ?? candidates.find((ws) => ws.actualRowCount > 0) ?? candidates[0]!;
}

/** Reads a breakdown table: its header and every row below it, yielding between chunks. */
export async function readBreakdownSheet(workbook: ExcelJS.Workbook, sheet: number | null, onProgress?: ProgressCallback): Promise<ParsedSheet> {
  const sheets = sheetInfos(workbook);
  const ws = sheetByNumber(workbook, sheets, sheet);
  const info: XlsxSheetInfo = { index: workbook.worksheets.indexOf(ws) + 1, name: ws.name, rowCount: ws.actualRowCount, columnCount: ws.actualColumnCount };
  if (ws.actualRowCount === 0) throw new ServiceError('invalid_input', `工作表“${ws.name}”是空的，请选择有数据的工作表。`, { sheet: '工作表是空的' });
  const headerRow = findHeaderRow(ws);
  if (headerRow === null) {
    throw new ServiceError(
      'invalid_input',
      `在工作表“${ws.name}”的前 30 行中找不到表头（如 序号、工作任务、牵头单位、完成时限），请确认所选工作表是细化分解表或实施计划表。`,
      { sheet: '找不到表头' },
    );
  }
  const header = readHeader(ws, headerRow);
  const width = ws.columnCount;
  const total = ws.rowCount;
  const rows: SheetRow[] = [];
  for (let r = header.last + 1; r <= total; r += 1) {
    const row = ws.getRow(r);
    const values: ExcelJS.CellValue[] = [null];
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c);
      // A cell merged across columns counts once (a section title over the whole row); merged down, it repeats
      // (a 责任领导 or 牵头单位 written once for several tasks belongs to each of them).
      const across = cell.isMerged && cell.master.address !== cell.address && Number(cell.master.row) === r;
      values.push(across ? null : cell.value);
    }
    rows.push({ rowNumber: r, values });
    if ((r - header.last) % CHUNK_ROWS === 0) {
      onProgress?.({ phase: 'parse', done: r - header.last, total: total - header.last });
      await yieldToEventLoop();
    }
  }
  onProgress?.({ phase: 'parse', done: total - header.last, total: total - header.last });
  return { sheets, sheet: info, header, rows };
}

/** The header's proposal with the user's choices applied: one column per field (the user's wins). */
export function applyMapping(columns: readonly XlsxColumn[], choices: ReadonlyArray<{ column: number; field: XlsxField }>, letter: (c: number) => string): XlsxColumn[] {
  const out = columns.map((c) => ({ ...c }));
  for (const choice of choices) {
    let col = out.find((c) => c.column === choice.column);
    if (!col) {
      col = { column: choice.column, letter: letter(choice.column), header: '', field: 'ignore', proposed: 'ignore' };
      out.push(col);
    }
    if (choice.field !== 'ignore') for (const other of out) if (other !== col && other.field === choice.field) other.field = 'ignore';
    col.field = choice.field;
  }
  return out.sort((a, b) => a.column - b.column);
}

// ---------------------------------------------------------------------------------------------------------------
// The plan (pure)

export interface ExistingTask {
  id: string;
  code: string;
  title: string;
  row: TaskTable;
}

export interface PlanInput {
  source: TaskSource;
  year: number;
  assignedDate: string | null;
  sourceRef: string;
  unitMap: Record<string, string>;
  rhythm: TaskInput['rhythm'];
}

export interface PlannedRow {
  preview: XlsxPreviewRow;
  /** the validated task input of a row that can be saved */
  input: TaskInput | null;
  existing: ExistingTask | null;
}

export interface UnitToCreate {
  id: string;
  name: string;
  kind: UnitKind;
}

export interface ImportPlan {
  columns: XlsxColumn[];
  rows: PlannedRow[];
  unknownUnits: XlsxUnknownUnit[];
  sheetProblems: XlsxProblem[];
  /** units the sheet's names map to 'create', keyed by the name as written */
  unitsToCreate: Map<string, UnitToCreate>;
  mappedFields: Set<XlsxField>;
}

const MILESTONE_LABELS: Record<MilestoneField, string> = { q1: '一季度', q2: '二季度', q3: '三季度', q4: '四季度', h1: '上半年', h2: '下半年' };
const EMPTY_MARKS = /^[—\-－/／\\无空×xX]*$/;
const SECTION_RE = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部分章类])/;

function milestoneDate(field: MilestoneField, year: number): string {
  switch (field) {
    case 'q1':
      return quarterEnd(year, 1);
    case 'q2':
    case 'h1':
      return quarterEnd(year, 2);
    case 'q3':
      return quarterEnd(year, 3);
    default:
      return quarterEnd(year, 4);
  }
}

/** A long task text: the title is its first sentence (≤ 200 characters), the whole text goes to 工作内容. */
function splitTitle(text: string): { title: string; rest: boolean } {
  if (text.length <= 200) return { title: text, rest: false };
  const stop = text.slice(0, 200).search(/[。；;！!]/);
  if (stop >= 10) return { title: text.slice(0, stop), rest: true };
  return { title: `${text.slice(0, 199)}…`, rest: true };
}

function problem(severity: XlsxProblem['severity'], field: XlsxField | null, message: string): XlsxProblem {
  return { severity, field, message };
}

/** Works out what every row becomes. Pure: the caller reads the units and tasks (inside or outside a transaction). */
export function buildPlan(
  sheet: ParsedSheet,
  columns: XlsxColumn[],
  units: readonly LedgerUnit[],
  existingTasks: readonly ExistingTask[],
  input: PlanInput,
): ImportPlan {
  const steps = planSteps(sheet, columns, units, existingTasks, input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same plan, letting the event loop run between chunks of rows: checking 10,000 rows (the task form's
 * validation for each) takes about a second. Only outside a transaction.
 */
export async function buildPlanInChunks(
  sheet: ParsedSheet,
  columns: XlsxColumn[],
  units: readonly LedgerUnit[],
  existingTasks: readonly ExistingTask[],
  input: PlanInput,
  onProgress?: ProgressCallback,
): Promise<ImportPlan> {
  const steps = planSteps(sheet, columns, units, existingTasks, input);
  // Two passes over the rows (reading them, then matching and validating): each counts half of the check.
  const total = sheet.rows.length;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.({ phase: 'check', done: Math.min(Math.floor(step.value / 2), total), total });
    await yieldToEventLoop();
  }
}

/** buildPlan's work; yields the number of rows gone through, every CHUNK_ROWS rows of each pass. */
function* planSteps(
  sheet: ParsedSheet,
  columns: XlsxColumn[],
  units: readonly LedgerUnit[],
  existingTasks: readonly ExistingTask[],
  input: PlanInput,
): Generator<number, ImportPlan> {
  let stepped = 0;
  const directory = new UnitDirectory(units);
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const columnOf = new Map<XlsxField, number>();
  for (const c of columns) if (c.field !== 'ignore') columnOf.set(c.field, c.column);
  const mappedFields = new Set(columnOf.keys());
  const milestoneFields = MILESTONE_FIELDS.filter((f) => columnOf.has(f));

  const sheetProblems: XlsxProblem[] = [];
  if (!columnOf.has('title') && !columnOf.has('content')) sheetProblems.push(problem('error', 'title', '没有对应“事项名称”（工作任务/目标任务）的列，请在列对应关系中指定。'));
  if (!columnOf.has('leadUnits')) sheetProblems.push(problem('error', 'leadUnits', '没有对应“牵头单位”（责任单位）的列，请在列对应关系中指定。'));
  if (!columnOf.has('dueDate') && milestoneFields.length === 0) sheetProblems.push(problem('error', 'dueDate', '没有对应“完成时限”（时间节点）或季度计划的列，请在列对应关系中指定。'));
  if (!columnOf.has('code')) sheetProblems.push(problem('warning', 'code', '没有“序号”列：重新导入时按事项名称识别已导入的事项。'));

  const raw = (row: SheetRow, field: XlsxField): ExcelJS.CellValue => {
    const c = columnOf.get(field);
    return c === undefined ? null : (row.values[c] ?? null);
  };
  const text = (row: SheetRow, field: XlsxField) => valueText(raw(row, field));

  const unitsToCreate = new Map<string, UnitToCreate>();
  const unknown = new Map<string, XlsxUnknownUnit>();
  const planned: PlannedRow[] = [];
  const defaultAssigned = input.assignedDate ?? `${input.year}-01-01`;

  for (const row of sheet.rows) {
    stepped += 1;
    if (stepped % CHUNK_ROWS === 0) yield stepped;
    const mappedTexts = [...columnOf.keys()].map((f) => text(row, f)).filter((t) => t !== '');
    if (mappedTexts.length === 0) continue;
    const problems: XlsxProblem[] = [];
    const code = text(row, 'code').replace(/[、.．]$/, '');
    const leadText = text(row, 'leadUnits');
    const assistText = text(row, 'assistUnits');
    const milestoneTexts = milestoneFields.map((f) => [f, text(row, f)] as const).filter(([, t]) => !EMPTY_MARKS.test(t));
    const dueText = text(row, 'dueDate');
    const headline = code || text(row, 'title') || text(row, 'content');
    if (
      leadText === '' && assistText === '' && dueText === '' && milestoneTexts.length === 0 &&
      (new Set(mappedTexts).size <= 1 || SECTION_RE.test(headline))
    ) {
      planned.push({ preview: { rowNumber: row.rowNumber, kind: 'section', action: 'skip', existingTaskId: null, task: null, problems: [] }, input: null, existing: null });
      continue;
    }

    // 事项名称 and 工作内容
    let title = text(row, 'title');
    let content = text(row, 'content');
    if (title === '' && content !== '') {
      title = content;
      content = '';
    }
    const split = splitTitle(title);
    // The whole text is kept: as 工作内容, before the sheet's own content when it has one.
    if (split.rest) content = content === '' ? title : `${title}\n${content}`;
    title = split.title;
    if (title === '') problems.push(problem('error', 'title', '缺少事项名称（工作任务）'));

    // Units
    const refs: XlsxUnitRef[] = [];
    const seen = new Set<string>();
    const addRef = (ref: XlsxUnitRef) => {
      if (ref.unitId !== null) {
        if (seen.has(ref.unitId)) return; // listed twice, or as 配合 after 牵头: the first role stays
        seen.add(ref.unitId);
      }
      refs.push(ref);
    };
    const tokens = [...splitUnits(leadText, 'lead'), ...splitUnits(assistText, 'assist')];
    for (const token of tokens) {
      const field: XlsxField = token.role === 'lead' ? 'leadUnits' : 'assistUnits';
      const mapped = input.unitMap[token.text];
      if (mapped !== undefined && mapped !== 'create') {
        const unit = unitsById.get(mapped);
        if (!unit) problems.push(problem('error', field, `“${token.text}”对应的单位不存在，请重新选择`));
        else addRef({ text: token.text, role: token.role, unitId: unit.id, unitName: unit.name, resolution: 'mapped' });
        continue;
      }
      const collective = collectiveOf(token.text);
      if (collective) {
        if ('vague' in collective) {
          problems.push(problem('warning', field, `“${token.text}”未指明具体单位，未列入责任单位`));
          continue;
        }
        const members = directory.ofKinds(collective.kinds);
        if (members.length === 0) problems.push(problem('error', field, `“${token.text}”：台账中还没有这类单位`));
        for (const u of members) addRef({ text: token.text, role: token.role, unitId: u.id, unitName: u.name, resolution: 'collective' });
        continue;
      }
      const match = directory.match(token.text);
      if (match.kind === 'unit') {
        if (!match.unit.active) problems.push(problem('warning', field, `单位“${match.unit.name}”已停用`));
        addRef({ text: token.text, role: token.role, unitId: match.unit.id, unitName: match.unit.name, resolution: 'matched' });
        continue;
      }
      if (mapped === 'create') {
        const valid = unitInput.safeParse({ name: token.text, kind: guessUnitKind(token.text) });
        if (!valid.success) {
          problems.push(problem('error', field, `不能新建单位“${token.text}”：${valid.error.issues[0]?.message ?? '名称不合要求'}`));
          continue;
        }
        const planned = unitsToCreate.get(token.text) ?? { id: newId(), name: token.text, kind: guessUnitKind(token.text) };
        unitsToCreate.set(token.text, planned);
        addRef({ text: token.text, role: token.role, unitId: planned.id, unitName: planned.name, resolution: 'create' });
        continue;
      }
      if (match.kind === 'ambiguous') {
        problems.push(problem('error', field, `“${token.text}”对应多个单位（${match.candidates.map((u) => u.name).join('、')}），请指定其中一个`));
      } else {
        problems.push(problem('error', field, `未知单位“${token.text}”：可新建该单位，或对应到已有单位`));
      }
      const entry = unknown.get(token.text) ?? {
        text: token.text,
        rowNumbers: [],
        suggestions: (match.kind === 'ambiguous' ? match.candidates : match.suggestions).map((u) => ({ unitId: u.id, name: u.name })),
        kindIfCreated: guessUnitKind(token.text),
      };
      if (!entry.rowNumbers.includes(row.rowNumber)) entry.rowNumbers.push(row.rowNumber);
      unknown.set(token.text, entry);
      refs.push({ text: token.text, role: token.role, unitId: null, unitName: null, resolution: 'unknown' });
    }
    if (tokens.length === 0 || (refs.length === 0 && !problems.some((p) => p.severity === 'error' && (p.field === 'leadUnits' || p.field === 'assistUnits')))) {
      problems.push(problem('error', 'leadUnits', '缺少牵头单位'));
    } else if (refs.length > 0 && !refs.some((r) => r.role === 'lead') && !problems.some((p) => p.field === 'leadUnits' && p.severity === 'error')) {
      problems.push(problem('error', 'leadUnits', '缺少牵头单位（只有配合单位）'));
    }

    // Milestones from the quarterly plan
    const milestones: XlsxParsedMilestone[] = milestoneTexts.map(([field, t], i) => {
      const percents = [...t.matchAll(/(\d{1,3}(?:\.\d+)?)\s*[%％]/g)];
      const explicit = percents.length > 0 ? Math.min(100, Math.round(Number(percents.at(-1)![1]))) : null;
      return {
        label: MILESTONE_LABELS[field],
        dueDate: milestoneDate(field, input.year),
        plannedPercent: explicit ?? Math.round(((i + 1) / milestoneTexts.length) * 100),
        description: t.length > 500 ? `${t.slice(0, 499)}…` : t,
      };
    });
    milestones.sort((a, b) => a.dueDate.localeCompare(b.dueDate));

    // 完成时限
    const due = columnOf.has('dueDate') ? readDueDate(raw(row, 'dueDate'), input.year) : null;
    let dueDate = due?.date ?? null;
    const notes: string[] = [];
    if (due?.problem) problems.push(problem('error', 'dueDate', due.problem));
    else if (dueDate === null && milestones.length > 0) {
      dueDate = milestones.at(-1)!.dueDate;
      if (columnOf.has('dueDate')) problems.push(problem('warning', 'dueDate', `未填写完成时限，按季度计划取 ${dueDate}`));
    } else if (dueDate === null) problems.push(problem('error', 'dueDate', '无完成时限'));
    if (due?.longTerm && dueDate !== null) {
      notes.push(`长期事项（完成时限：${due.text}）`);
      problems.push(problem('warning', 'dueDate', `完成时限“${due.text}”按 ${dueDate} 计，并在备注中注明长期`));
    }
    const sheetNote = text(row, 'note');
    const note = [sheetNote, ...notes].filter((n) => n !== '').join('；');

    planned.push({
      preview: {
        rowNumber: row.rowNumber,
        kind: 'task',
        action: 'create',
        existingTaskId: null,
        task: { code, title, content, leader: text(row, 'leader'), units: refs, dueDate, dueText: due?.text ?? '', longTerm: due?.longTerm ?? false, milestones, note },
        problems,
      },
      input: null,
      existing: null,
    });
  }

  // Duplicate 序号 within the sheet: no row of the group can be trusted to be “the” one.
  const byCode = new Map<string, PlannedRow[]>();
  for (const p of planned) {
    const code = p.preview.task?.code ?? '';
    if (code !== '') byCode.set(code, [...(byCode.get(code) ?? []), p]);
  }
  for (const [code, group] of byCode) {
    if (group.length < 2) continue;
    const rows = group.map((p) => p.preview.rowNumber).join('、');
    for (const p of group) p.preview.problems.push(problem('error', 'code', `序号“${code}”在第 ${rows} 行重复`));
  }

  // Existing tasks of the same year and source: by 序号, else (no 序号) by 事项名称.
  const existingByCode = new Map<string, ExistingTask[]>();
  const existingByTitle = new Map<string, ExistingTask[]>();
  for (const t of existingTasks) {
    if (t.code !== '') existingByCode.set(t.code, [...(existingByCode.get(t.code) ?? []), t]);
    else existingByTitle.set(t.title, [...(existingByTitle.get(t.title) ?? []), t]);
  }

  stepped = sheet.rows.length;
  for (const p of planned) {
    stepped += 1;
    if (stepped % CHUNK_ROWS === 0) yield stepped;
    const task = p.preview.task;
    if (!task) continue;
    const matches = task.code !== '' ? (existingByCode.get(task.code) ?? []) : (existingByTitle.get(task.title) ?? []);
    if (matches.length > 1) {
      p.preview.problems.push(problem('error', 'code', `台账中已有 ${matches.length} 项${task.code ? `序号为“${task.code}”` : '同名'}的事项，无法确定更新哪一项`));
    }
    const existing = matches.length === 1 ? matches[0]! : null;
    p.existing = existing;
    p.preview.existingTaskId = existing?.id ?? null;

    // The same validation as the task form.
    const candidate = {
      year: input.year,
      source: input.source,
      code: task.code,
      title: task.title,
      content: task.content,
      sourceRef: existing ? existing.row.source_ref : input.sourceRef,
      leader: task.leader,
      assignedDate: existing ? existing.row.assigned_date : defaultAssigned,
      timeLimitValue: null,
      timeLimitUnit: null,
      dueDate: task.dueDate,
      rhythm: existing ? undefined : input.rhythm,
      note: task.note,
      units: task.units.filter((u) => u.unitId !== null).map((u) => ({ unitId: u.unitId!, role: u.role })),
      milestones: task.milestones,
    };
    const hasErrors = () => p.preview.problems.some((x) => x.severity === 'error');
    const parsed = taskInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const field: XlsxField | null =
          key === 'units' ? 'leadUnits' : key === 'milestones' ? (milestoneFields[0] ?? null) : (['code', 'title', 'content', 'leader', 'dueDate', 'note'] as const).find((f) => f === key) ?? null;
        // Already said in the sheet's own words (unknown unit, no date): not twice.
        if (hasErrors() && (key === 'units' || key === 'dueDate') && p.preview.problems.some((x) => x.severity === 'error' && x.field === field)) continue;
        const label = field ? XLSX_FIELD_LABELS[field] : '';
        const message = issue.message.includes(label) || label === '' ? issue.message : `${label}：${issue.message}`;
        if (!p.preview.problems.some((x) => x.message === message)) p.preview.problems.push(problem('error', field, message));
      }
    }
    if (hasErrors() || !parsed.success) {
      p.preview.action = 'skip';
      continue;
    }
    p.input = parsed.data;
    p.preview.action = existing ? 'update' : 'create';
  }

  // Units to create only when a row that can be saved uses them.
  const used = new Set(planned.flatMap((p) => (p.input ? p.input.units.map((u) => u.unitId) : [])));
  for (const [name, u] of unitsToCreate) if (!used.has(u.id)) unitsToCreate.delete(name);

  return { columns, rows: planned, unknownUnits: [...unknown.values()], sheetProblems, unitsToCreate, mappedFields };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the ledger

async function ledgerUnits(db: Kysely<Database>): Promise<LedgerUnit[]> {
  const rows = await db.selectFrom('units').select(['id', 'name', 'short_name', 'kind', 'active']).where('deleted_hlc', 'is', null).orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind as UnitKind, active: r.active === 1 }));
}

async function ledgerTasks(db: Kysely<Database>, year: number, source: TaskSource): Promise<ExistingTask[]> {
  const rows = await db.selectFrom('tasks').selectAll().where('year', '=', year).where('source', '=', source).where('deleted_hlc', 'is', null).execute();
  return rows.map((row) => ({ id: row.id, code: row.code, title: row.title, row }));
}

/** Everything of the ledger a plan depends on (with the sheet and the request, the plan is a function of it). */
interface LedgerSnapshot {
  units: LedgerUnit[];
  existing: ExistingTask[];
  rhythm: TaskInput['rhythm'];
}

async function ledgerSnapshot(db: Kysely<Database>, year: number, source: TaskSource): Promise<LedgerSnapshot> {
  return {
    units: await ledgerUnits(db),
    existing: await ledgerTasks(db, year, source),
    rhythm: (await readWorkflowSettings(db)).rhythms[source].rhythm,
  };
}

/**
 * Whether two readings hold the same values. Compared by content, not by stamps: a merge can change a column
 * without raising the row's updated_hlc (an older change to another column), so equal stamps prove nothing.
 */
function sameSnapshot(a: LedgerSnapshot, b: LedgerSnapshot): boolean {
  if (a.rhythm !== b.rhythm || a.units.length !== b.units.length || a.existing.length !== b.existing.length) return false;
  for (let i = 0; i < a.units.length; i += 1) {
    const x = a.units[i]!;
    const y = b.units[i]!;
    if (x.id !== y.id || x.name !== y.name || x.shortName !== y.shortName || x.kind !== y.kind || x.active !== y.active) return false;
  }
  const before = new Map(a.existing.map((t) => [t.id, t.row]));
  for (const t of b.existing) {
    const row = before.get(t.id);
    if (!row) return false;
    for (const column of Object.keys(t.row) as (keyof TaskTable)[]) if (row[column] !== t.row[column]) return false;
  }
  return true;
}

/**
 * The live units links and milestones of the live tasks of one year and source, by task: one query each, led
 * by the tasks of that year and source (their index), not by all links of the ledger.
 */
async function childrenOfTasks(trx: Kysely<Database>, year: number, source: TaskSource) {
  const links = await trx
    .selectFrom('tasks')
    .innerJoin('task_units', 'task_units.task_id', 'tasks.id')
    .selectAll('task_units')
    .where('tasks.year', '=', year)
    .where('tasks.source', '=', source)
    .where('tasks.deleted_hlc', 'is', null)
    .where('task_units.deleted_hlc', 'is', null)
    .execute();
  const milestones = await trx
    .selectFrom('tasks')
    .innerJoin('milestones', 'milestones.task_id', 'tasks.id')
    .selectAll('milestones')
    .where('tasks.year', '=', year)
    .where('tasks.source', '=', source)
    .where('tasks.deleted_hlc', 'is', null)
    .where('milestones.deleted_hlc', 'is', null)
    .execute();
  const group = <R extends { task_id: string }>(rows: R[]) => {
    const byTask = new Map<string, R[]>();
    for (const r of rows) {
      const list = byTask.get(r.task_id);
      if (list) list.push(r);
      else byTask.set(r.task_id, [r]);
    }
    return byTask;
  };
  return { links: group(links), milestones: group(milestones) };
}

function previewOf(sheet: ParsedSheet, plan: ImportPlan, source: TaskSource, year: number): XlsxImportPreview {
  const tasks = plan.rows.filter((r) => r.preview.kind === 'task');
  const counts = {
    rows: tasks.length,
    create: tasks.filter((r) => r.preview.action === 'create').length,
    update: tasks.filter((r) => r.preview.action === 'update').length,
    invalid: tasks.filter((r) => r.preview.action === 'skip').length,
    sections: plan.rows.length - tasks.length,
    warnings: tasks.filter((r) => r.preview.problems.some((p) => p.severity === 'warning')).length,
  };
  const sheetErrors = plan.sheetProblems.some((p) => p.severity === 'error');
  return {
    sheets: sheet.sheets,
    sheet: sheet.sheet,
    source,
    year,
    headerRows: [sheet.header.first, sheet.header.last],
    columns: plan.columns,
    rows: plan.rows.map((r) => r.preview),
    unknownUnits: plan.unknownUnits,
    sheetProblems: plan.sheetProblems,
    counts,
    canCommit: !sheetErrors && counts.invalid === 0 && counts.create + counts.update > 0,
  };
}

/**
 * The sheet last read, by the digest of its file's bytes: an import reads the file its preview has just read,
 * and unzipping and parsing a workbook is most of a preview's time (about 2 s for 10,000 rows). Keyed by
 * content, not by path or modification time, so a file changed in between is read again. One sheet only, let go
 * once imported or after a while: a parsed 10,000-row sheet is a few MB.
 */
let lastSheet: { digest: string; sheet: number | null; parsed: ParsedSheet } | null = null;
const SHEET_KEPT_MS = 10 * 60_000;

/** The workbook read and its sheet parsed: the part of preview and commit that runs outside any transaction. */
async function readRequestedSheet(file: string, sheet: number | null, onProgress?: ProgressCallback): Promise<ParsedSheet> {
  onProgress?.({ phase: 'read', done: 0, total: 1 });
  const bytes = await readWorkbookFileBytes(file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const kept = lastSheet;
  if (kept && kept.digest === digest && kept.sheet === sheet) {
    onProgress?.({ phase: 'read', done: 1, total: 1 });
    onProgress?.({ phase: 'parse', done: kept.parsed.rows.length, total: kept.parsed.rows.length });
    return kept.parsed;
  }
  const workbook = await loadWorkbookBytes(bytes);
  onProgress?.({ phase: 'read', done: 1, total: 1 });
  await yieldToEventLoop();
  const parsed = await readBreakdownSheet(workbook, sheet, onProgress);
  const entry = { digest, sheet, parsed };
  lastSheet = entry;
  setTimeout(() => {
    if (lastSheet === entry) lastSheet = null;
  }, SHEET_KEPT_MS).unref();
  return parsed;
}

/** Forgets the sheet kept for a following import (after it was imported). */
function forgetSheet(parsed: ParsedSheet): void {
  if (lastSheet?.parsed === parsed) lastSheet = null;
}

function columnsFor(parsed: ParsedSheet, mapping: ReadonlyArray<{ column: number; field: XlsxField }>): XlsxColumn[] {
  return applyMapping(parsed.header.columns, mapping, (c) => parsed.header.columns.find((x) => x.column === c)?.letter ?? '');
}

/** The preview: every row with its parsed task and problems, the mapping, the unknown units. Writes nothing. */
export async function previewXlsxImport(ctx: ServiceContext, request: XlsxImportPreviewRequest, onProgress?: ProgressCallback): Promise<XlsxImportPreview> {
  const input = parseRequest(xlsxImportPreviewInput, request);
  const parsed = await readRequestedSheet(input.file, input.sheet, onProgress);
  onProgress?.({ phase: 'check', done: 0, total: parsed.rows.length });
  const units = await ledgerUnits(ctx.ledger.db);
  const existing = await ledgerTasks(ctx.ledger.db, input.year, input.source);
  const plan = await buildPlanInChunks(parsed, columnsFor(parsed, input.mapping), units, existing, { ...input, rhythm: undefined }, onProgress);
  onProgress?.({ phase: 'check', done: parsed.rows.length, total: parsed.rows.length });
  return previewOf(parsed, plan, input.source, input.year);
}

/**
 * Saves the sheet in one transaction: all valid rows, or nothing. Refused while any row has an error unless
 * `skipInvalid`; refused whenever the sheet itself cannot be read as a breakdown table.
 */
export async function commitXlsxImport(ctx: ServiceContext, request: XlsxImportCommitRequest, onProgress?: ProgressCallback): Promise<XlsxImportResult> {
  const input = parseRequest(xlsxImportCommitInput, request);
  const parsed = await readRequestedSheet(input.file, input.sheet, onProgress);
  const columns = columnsFor(parsed, input.mapping);
  const calendar = await calendarOf(ctx);
  const result: XlsxImportResult = { created: 0, updated: 0, unchanged: 0, skipped: 0, unitsCreated: 0, taskIds: [] };
  // Planned before the transaction, in chunks, so that checking the rows does not hold the event loop; the
  // transaction then only confirms that the ledger still is what the plan was made from.
  onProgress?.({ phase: 'check', done: 0, total: parsed.rows.length });
  const seen = await ledgerSnapshot(ctx.ledger.db, input.year, input.source);
  const early = await buildPlanInChunks(parsed, columns, seen.units, seen.existing, { ...input, rhythm: seen.rhythm }, onProgress);
  onProgress?.({ phase: 'check', done: parsed.rows.length, total: parsed.rows.length });

  await ctx.ledger.db.transaction().execute(async (trx) => {
    const now = await ledgerSnapshot(trx, input.year, input.source);
    // Changed meanwhile (an edit in another window, a sync): planned again here, against what this transaction sees.
    const plan = sameSnapshot(seen, now) ? early : buildPlan(parsed, columns, now.units, now.existing, { ...input, rhythm: now.rhythm });
    const sheetError = plan.sheetProblems.find((p) => p.severity === 'error');
    if (sheetError) throw new ServiceError('invalid_input', `${sheetError.message}未导入任何事项。`);
    const tasks = plan.rows.filter((r) => r.preview.kind === 'task');
    const invalid = tasks.filter((r) => r.input === null);
    if (invalid.length > 0 && !input.skipInvalid) {
      const list = invalid.slice(0, 10).map((r) => r.preview.rowNumber).join('、');
      throw new ServiceError(
        'invalid_input',
        `有 ${invalid.length} 行存在问题（第 ${list}${invalid.length > 10 ? ' 等' : ''} 行），未导入任何事项。请修正后重新导入，或选择“跳过有问题的行”只导入其余各行。`,
      );
    }
    const valid = tasks.filter((r) => r.input !== null);
    if (valid.length === 0) throw new ServiceError('invalid_input', '没有可以导入的事项：每一行都有问题，请查看预览中的说明。');
    result.skipped = invalid.length;

    for (const unit of plan.unitsToCreate.values()) {
      await insertRow(trx, ctx.write, 'units', {
        id: unit.id,
        name: unit.name,
        short_name: '',
        kind: unit.kind,
        leader_name: '',
        leader_phone: '',
        director_name: '',
        director_phone: '',
        liaison_name: '',
        liaison_phone: '',
        sort_order: 0,
        active: 1,
      });
      result.unitsCreated += 1;
    }
    // The links and milestones of the tasks to update, read once rather than twice per row.
    const children: TaskChildren = valid.some((r) => r.existing) ? await childrenOfTasks(trx, input.year, input.source) : { links: new Map(), milestones: new Map() };
    const written = new Set<string>();
    // New tasks are saved CHUNK_ROWS at a time, each table's rows in multi-row statements (insertTasks): one
    // statement per row was most of a large import's time. A new task cannot be the match of a later row (rows
    // match only tasks that were in the ledger before), so saving them after the updates of their chunk changes nothing.
    const taskIds: string[] = new Array<string>(valid.length);
    let pending: { index: number; input: TaskInput }[] = [];
    const saveNew = async () => {
      const ids = await insertTasks(trx, ctx, pending.map((p) => p.input), calendar);
      pending.forEach((p, i) => (taskIds[p.index] = ids[i]!));
      result.created += pending.length;
      pending = [];
    };
    for (let index = 0; index < valid.length; index += 1) {
      const row = valid[index]!;
      const taskInputValue = row.input!;
      if (row.existing) {
        const changed = await updateImportedTask(trx, ctx, row.existing, taskInputValue, plan.mappedFields, children, written);
        if (changed) result.updated += 1;
        else result.unchanged += 1;
        taskIds[index] = row.existing.id;
      } else {
        pending.push({ index, input: taskInputValue });
      }
      const done = index + 1;
      if (done % CHUNK_ROWS === 0 || done === valid.length) {
        if (pending.length > 0) await saveNew();
        // Synchronous report only: nothing but the database is awaited inside the transaction.
        onProgress?.({ phase: 'save', done, total: valid.length });
      }
    }
    for (const id of taskIds) result.taskIds.push(id);
  });
  forgetSheet(parsed);
  return result;
}

/** A task's live units links and milestones as read before any write of this import. */
interface TaskChildren {
  links: Map<string, TaskUnitRow[]>;
  milestones: Map<string, MilestoneRow[]>;
}

type TaskUnitRow = Selectable<Database['task_units']>;
type MilestoneRow = Selectable<Database['milestones']>;

/**
 * Updates a task from a re-imported row: what the sheet carries (its mapped columns) replaces what the ledger
 * has; the rest stays. Returns whether anything changed. Runs inside the caller's transaction.
 *
 * `children` holds the task's links and milestones read once for the whole import, and `existing.row` the task
 * as read in this transaction: a row that changes nothing (the usual re-import) is decided without a query.
 * Each write still goes through the repository, which compares with the stored row again; a task the import
 * has already written (two rows without 序号 naming the same task) is read afresh.
 */
async function updateImportedTask(
  trx: Kysely<Database>,
  ctx: ServiceContext,
  existing: ExistingTask,
  input: TaskInput,
  mapped: ReadonlySet<XlsxField>,
  children: TaskChildren,
  written: Set<string>,
): Promise<boolean> {
  const has = (f: XlsxField) => mapped.has(f);
  const id = existing.id;
  const fresh = !written.has(id);
  written.add(id);
  const patch: Partial<Pick<TaskTable, 'code' | 'title' | 'content' | 'leader' | 'due_date' | 'time_limit_value' | 'time_limit_unit' | 'note'>> = {};
  if (has('code')) patch.code = input.code;
  if (has('title') || has('content')) {
    patch.title = input.title;
    if (input.content !== '' || has('content')) patch.content = input.content;
  }
  if (has('leader')) patch.leader = input.leader;
  if (input.dueDate !== null && existing.row.due_date !== input.dueDate) {
    patch.due_date = input.dueDate;
    patch.time_limit_value = null;
    patch.time_limit_unit = null;
  }
  if (has('note')) patch.note = input.note;
  else if (input.note !== '' && !existing.row.note.includes(input.note)) {
    // Without a 备注 column the sheet only adds its own remark (长期事项…) to what the office wrote.
    patch.note = existing.row.note === '' ? input.note : `${existing.row.note}；${input.note}`;
  }
  const row = existing.row as unknown as Record<string, unknown>;
  const differs = Object.entries(patch).some(([column, value]) => value !== undefined && row[column] !== value);
  let changed = fresh && !differs ? false : await updateRow(trx, ctx.write, 'tasks', id, patch);

  // Units: the roles whose column the sheet has are replaced by the sheet's list.
  const links = fresh
    ? (children.links.get(id) ?? [])
    : await trx.selectFrom('task_units').selectAll().where('task_id', '=', id).where('deleted_hlc', 'is', null).execute();
  const wanted = new Map(input.units.map((u) => [u.unitId, u.role]));
  const replaced = new Set<UnitRole>([...(has('leadUnits') ? (['lead'] as const) : []), ...(has('assistUnits') ? (['assist'] as const) : [])]);
  for (const link of links) {
    const role = wanted.get(link.unit_id);
    if (role === undefined) {
      if (replaced.has(link.role as UnitRole)) {
        await tombstoneRow(trx, ctx.write, 'task_units', link.id);
        changed = true;
      }
      continue;
    }
    wanted.delete(link.unit_id);
    if (link.role !== role && (await updateRow(trx, ctx.write, 'task_units', link.id, { role }))) changed = true;
  }
  for (const [unitId, role] of wanted) {
    await insertRow(trx, ctx.write, 'task_units', { task_id: id, unit_id: unitId, role, contact_person: '', contact_phone: '', completed_on: null });
    changed = true;
  }

  // Milestones: when the sheet has a quarterly plan, it is the plan (matched by label + date, as in the form).
  if (MILESTONE_FIELDS.some((f) => has(f))) {
    const current = fresh
      ? (children.milestones.get(id) ?? [])
      : await trx.selectFrom('milestones').selectAll().where('task_id', '=', id).where('deleted_hlc', 'is', null).execute();
    const remaining = [...input.milestones];
    for (const m of current) {
      const index = remaining.findIndex((w) => w.label === m.label && w.dueDate === m.due_date);
      if (index < 0) {
        await tombstoneRow(trx, ctx.write, 'milestones', m.id);
        changed = true;
        continue;
      }
      const [next] = remaining.splice(index, 1);
      const same = m.planned_percent === next!.plannedPercent && m.description === next!.description;
      if (!same && (await updateRow(trx, ctx.write, 'milestones', m.id, { planned_percent: next!.plannedPercent, description: next!.description }))) changed = true;
    }
    for (const m of remaining) {
      await insertRow(trx, ctx.write, 'milestones', { task_id: id, label: m.label, due_date: m.dueDate, planned_percent: m.plannedPercent, description: m.description });
      changed = true;
    }
  }
  return changed;
}
