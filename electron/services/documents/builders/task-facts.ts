/**
 * What documents say about one task, in the office's words: where it came from, its time limit, and what
 * is wrong with it (逾期, 滞后于计划, 未报送) — always with the ledger's numbers.
 */
import type { Task, TaskDetail, TaskUnitLink } from '../../../contract/types';
import { SOURCE_LABELS, TIME_LIMIT_UNIT_LABELS } from '../../../contract/vocabulary';
import { formatChineseDate, truncateText } from './chinese-text';
import type { TaskSnapshot } from './task-snapshot';

/** The source document or meeting with its date: 下管镇现场办公会议纪要（2016年4月27日）. */
export function sourceReference(task: Task): string {
  const ref = task.sourceRef.trim();
  const date = task.sourceDate ? formatChineseDate(task.sourceDate) : '';
  if (ref === '') return date ? `${SOURCE_LABELS[task.source]}（${date}）` : SOURCE_LABELS[task.source];
  // A document (《…》) is named by its title; a meeting or an instruction by its date.
  if (date === '' || ref.includes(date) || ref.includes('《')) return ref;
  return `${ref}（${date}）`;
}

/** 事项来源 as a form prints it: 会议决定事项：下管镇现场办公会议纪要（2016年4月27日）. */
export function sourceLine(task: Task): string {
  const ref = sourceReference(task);
  return ref.startsWith(SOURCE_LABELS[task.source]) ? ref : `${SOURCE_LABELS[task.source]}：${ref}`;
}

/** 办理时限: 10个工作日（2016年10月12日前） / 30日（…前） / 2016年12月31日前. */
export function timeLimitText(task: Task): string {
  const due = `${formatChineseDate(task.dueDate)}前`;
  if (task.timeLimitValue === null || task.timeLimitUnit === null) return due;
  const unit = task.timeLimitUnit === 'workday' ? `个${TIME_LIMIT_UNIT_LABELS.workday}` : TIME_LIMIT_UNIT_LABELS.day;
  return `${task.timeLimitValue}${unit}（${due}）`;
}

/** The latest report's own words on its difficulties, unless it says there are none. */
export function reportedProblems(detail: TaskDetail, unitId: string | null): string {
  const report = detail.reports.find((r) => (unitId === null || r.unitId === unitId) && r.problems.trim() !== '');
  const text = report?.problems.trim() ?? '';
  return /^(暂无|无)[。.]?$/u.test(text) ? '' : truncateText(text, 80);
}

/**
 * The problems found, one clause each: overdue by how many working days, behind the plan by how many
 * points, silent since when. `link` is the addressed unit's part in the task (its own last report).
 */
export function lagClauses(snapshot: TaskSnapshot, link: TaskUnitLink | null): string[] {
  const { detail, status } = snapshot;
  const clauses: string[] = [];
  if (status === 'overdue') {
    clauses.push(`办理期限为${formatChineseDate(detail.task.dueDate)}，已逾期${snapshot.overdueWorkdays}个工作日未办结`);
  } else if (status === 'due_soon') {
    const left = snapshot.workdaysLeft;
    clauses.push(left <= 0 ? '今日到期，尚未办结' : `距办理期限仅剩${left}个工作日，尚未办结`);
  }
  const planned = snapshot.plannedPercent;
  const actual = snapshot.latestPercent;
  if (planned !== null && planned > (actual ?? 0)) {
    clauses.push(`计划进度${planned}%，实际进度${actual ?? 0}%，落后${planned - (actual ?? 0)}个百分点`);
  } else if (actual !== null && status !== 'done') {
    clauses.push(`目前进度${actual}%`);
  }
  const lastReport = link ? link.latestReportDate : (snapshot.latestReport?.reportDate ?? null);
  if (lastReport === null) clauses.push('至今未报送进展情况');
  else if (status === 'overdue' && lastReport <= detail.task.dueDate) clauses.push(`${formatChineseDate(lastReport)}以来未报送进展，逾期后未说明原因`);
  else clauses.push(`最近一次报送进展为${formatChineseDate(lastReport)}`);
  return clauses;
}
