/**
 * 督查通知书 (seed 一(五)): to each unit whose work is lagging — the basis, the problems found task by task
 * with the ledger's numbers, the 限期 to rectify and report, and the follow-up; the problem list is attached.
 */
import { ROLE_LABELS } from '../../../contract/vocabulary';
import type { Attachment, Block } from '../model';
import { formatChineseDate, formatPercent, plainTitle, quoted, sentence } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { requireActiveUnits, requireTaskDetails } from './ledger-reads';
import { officeContact, officialDocument, paragraph } from './official-frame';
import { requireDeadline } from './request-checks';
import { sourcePhrase } from './source-phrases';
import { lagClauses, reportedProblems, sourceReference } from './task-facts';
import { snapshotAt, type TaskSnapshot } from './task-snapshot';
import { tasksByUnit, type UnitTasks } from './unit-tasks';

/** A title line of 2号 characters holds about 14; two lines is what a title should take. */
const MAX_TITLE_SUBJECT = 24;
/** Up to this many items the notice describes each in its text; beyond, the text summarises. */
const DETAILED_ITEMS = 3;
/** A summary names this many items of each kind; the attached list has them all. */
const SUMMARY_TITLES = 5;

function titleOf(dc: DraftContext, group: UnitTasks): string {
  const tasks = group.items.map((i) => i.detail.task);
  const only = tasks.length === 1 ? plainTitle(tasks[0]!.title) : null;
  if (only !== null && Array.from(only).length <= MAX_TITLE_SUBJECT) return `关于加快推进${only}的督查通知`;
  const sources = new Set(tasks.map((t) => t.source));
  const subject = sources.size === 1 ? `${sourcePhrase(dc.words, tasks[0]!.source)}有关工作` : `${dc.words.government}督查事项落实`;
  return `关于加快推进${subject}的督查通知`;
}

function basisParagraph(dc: DraftContext, group: UnitTasks, basis: string): string {
  const roles = new Set(group.items.map((i) => i.link.role));
  const role = roles.size === 1 ? `${ROLE_LABELS[group.items[0]!.link.role]}承担` : '承担';
  // Several items of one 《…》 document are one basis, not one per item.
  const refs = [...new Set(group.items.map((i) => /^《[^《》]+》/u.exec(i.detail.task.sourceRef)?.[0] ?? sourceReference(i.detail.task)))];
  const grounds = basis.replace(/^(根据|按照|依据)/u, '').replace(/[。；，]+$/u, '') || `${refs.slice(0, 3).join('、')}${refs.length > 3 ? '等' : ''}要求`;
  return `根据${grounds}，${dc.words.office}近期对你单位${role}的督查事项落实情况进行了督查。`;
}

function problemParagraphs(items: Array<{ snapshot: TaskSnapshot; group: UnitTasks['items'][number] }>): Block[] {
  return items.map(({ snapshot, group }, index) => {
    const problems = reportedProblems(snapshot.detail, group.link.unitId);
    const said = problems ? `据你单位报送，主要困难是：${sentence(problems)}` : '';
    const head = items.length > 1 ? `${index + 1}. ` : '';
    return paragraph(
      `${head}${quoted(plainTitle(snapshot.detail.task.title))}（${ROLE_LABELS[group.link.role]}）：${lagClauses(snapshot, group.link).join('；')}。${said}`,
    );
  });
}

/** 其中，逾期未办结2项（“甲”“乙”），进度滞后于计划3项（…），临近办理期限1项（…）。 */
function problemSummary(snapshots: TaskSnapshot[]): string {
  const groups: Array<[string, TaskSnapshot[]]> = [
    ['逾期未办结', snapshots.filter((s) => s.status === 'overdue')],
    ['进度滞后于计划', snapshots.filter((s) => s.status === 'behind')],
    ['临近办理期限', snapshots.filter((s) => s.status === 'due_soon')],
    ['需加快推进', snapshots.filter((s) => s.status === 'on_track')],
  ];
  const parts = groups
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) => {
      const named = list.slice(0, SUMMARY_TITLES).map((s) => quoted(plainTitle(s.detail.task.title))).join('');
      return `${label}${list.length}项（${named}${list.length > SUMMARY_TITLES ? '等' : ''}）`;
    });
  return `其中，${parts.join('，')}。`;
}

