/**
 * 催办通知 (seed 二(一)): to a unit that is behind on what it owes the office — an item past its deadline without
 * a result, a periodic progress report not sent (报告反馈制度), or the answer a signed 督查通知书 / 批评通报 asked for
 * by its 限期. Each item with its origin (meeting or document, 交办日期, 原定期限) and how long it is overdue, then
 * the new deadline, the written explanation required, and the consequence.
 */
import type { TaskDetail, TaskUnitLink, Unit } from '../../../contract/types';
import type { FeedbackCell, Obligation } from '../../../contract/workflow';
import { ACTION_METHOD_LABELS, ROLE_LABELS } from '../../../contract/vocabulary';
import { dayNumber } from '../../calendar';
import { ServiceError } from '../../errors';
import { feedbackCells } from '../../workflow/feedback';
import { readObligations } from '../../workflow/obligations';
import type { Block } from '../model';
import { formatChineseDate, formatMonthDay, joinNames, joinNamesCapped, plainTitle, quoted } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { requireActiveUnits, requireTaskDetails } from './ledger-reads';
import { officeContact, officialDocument, paragraph } from './official-frame';
import { requireDeadline } from './request-checks';
import { sourceReference } from './task-facts';
import { snapshotAt, type TaskSnapshot } from './task-snapshot';

const MAX_TITLE_SUBJECT = 22;

/** One chosen task as it concerns the addressed unit: overdue, or a report missing (or only named by an overdue answer). */
interface UrgeItem {
  snapshot: TaskSnapshot;
  link: TaskUnitLink;
  /** the period whose report the unit has not sent, when the task itself is not overdue */
  missing: FeedbackCell | null;
}

interface UrgeGroup {
  unit: Unit;
  items: UrgeItem[];
  /** answers the unit owes past their 限期, about the chosen tasks (or about no task in particular) */
  obligations: Obligation[];
}

function titleOf(group: UrgeGroup): string {
  const allOverdue = group.obligations.length === 0 && group.items.every((i) => i.snapshot.status === 'overdue');
  const only = group.items.length === 1 && group.obligations.length === 0 ? plainTitle(group.items[0]!.snapshot.detail.task.title) : null;
  const short = only !== null && Array.from(only).length <= MAX_TITLE_SUBJECT;
  if (allOverdue) return short ? `关于催办${quoted(only!)}事项的通知` : '关于催办逾期未办结督查事项的通知';
  if (short && group.items[0]!.missing !== null && group.items[0]!.snapshot.status !== 'overdue') return `关于催报${quoted(only!)}进展情况的通知`;
  return '关于催办督查事项有关情况的通知';
}

/** Where the item came from and what was asked: the facts the unit cannot dispute. */
function origin(dc: DraftContext, snapshot: TaskSnapshot, link: TaskUnitLink): string {
  const task = snapshot.detail.task;
  const ref = sourceReference(task);
  const code = task.code && !ref.includes(`第${task.code}项`) ? `（编号${task.code}）` : '';
  return `${quoted(plainTitle(task.title))}系${ref}确定的督查事项${code}，${dc.words.office}于${formatChineseDate(task.assignedDate)}交办你单位${ROLE_LABELS[link.role]}办理，要求于${formatChineseDate(task.dueDate)}前办结并反馈。`;
}

/** What the unit has reported: nothing, nothing since the deadline, or progress without a result. */
function feedback(snapshot: TaskSnapshot, link: TaskUnitLink): string {
  const last = link.latestReportDate;
  if (last === null) return '你单位至今未反馈办理情况，也未说明原因。';
  if (last <= snapshot.detail.task.dueDate) return `你单位${formatChineseDate(last)}报送进展后，逾期未反馈办理情况，也未说明原因。`;
  const percent = link.latestPercent !== null ? `（完成${link.latestPercent}%）` : '';
  return `你单位虽于${formatChineseDate(last)}报送进展${percent}，但至今仍未办结，也未书面说明逾期原因。`;
}

/** 催办 already done for this unit after `since` (the missed deadline): 7月1日电话催办、7月8日书面督办. */
function earlierChasing(dc: DraftContext, detail: TaskDetail, unitId: string, since: string): string {
  const chased = detail.actions
    .filter((a) => a.unitId === unitId && a.actionDate > since)
    .sort((a, b) => a.actionDate.localeCompare(b.actionDate))
    .map((a) => `${formatMonthDay(a.actionDate)}${ACTION_METHOD_LABELS[a.method]}`);
  return chased.length > 0 ? `此前，${dc.words.office}已于${joinNames(chased)}。` : '';
}

