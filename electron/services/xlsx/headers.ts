/**
 * Finding the header of a breakdown table and proposing what each column is.
 *
 * The header row is the first row (of the first 30) where cells name at least two different known fields —
 * title rows above it (《2016年政府工作报告目标任务细化分解表》, 填报单位…) are skipped, and a long merged title
 * never counts. A header merged over two rows (序号 spanning rows 3–4, 完成时限 spanning 一季度…四季度 in row 4)
 * makes a two-row header; each column is then named by its own cell and the group above it (完成时限/一季度).
 */
import type ExcelJS from 'exceljs';
import { MILESTONE_FIELDS, type XlsxColumn, type XlsxField } from '../../contract/xlsx';
import { columnLetter, valueText } from './workbook';

/**
 * Header names as offices write them, per field. Exact match first, then “contains” for names of 4+ characters
 * with at most 4 more around them (区级牵头单位, 计划完成时间) — a title that mentions 目标任务 is no header.
 */
const HEADER_VARIANTS: Array<[Exclude<XlsxField, 'title' | 'content' | 'ignore'> | 'name' | 'task', string[]]> = [
  ['code', ['序号', '编号', '序', '项目编号', '任务编号', '编码', '项目序号']],
  ['name', ['事项名称', '项目名称', '任务名称', '实事名称', '工作事项', '事项', '项目', '督查事项']],
  [
    'task',
    ['工作任务', '目标任务', '任务内容', '工作内容', '主要任务', '重点工作', '具体内容', '建设内容', '工作目标', '主要内容', '实施内容', '目标任务及内容', '任务', '内容', '年度目标', '目标', '工作要求'],
  ],
  ['leader', ['责任领导', '分管领导', '区领导', '牵头领导', '联系领导', '分管区领导', '责任区领导', '联系区领导', '领导', '牵头区领导']],
  ['leadUnits', ['牵头单位', '责任单位', '主要责任单位', '牵头部门', '责任部门', '主办单位', '承办单位', '主责单位', '牵头责任单位', '责任主体']],
  ['assistUnits', ['配合单位', '协办单位', '协同配合单位', '配合部门', '协作单位', '参与单位', '协同单位', '协助单位', '协同部门']],
  ['dueDate', ['完成时限', '时间节点', '完成时间', '完成期限', '办理期限', '办理时限', '截止日期', '时限要求', '截止时间', '时限', '计划完成时间', '完成时间节点', '办结时限', '进度安排']],
  ['note', ['备注', '说明']],
];

type HeaderKind = (typeof HEADER_VARIANTS)[number][0] | 'q1' | 'q2' | 'q3' | 'q4' | 'h1' | 'h2';

/** Whitespace and a trailing (说明) removed: “牵头\n单位（部门）” → “牵头单位”. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(][^（）()]*[）)]$/, '')
    .replace(/[:：*＊]+$/, '');
}

/** What a header names, or null. */
export function headerKind(raw: string): HeaderKind | null {
  const text = normalizeHeader(raw);
  if (text === '' || text.length > 20) return null;
  const quarter = /^(?:第)?([一二三四1-4])季度/.exec(text);
  if (quarter) return (`q${{ 一: 1, 二: 2, 三: 3, 四: 4 }[quarter[1]!] ?? quarter[1]}` as HeaderKind);
  if (/^上半年/.test(text)) return 'h1';
  if (/^下半年/.test(text)) return 'h2';
  for (const [kind, variants] of HEADER_VARIANTS) if (variants.includes(text)) return kind;
  let best: { kind: HeaderKind; length: number } | null = null;
  for (const [kind, variants] of HEADER_VARIANTS) {
    for (const v of variants) {
      if (v.length >= 4 && text.length <= v.length + 4 && text.includes(v) && (!best || v.length > best.length)) best = { kind, length: v.length };
    }
  }
  return best?.kind ?? null;
}

export interface SheetHeader {
  first: number;
  last: number;
  columns: XlsxColumn[];
}

function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