function rectification(snapshot: TaskSnapshot, deadline: string): string {
  const by = `${formatChineseDate(deadline)}前`;
  if (snapshot.status === 'overdue') return `${by}办结，并书面报告办理结果`;
  if (snapshot.status === 'behind') return `${by}赶上计划进度，并书面报告整改情况`;
  return `加快推进，${by}书面报告进展情况`;
}

function problemList(items: Array<{ snapshot: TaskSnapshot; group: UnitTasks['items'][number] }>, deadline: string): Attachment {
  const rows = items.map(({ snapshot, group }, index) => {
    const units = snapshot.detail.units.map((u) => `${u.unitName}（${ROLE_LABELS[u.role]}）`).join('、');
    const reported = reportedProblems(snapshot.detail, group.link.unitId);
    const problems = [...lagClauses(snapshot, group.link), ...(reported ? [`单位反映：${reported}`] : [])].join('；');
    return [
      String(index + 1),
      snapshot.detail.task.title,
      units,
      formatPercent(snapshot.plannedPercent),
      formatPercent(snapshot.latestPercent),
      problems,
      rectification(snapshot, deadline),
    ];
  });
  return {
    title: '存在问题清单',
    landscape: true,
    blocks: [
      {
        kind: 'table',
        fontSize: 'small',
        columns: [
          { title: '序号', width: 4 },
          { title: '事项', width: 18 },
          { title: '责任单位', width: 14 },
          { title: '计划进度', width: 7 },
          { title: '实际进度', width: 7 },
          { title: '存在问题', width: 33 },
          { title: '整改要求', width: 17 },
        ],
        rows,
      },
    ],
  };
}

function noticeFor(dc: DraftContext, group: UnitTasks, request: RequestOf<'supervision_notice'>, contact: string): DraftedDocument {
  const items = group.items.map((item) => ({ snapshot: snapshotAt(item.detail, dc.today, dc.calendar, dc.dueSoonWorkdays), group: item }));
  const deadline = formatChineseDate(request.deadline);
  const count = items.length === 1 ? `${quoted(plainTitle(items[0]!.snapshot.detail.task.title))}工作` : `${items.length}项工作`;
  const found = `经督查，截至${formatChineseDate(dc.today)}，你单位承担的${count}进展滞后`;
  // A few items are described one by one; a long list is summarised and left to the attached 清单.
  const problems =
    items.length <= DETAILED_ITEMS
      ? [paragraph(`${found}，存在的主要问题如下：`), ...problemParagraphs(items), paragraph('具体问题清单见附件。')]
      : [paragraph(`${found}。${problemSummary(items.map((i) => i.snapshot))}具体问题见附件。`)];
  const body: Block[] = [
    paragraph(basisParagraph(dc, group, request.basis)),
    ...problems,
    paragraph(
      `请你单位高度重视，认真分析原因，采取有力措施，加快工作进度，于${deadline}前落实整改，并将整改情况书面报${dc.words.reportTo}。整改情况报告应包括整改措施、目前进度和下步计划，经单位主要负责人审签后报送；确需延长办理时限的，须书面说明原因及阶段性进展。`,
    ),
    paragraph(
      `${dc.words.office}将对上述事项实施跟踪督查。对整改不到位、进度仍然滞后的，将在一定范围内予以通报，并纳入年度目标责任制考核。`,
    ),
  ];
  const model = officialDocument(dc, {
    title: titleOf(dc, group),
    mainRecipients: group.unit.name,
    body,
    attachments: [problemList(items, request.deadline)],
    note: contact,
    withColophon: true,
  });
  return drafted('supervision_notice', model, dc.today, {
    recipients: [group.unit.name],
    unitIds: [group.unit.id],
    taskIds: items.map((i) => i.snapshot.detail.task.id),
    nameParts: [group.unit.name],
  });
}

export async function draftSupervisionNotices(dc: DraftContext, request: RequestOf<'supervision_notice'>): Promise<DraftedDocument[]> {
  requireDeadline(dc, request.deadline, '整改期限', 'deadline');
  const contact = officeContact(dc, '督查通知书').line;
  const units = await requireActiveUnits(dc.ctx, request.unitIds);
  const details = await requireTaskDetails(dc.ctx, request.taskIds);
  const groups = tasksByUnit(units, details, (d) => (d.status === 'done' ? '已办结' : null), '督查通知书');
  return groups.map((group) => noticeFor(dc, group, request, contact));
}
