/**
 * 台账摘录: any filtered view of the ledger as a document — a line saying what was filtered and when, the
 * counts, and every matching row (all pages, in the view's order) in a landscape table.
 */
import type { TaskRow } from '../../../contract/types';
import { SOURCE_LABELS, STATUS_LABELS, ROLE_LABELS, type TaskStatus } from '../../../contract/vocabulary';
import { ServiceError } from '../../errors';
import { LIMITS } from '../layout/validate';
import type { Attachment } from '../model';
import { formatChineseDate, formatPercent } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { allLedgerRows, unitDirectory } from './ledger-reads';
import { officialDocument, paragraph } from './official-frame';

type Query = RequestOf<'ledger_extract'>['query'];

/** A title longer than this would take three lines of 2号 type. */
const MAX_TITLE = 40;

async function unitLabel(dc: DraftContext, query: Query): Promise<string | null> {
  if (query.unitId === null) return null;
  const unit = (await unitDirectory(dc.ctx)).get(query.unitId);
  if (!unit) throw new ServiceError('not_found', '筛选条件中的单位已被删除，请刷新后重新筛选。', { unitId: '单位不存在' });
  return query.role ? `${unit.name}${ROLE_LABELS[query.role]}` : unit.name;
}

/** 督查台账（会议决定事项·区发改局牵头·逾期）, the filter's main terms in the title, as space allows. */
function derivedTitle(query: Query, unit: string | null): string {
  const tags = [
    query.source ? SOURCE_LABELS[query.source] : '',
    unit ?? '',
    query.statuses.map((s) => STATUS_LABELS[s]).join('、'),
    query.leader ? `${query.leader}分管` : '',
  ].filter(Boolean);
  const base = `${query.year !== null ? `${query.year}年` : ''}督查台账`;
  while (tags.length > 0 && Array.from(`${base}（${tags.join('·')}）`).length > MAX_TITLE) tags.pop();
  return tags.length > 0 ? `${base}（${tags.join('·')}）` : base;
}

function filterLine(query: Query, unit: string | null): string {
  const due =
    query.dueFrom || query.dueTo
      ? `办理期限${query.dueFrom ? `自${formatChineseDate(query.dueFrom)}` : ''}${query.dueTo ? `至${formatChineseDate(query.dueTo)}` : '起'}`
      : '';
  const terms = [
    query.year !== null ? `${query.year}年度` : '',
    query.source ? `来源为${SOURCE_LABELS[query.source]}` : '',
    unit ? `责任单位为${unit}` : '',
    query.statuses.length > 0 ? `状态为${query.statuses.map((s) => STATUS_LABELS[s]).join('、')}` : '',
    query.leader ? `责任领导为${query.leader}` : '',
    due,
    query.search ? `含“${query.search}”` : '',
  ].filter(Boolean);
  return terms.length > 0 ? `筛选条件：${terms.join('；')}` : '范围：全部督查事项';
}

function countsLine(rows: readonly TaskRow[]): string {
  const order: TaskStatus[] = ['done', 'overdue', 'behind', 'due_soon', 'on_track'];
  const parts = order.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  if (parts.length === 1) return `均为${STATUS_LABELS[parts[0]![0]]}`;
  return `其中${parts.map(([s, n]) => `${STATUS_LABELS[s]}${n}项`).join('，')}`;
}

function extractTable(title: string, rows: readonly TaskRow[]): Attachment {
  return {
    title,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        fontSize: 'small',
        columns: [
          { title: '序号', width: 4 },
          { title: '事项名称', width: 28 },
          { title: '来源', width: 9 },
          { title: '牵头单位', width: 12 },
          { title: '配合单位', width: 15 },
          { title: '办理期限', width: 11 },
          { title: '进度', width: 6 },
          { title: '状态', width: 8 },
        ],
        rows: rows.map((r, i) => [
          String(i + 1),
          // The 序号 the office knows an item by leads its name, as in the ledger view.
          r.code ? `${r.code} ${r.title}` : r.title,
          SOURCE_LABELS[r.source],
          r.leadUnits || '—',
          r.assistUnits || '—',
          formatChineseDate(r.dueDate),
          formatPercent(r.latestPercent),
          r.status === 'done' && r.completedOn ? `${STATUS_LABELS.done}（${formatChineseDate(r.completedOn)}）` : STATUS_LABELS[r.status],
        ]),
      },
    ],
  };
}

export async function draftLedgerExtract(dc: DraftContext, request: RequestOf<'ledger_extract'>): Promise<DraftedDocument[]> {
  const { query } = request;
  const unit = await unitLabel(dc, query);
  const rows = await allLedgerRows(dc.ctx, query, { sortField: query.sortField, sortOrder: query.sortOrder });
  if (rows.length === 0) {
    throw new ServiceError('invalid_input', '按当前筛选条件台账中没有督查事项，无需生成台账摘录。请调整筛选条件后重试。');
  }
  if (rows.length > LIMITS.tableRows) {
    throw new ServiceError('invalid_input', `按当前筛选条件共有${rows.length}项，超过一份台账摘录可容纳的${LIMITS.tableRows}项，请按年度、来源或单位缩小范围后分别生成。`);
  }
  const title = request.title || derivedTitle(query, unit);
  const body = [
    paragraph(`${filterLine(query, unit)}。截至${formatChineseDate(dc.today)}，共${rows.length}项，${countsLine(rows)}。明细见附件。`),
  ];
  const model = officialDocument(dc, {
    title,
    mainRecipients: '',
    body,
    attachments: [extractTable(`${title}明细表`, rows)],
    withColophon: false,
  });
  return [
    drafted('ledger_extract', model, dc.today, {
      recipients: [],
      unitIds: query.unitId ? [query.unitId] : [],
      taskIds: rows.map((r) => r.id),
      nameParts: [title],
    }),
  ];
}
