/** A ledger view in words: “2016年 · 会议决定事项 · 百官街道（牵头） · 逾期” (台账摘录 wizard, printouts). */
import { ROLE_LABELS, SOURCE_LABELS, STATUS_LABELS, type ChannelInput, type Unit } from '../../../electron/contract';
import { fmtDate } from '../format';

type ViewFilters = Pick<ChannelInput<'tasks.list'>, 'year' | 'source' | 'unitId' | 'role' | 'statuses' | 'leader' | 'dueFrom' | 'dueTo' | 'search'>;

/**
 * The filters in the order an officer says them. A printout names the source first (its title reads
 * 督查台账（民生实事 · 2026年）) and leaves out “全部来源”; the wizard starts with the year and says it.
 */
export function ledgerViewParts(q: Partial<ViewFilters>, units: Unit[], opts: { sourceFirst?: boolean } = {}): string[] {
  const parts: string[] = [];
  const year = q.year ? `${q.year}年` : '全部年度';
  if (opts.sourceFirst) {
    if (q.source) parts.push(SOURCE_LABELS[q.source]);
    parts.push(year);
  } else {
    parts.push(year, q.source ? SOURCE_LABELS[q.source] : '全部来源');
  }
  if (q.unitId) {
    const name = units.find((u) => u.id === q.unitId)?.name ?? '所选单位';
    parts.push(q.role ? `${name}（${ROLE_LABELS[q.role]}）` : name);
  } else if (q.role) {
    parts.push(`${ROLE_LABELS[q.role]}单位`);
  }
  if (q.statuses && q.statuses.length > 0) parts.push(q.statuses.map((s) => STATUS_LABELS[s]).join('、'));
  if (q.leader) parts.push(`责任领导 ${q.leader}`);
  if (q.dueFrom || q.dueTo) parts.push(`期限 ${q.dueFrom ? fmtDate(q.dueFrom) : '不限'} 至 ${q.dueTo ? fmtDate(q.dueTo) : '不限'}`);
  if (q.search) parts.push(`含“${q.search}”`);
  return parts;
}

export function describeLedgerQuery(q: Partial<ViewFilters>, units: Unit[]): string {
  return ledgerViewParts(q, units).join(' · ');
}