/** The first row of the first 30 that names at least two different fields; null when none does. */
export function findHeaderRow(ws: ExcelJS.Worksheet): number | null {
  const last = Math.min(ws.rowCount, 30);
  for (let r = 1; r <= last; r += 1) {
    const row = ws.getRow(r);
    const kinds = new Set<HeaderKind>();
    for (let c = 1; c <= ws.columnCount; c += 1) {
      const cell = row.getCell(c);
      if (isMergeSlave(cell) && cell.master.row === cell.row) continue; // a title merged across columns counts once
      const kind = headerKind(valueText(cell.value));
      if (kind) kinds.add(kind);
    }
    if (kinds.size >= 2) return r;
  }
  return null;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergeRanges(ws: ExcelJS.Worksheet): MergeRange[] {
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  const out: MergeRange[] = [];
  for (const ref of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    out.push({ top: Number(m[2]), left: col(m[1]!), bottom: Number(m[4]), right: col(m[3]!) });
  }
  return out;
}

/** How many rows the header takes: merges down from the header row, or a group header with named sub-columns. */
function headerDepth(ws: ExcelJS.Worksheet, first: number): number {
  const merges = mergeRanges(ws);
  let last = first;
  for (const m of merges) if (m.top === first && m.bottom > m.top) last = Math.max(last, m.bottom);
  if (last === first) {
    const next = ws.getRow(first + 1);
    const groups = merges.filter((m) => m.top === first && m.bottom === first && m.right > m.left);
    const named = groups.some((g) => {
      for (let c = g.left; c <= g.right; c += 1) if (headerKind(valueText(next.getCell(c).value)) === null) return false;
      return true;
    });
    if (named) last = first + 1;
  }
  return Math.min(last, first + 2) - first + 1;
}

/** The header's rows and the proposed field of every column. */
export function readHeader(ws: ExcelJS.Worksheet, first: number): SheetHeader {
  const last = first + headerDepth(ws, first) - 1;
  const width = ws.columnCount;
  const named: Array<{ column: number; header: string; kinds: HeaderKind[]; continuation: boolean }> = [];
  for (let c = 1; c <= width; c += 1) {
    const texts: string[] = [];
    let continuation = true;
    for (let r = first; r <= last; r += 1) {
      const cell = ws.getRow(r).getCell(c);
      const text = valueText(cell.value);
      const slave = isMergeSlave(cell);
      if (slave && Number(cell.master.col) === c) continue; // the same header merged downwards
      if (!slave && text !== '') continuation = false;
      if (text !== '' && !texts.includes(text)) texts.push(text);
    }
    // A column whose every header cell continues a merge from the left has no name of its own.
    if (texts.length === 0) continuation = true;
    const kinds = [...texts].reverse().map(headerKind).filter((k): k is HeaderKind => k !== null);
    named.push({ column: c, header: texts.map((t) => t.replace(/[\s\u3000]+/g, '')).join('/'), kinds, continuation });
  }
  const taken = new Set<XlsxField>();
  const proposal = new Map<number, XlsxField>();
  const claim = (column: number, field: XlsxField) => {
    if (taken.has(field)) return false;
    taken.add(field);
    proposal.set(column, field);
    return true;
  };
  // Names first (事项名称/项目名称 → title), so that 目标任务 beside them becomes the content.
  for (const col of named) if (!col.continuation && col.kinds[0] === 'name') claim(col.column, 'title');
  for (const col of named) {
    if (col.continuation || proposal.has(col.column)) continue;
    const kind = col.kinds[0];
    if (kind === undefined || kind === 'name') continue;
    if (kind === 'task') {
      if (!claim(col.column, 'title')) claim(col.column, 'content');
      continue;
    }
    claim(col.column, kind);
  }
  const columns: XlsxColumn[] = named
    .filter((col) => col.header !== '' || proposal.has(col.column))
    .map((col) => {
      const field = proposal.get(col.column) ?? 'ignore';
      return { column: col.column, letter: columnLetter(col.column), header: col.header, field, proposed: field };
    });
  return { first, last, columns };
}

export function isMilestoneField(field: XlsxField): field is (typeof MILESTONE_FIELDS)[number] {
  return (MILESTONE_FIELDS as readonly string[]).includes(field);
}
