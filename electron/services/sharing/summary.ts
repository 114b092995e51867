/** The one-line account of a sync the user sees (sharing.md, "What the user sees"). */
import type { MergeReport } from '../../../db/sync/merge';

export interface SyncCounts {
  added: number;
  changed: number;
  deleted: number;
}

export function countChanges(report: MergeReport): SyncCounts {
  const counts: SyncCounts = { added: 0, changed: 0, deleted: 0 };
  for (const table of Object.values(report.byTable)) {
    counts.added += table.added;
    counts.changed += table.changed;
    counts.deleted += table.deleted;
  }
  return counts;
}

/** "新增 12 条 · 更新 30 条（来自 张三、李四）· 3 处冲突待确认", or "没有新的修改". */
export function describeMergeReport(report: MergeReport): string {
  const { added, changed, deleted } = countChanges(report);
  const parts: string[] = [];
  if (added > 0) parts.push(`新增 ${added} 条`);
  if (changed > 0) parts.push(`更新 ${changed} 条`);
  if (deleted > 0) parts.push(`删除 ${deleted} 条`);
  let text = parts.length > 0 ? parts.join(' · ') : '没有新的修改';
  const from = report.fromOperators.filter((name) => name !== '');
  if (parts.length > 0 && from.length > 0) text += `（来自 ${from.join('、')}）`;
  if (report.conflicts > 0) text += ` · ${report.conflicts} 处冲突待确认`;
  return text;
}