const daysLate = (due: string, today: string) => Math.max(1, dayNumber(today) - dayNumber(due));

function overdueText(dc: DraftContext, item: UrgeItem): string {
  const { snapshot, link } = item;
  const overdue = `截至${formatChineseDate(dc.today)}，该事项已逾期${snapshot.overdueWorkdays}个工作日，${feedback(snapshot, link)}`;
  return `${origin(dc, snapshot, link)}${overdue}${earlierChasing(dc, snapshot.detail, link.unitId, snapshot.detail.task.dueDate)}`;
}

/** 你单位未按要求报送该事项2016年8月进展情况 (应于…前报送). */
function missingText(dc: DraftContext, item: UrgeItem, cell: FeedbackCell): string {
  const { snapshot, link } = item;
  const task = snapshot.detail.task;
  const ref = sourceReference(task);
  const code = task.code && !ref.includes(`第${task.code}项`) ? `（编号${task.code}）` : '';
  // A 按时限反馈 period is the item's own deadline: what is owed is the result, not a period's progress.
  const what = cell.period.key.startsWith('due:') ? '办理情况' : `${cell.period.label}进展情况`;
  return (
    `${quoted(plainTitle(task.title))}系${ref}确定的督查事项${code}，由你单位${ROLE_LABELS[link.role]}办理，办理期限为${formatChineseDate(task.dueDate)}。` +
    `截至${formatChineseDate(dc.today)}，你单位未按要求报送该事项${what}（应于${formatChineseDate(cell.period.dueDate)}前报送），已逾期${daysLate(cell.period.dueDate, dc.today)}天，也未说明原因。` +
    earlierChasing(dc, snapshot.detail, link.unitId, cell.period.dueDate)
  );
}

/** 《关于…的督查通知》（虞政办督〔2016〕3号）要求你单位于…前…，已逾期N天仍未报送. */
function obligationText(dc: DraftContext, o: Obligation): string {
  const number = o.documentNumber ? `（${o.documentNumber}）` : '';
  const asked = o.kind === 'notice_answer' ? '落实整改，并将整改情况书面报告' : '报送书面情况说明和整改报告';
  return `${dc.words.office}于${formatChineseDate(o.issuedOn)}印发《${o.documentTitle}》${number}，要求你单位于${formatChineseDate(o.dueDate)}前${asked}。截至${formatChineseDate(dc.today)}，已逾期${o.daysLate}天，你单位仍未报送。`;
}

function urgeFor(dc: DraftContext, group: UrgeGroup, newDeadline: string, contact: string): DraftedDocument {
  const texts = [
    ...group.items.flatMap((item) => {
      if (item.snapshot.status === 'overdue') return [overdueText(dc, item)];
      if (item.missing) return [missingText(dc, item, item.missing)];
      return []; // named only by an overdue answer, which has its own paragraph
    }),
    ...group.obligations.map((o) => obligationText(dc, o)),
  ];
  const allOverdue = group.obligations.length === 0 && group.items.every((i) => i.snapshot.status === 'overdue');
  const intro =
    texts.length <= 1
      ? []
      : allOverdue
        ? [paragraph(`${dc.words.office}交办你单位的下列${texts.length}项督查事项已超过办理期限，至今未办结：`)]
        : [paragraph(`${dc.words.office}交办你单位的督查事项中，下列${texts.length}项未按要求办理或报告反馈：`)];
  const asked = allOverdue
    ? `请你单位接此通知后抓紧办理，于${formatChineseDate(newDeadline)}前将办理结果书面报${dc.words.reportTo}；确实无法办结的，须在上述期限前书面说明原因及阶段性进展，并明确办结时限。`
    : `请你单位接此通知后抓紧办理，于${formatChineseDate(newDeadline)}前将上述事项的办理结果、进展情况或整改情况书面报${dc.words.reportTo}；确实无法按期办结的，须在上述期限前书面说明原因及阶段性进展，并明确办结时限。`;
  const body: Block[] = [
    ...intro,
    ...texts.map((text, index) => paragraph(`${texts.length > 1 ? `${index + 1}. ` : ''}${text}`)),
    paragraph('根据督查工作报告反馈制度有关规定，现予催办。'),
    paragraph(asked),
    paragraph(`逾期仍未反馈的，${dc.words.office}将在一定范围内予以通报，并在年度目标责任制考核中按规定扣分。`),
  ];
  const model = officialDocument(dc, { title: titleOf(group), mainRecipients: group.unit.name, body, note: contact, withColophon: true });
  return drafted('urge_notice', model, dc.today, {
    recipients: [group.unit.name],
    unitIds: [group.unit.id],
    taskIds: group.items.map((i) => i.snapshot.detail.task.id),
    nameParts: [group.unit.name],
  });
}

