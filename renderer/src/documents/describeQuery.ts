/** A ledger view in words, for the 台账摘录 wizard: “2016年 · 会议决定事项 · 百官街道（牵头） · 逾期”. */
import { ROLE_LABELS, SOURCE_LABELS, STATUS_LABELS, type Unit } from '../../../electron/contract';
import { fmtDate } from '../format';
import type { LedgerQueryInput } from './DocumentsHost';

export function describeLedgerQuery(q: LedgerQueryInput, units: Unit[]): string {
  const parts: string[] = [];
  parts.push(q.year ? `${q.year}年` : '全部年度');
  parts.push(q.source ? SOURCE_LABELS[q.source] : '全部来源');
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
  return parts.join(' · ');
}
