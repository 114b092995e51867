/**
 * 催办通知 (seed 二(一)): to a unit whose items are past their deadline without a result — each item with its
 * origin (meeting or document, 交办日期, 原定期限), how long it is overdue and what the unit has (not) reported,
 * the new deadline, the written explanation required, and the consequence.
 */
import type { TaskUnitLink } from '../../../contract/types';
import { ACTION_METHOD_LABELS, ROLE_LABELS } from '../../../contract/vocabulary';
import type { Block } from '../model';
import { formatChineseDate, formatMonthDay, joinNames, plainTitle, quoted } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { requireActiveUnits, requireTaskDetails } from './ledger-reads';
import { officeContact, officialDocument, paragraph } from './official-frame';
import { requireDeadline } from './request-checks';
import { sourceReference } from './task-facts';
import { snapshotAt, type TaskSnapshot } from './task-snapshot';
import { tasksByUnit, type UnitTasks } from './unit-tasks';

const MAX_TITLE_SUBJECT = 22;

function titleOf(group: UnitTasks): string {
  const only = group.items.length === 1 ? plainTitle(group.items[0]!.detail.task.title) : null;
  if (only !== null && Array.from(only).length <= MAX_TITLE_SUBJECT) return `关于催办${quoted(only)}事项的通知`;
  return '关于催办逾期未办结督查事项的通知';
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

/** 催办 already done for this unit after the deadline: 7月1日电话催办、7月8日书面督办. */
function earlierChasing(dc: DraftContext, snapshot: TaskSnapshot, link: TaskUnitLink): string {
  const chased = snapshot.detail.actions
    .filter((a) => a.unitId === link.unitId && a.actionDate > snapshot.detail.task.dueDate)
    .sort((a, b) => a.actionDate.localeCompare(b.actionDate))
    .map((a) => `${formatMonthDay(a.actionDate)}${ACTION_METHOD_LABELS[a.method]}`);
  return chased.length > 0 ? `此前，${dc.words.office}已于${joinNames(chased)}。` : '';
}

function itemParagraphs(dc: DraftContext, items: Array<{ snapshot: TaskSnapshot; link: TaskUnitLink }>): Block[] {
  return items.map(({ snapshot, link }, index) => {
    const head = items.length > 1 ? `${index + 1}. ` : '';
    const overdue = `截至${formatChineseDate(dc.today)}，该事项已逾期${snapshot.overdueWorkdays}个工作日，${feedback(snapshot, link)}`;
    return paragraph(`${head}${origin(dc, snapshot, link)}${overdue}${earlierChasing(dc, snapshot, link)}`);
  });
}

function urgeFor(dc: DraftContext, group: UnitTasks, newDeadline: string, contact: string): DraftedDocument {
  const items = group.items.map((item) => ({ snapshot: snapshotAt(item.detail, dc.today, dc.calendar, dc.dueSoonWorkdays), link: item.link }));
  const intro = items.length > 1 ? [paragraph(`${dc.words.office}交办你单位的下列${items.length}项督查事项已超过办理期限，至今未办结：`)] : [];
  const body: Block[] = [
    ...intro,
    ...itemParagraphs(dc, items),
    paragraph('根据督查工作报告反馈制度有关规定，现予催办。'),
    paragraph(
      `请你单位接此通知后抓紧办理，于${formatChineseDate(newDeadline)}前将办理结果书面报${dc.words.reportTo}；确实无法办结的，须在上述期限前书面说明原因及阶段性进展，并明确办结时限。`,
    ),
    paragraph(`逾期仍未反馈的，${dc.words.office}将在一定范围内予以通报，并在年度目标责任制考核中按规定扣分。`),
  ];
  const model = officialDocument(dc, { title: titleOf(group), mainRecipients: group.unit.name, body, note: contact, withColophon: true });
  return drafted('urge_notice', model, dc.today, {
    recipients: [group.unit.name],
    unitIds: [group.unit.id],
    taskIds: items.map((i) => i.snapshot.detail.task.id),
    nameParts: [group.unit.name],
  });
}

export async function draftUrgeNotices(dc: DraftContext, request: RequestOf<'urge_notice'>): Promise<DraftedDocument[]> {
  requireDeadline(dc, request.newDeadline, '反馈期限', 'newDeadline');
  const contact = officeContact(dc, '催办通知').line;
  const units = await requireActiveUnits(dc.ctx, request.unitIds);
  const details = await requireTaskDetails(dc.ctx, request.taskIds);
  const groups = tasksByUnit(
    units,
    details,
    (d) => {
      if (d.status === 'done') return '已办结';
      if (d.status !== 'overdue') return `尚未逾期（办理期限${formatChineseDate(d.task.dueDate)}）`;
      return null;
    },
    '催办通知',
  );
  return groups.map((group) => urgeFor(dc, group, request.newDeadline, contact));
}