/** The periods the chosen units have not reported for (the period being checked now), by task–unit. */
async function missingReports(dc: DraftContext, details: readonly TaskDetail[], unitIds: ReadonlySet<string>): Promise<Map<string, FeedbackCell>> {
  const taskIds = new Set(details.map((d) => d.task.id));
  const missing = new Map<string, FeedbackCell>();
  for (const year of new Set(details.map((d) => d.task.year))) {
    for (const cell of await feedbackCells(dc.ctx, { year, scope: 'current' })) {
      if (cell.state === 'missing' && taskIds.has(cell.taskId) && unitIds.has(cell.unitId)) missing.set(`${cell.taskId}|${cell.unitId}`, cell);
    }
  }
  return missing;
}

/**
 * One group per unit with the chosen tasks it is behind on; units left with nothing are skipped, and if every
 * unit is, the officer is told why, unit by unit (as unit-tasks.ts does for the other per-unit documents).
 */
function groupsOf(
  units: readonly Unit[],
  details: readonly TaskDetail[],
  snapshots: Map<string, TaskSnapshot>,
  missing: Map<string, FeedbackCell>,
  obligations: readonly Obligation[],
): UrgeGroup[] {
  const chosen = new Set(details.map((d) => d.task.id));
  const groups: UrgeGroup[] = [];
  const reasons: string[] = [];
  for (const unit of units) {
    const mine = details.flatMap((detail) => {
      const link = detail.units.find((l) => l.unitId === unit.id);
      return link ? [{ detail, link }] : [];
    });
    if (mine.length === 0) {
      reasons.push(`${unit.name}不是所选事项的责任单位`);
      continue;
    }
    const owed = obligations.filter((o) => o.unitId === unit.id && (o.taskIds.length === 0 || o.taskIds.some((t) => chosen.has(t))));
    const why = (detail: TaskDetail): string | null => {
      if (detail.status === 'done') return '已办结';
      if (detail.status === 'overdue' || missing.has(`${detail.task.id}|${unit.id}`)) return null;
      if (owed.some((o) => o.taskIds.includes(detail.task.id))) return null;
      return `尚未逾期（办理期限${formatChineseDate(detail.task.dueDate)}）`;
    };
    const kept = mine.filter((item) => why(item.detail) === null);
    if (kept.length > 0) {
      groups.push({
        unit,
        items: kept.map(({ detail, link }) => ({ snapshot: snapshots.get(detail.task.id)!, link, missing: missing.get(`${detail.task.id}|${unit.id}`) ?? null })),
        obligations: owed,
      });
      continue;
    }
    reasons.push(`${unit.name}承担的${joinNamesCapped(mine.map((item) => `${quoted(plainTitle(item.detail.task.title))}${why(item.detail) ?? ''}`), 3, '项')}`);
  }
  if (groups.length === 0) {
    throw new ServiceError('invalid_input', `没有可生成的催办通知：${reasons.join('；')}。请重新选择单位或事项。`);
  }
  return groups;
}

export async function draftUrgeNotices(dc: DraftContext, request: RequestOf<'urge_notice'>): Promise<DraftedDocument[]> {
  requireDeadline(dc, request.newDeadline, '反馈期限', 'newDeadline');
  const contact = officeContact(dc, '催办通知').line;
  const units = await requireActiveUnits(dc.ctx, request.unitIds);
  const details = await requireTaskDetails(dc.ctx, request.taskIds);
  const unitIds = new Set(units.map((u) => u.id));
  const missing = await missingReports(dc, details, unitIds);
  const obligations = (await readObligations(dc.ctx.ledger.db, dc.today, { states: ['overdue'] })).filter((o) => unitIds.has(o.unitId));
  const snapshots = new Map(details.map((d) => [d.task.id, snapshotAt(d, dc.today, dc.calendar, dc.dueSoonWorkdays)]));
  return groupsOf(units, details, snapshots, missing, obligations).map((group) => urgeFor(dc, group, request.newDeadline, contact));
}
