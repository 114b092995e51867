/**
 * 情况通报 (seed 二(二)): the progress of a source's tasks over a period, counted from the ledger as it stood
 * at the period's end — overall counts and rates, the units that lead and lag by name, the problems,
 * what is required next — with the whole task list attached (承办单位 / 任务目标 / 分管领导 / 协办单位 / 落实情况).
 */
import { SOURCE_LABELS, type TaskSource } from '../../../contract/vocabulary';
import { dayNumber } from '../../calendar';
import { ServiceError } from '../../errors';
import { chaseEventsOfYear, lastSituationBulletinOn } from '../../workflow/chase-events';
import { readWorkflowSettings } from '../../workflow/settings';
import type { Attachment, Block } from '../model';
import {
  chineseCount,
  formatChineseDate,
  formatRate,
  headingNumber,
  joinNames,
  joinNamesCapped,
  plainTitle,
  quoted,
  subheadingNumber,
  truncateText,
} from './chinese-text';
import { bulletinStats, type BulletinStats, type UnitTally } from './bulletin-stats';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { heading, officialDocument, optionalOfficeContact, paragraph } from './official-frame';
import { periodLabel } from './period';
import { commonSourceDocument, snapshotsOf } from './period-snapshots';
import { requirePeriod } from './request-checks';
import { sourcePhrase } from './source-phrases';
import type { TaskSnapshot } from './task-snapshot';

/** How often each rhythm expects a report, in calendar days, with a few days' grace. */
const REPORT_INTERVAL_DAYS = { monthly: 31 + 10, quarterly: 92 + 10, half_yearly: 183 + 10 } as const;

const leadNames = (s: TaskSnapshot) => joinNames(s.detail.units.filter((u) => u.role === 'lead').map((u) => u.unitName));
const assistNames = (s: TaskSnapshot) => joinNames(s.detail.units.filter((u) => u.role === 'assist').map((u) => u.unitName));

/** Open tasks whose last report is older than their rhythm allows (deadline items report when done). */
function silentTasks(snapshots: readonly TaskSnapshot[]): TaskSnapshot[] {
  return snapshots.filter((s) => {
    const rhythm = s.detail.task.rhythm;
    if (s.status === 'done' || rhythm === 'deadline') return false;
    const since = s.latestReport?.reportDate ?? s.detail.task.assignedDate;
    return dayNumber(s.asOf) - dayNumber(since) > REPORT_INTERVAL_DAYS[rhythm];
  });
}

function overall(dc: DraftContext, stats: BulletinStats, snapshots: readonly TaskSnapshot[], phrase: string, asOf: string, bySource: boolean): Block[] {
  const c = stats.byStatus;
  const parts = [
    `截至${formatChineseDate(asOf)}，${phrase}共${stats.total}项。其中，已办结${c.done}项，办结率${formatRate(c.done, stats.total)}；`,
    `正常推进${c.on_track}项，临期${c.due_soon}项，滞后于计划${c.behind}项，逾期未办结${c.overdue}项。`,
    stats.dueByAsOf > 0
      ? `已到期的${stats.dueByAsOf}项中，按期办结${stats.doneOnTime}项，按期办结率${formatRate(stats.doneOnTime, stats.dueByAsOf)}。`
      : '目前尚无到期事项。',
    stats.averageOpenPercent !== null ? `未办结事项平均完成进度为${stats.averageOpenPercent}%。` : '',
  ];
  const blocks = [paragraph(parts.join(''))];
  if (bySource) {
    const sources = [...new Set(snapshots.map((s) => s.detail.task.source))];
    const lines = sources.map((source) => {
      const mine = snapshots.filter((s) => s.detail.task.source === source);
      const done = mine.filter((s) => s.status === 'done').length;
      const late = mine.filter((s) => s.status === 'overdue').length;
      return `${sourcePhrase(dc.words, source)}${mine.length}项，已办结${done}项${late > 0 ? `、逾期${late}项` : ''}`;
    });
    blocks.push(paragraph(`分类看，${lines.join('；')}。`));
  }
  return blocks;
}

function tallyText(u: UnitTally): string {
  const parts = [u.overdue > 0 ? `逾期${u.overdue}项` : '', u.behind > 0 ? `滞后${u.behind}项` : ''].filter(Boolean);
  return `${u.unitName}（${parts.join('、')}）`;
}

function leadingUnits(stats: BulletinStats): Block[] {
  const names = stats.leading.map((u) => u.unitName);
  const examples = stats.leading
    .filter((u) => u.early > 0)
    .slice(0, 3)
    .map((u) => `${u.unitName}牵头的${u.total}项事项${u.done === u.total ? '已全部办结' : `已办结${u.done}项`}（提前办结${u.early}项）`);
  const text = `${joinNamesCapped(names, 8, '个单位')}${names.length > 8 ? '' : '等单位'}高度重视、措施有力，牵头的事项均已办结或按计划推进。`;
  return [paragraph(examples.length > 0 ? `${text}其中，${examples.join('；')}。` : text)];
}

function laggingUnits(stats: BulletinStats, snapshots: readonly TaskSnapshot[], asOf: string): Block[] {
  const units = stats.lagging;
  const names = units.length === 1 ? tallyText(units[0]!) : units.length > 10 ? joinNamesCapped(units.map(tallyText), 10, '个单位') : `${joinNames(units.map(tallyText))}等${units.length}个单位`;
  const blocks = [paragraph(`截至${formatChineseDate(asOf)}，${names}牵头的事项存在逾期或滞后情况。`)];
  const overdue = snapshots
    .filter((s) => s.status === 'overdue')
    .sort((a, b) => b.overdueWorkdays - a.overdueWorkdays)
    .map((s) => `${quoted(plainTitle(s.detail.task.title))}（${leadNames(s)}，已逾期${s.overdueWorkdays}个工作日）`);
  const behind = snapshots
    .filter((s) => s.status === 'behind')
    .map((s) => `${quoted(plainTitle(s.detail.task.title))}（${leadNames(s)}，计划进度${s.plannedPercent ?? 0}%、实际进度${s.latestPercent ?? 0}%）`);
  if (overdue.length > 0) blocks.push(paragraph(`逾期未办结的事项有：${joinNamesCapped(overdue, 8, '项')}。`));
  if (behind.length > 0) blocks.push(paragraph(`进度滞后于计划的事项有：${joinNamesCapped(behind, 8, '项')}。`));
  return blocks;
}

/** What units write when they have nothing to report as a difficulty. */
const NOT_A_PROBLEM = /^无|暂无|无需|顺利|没有(困难|问题)/u;

/** The units' own words on what holds them back, most often named first. */
function commonDifficulties(snapshots: readonly TaskSnapshot[]): string[] {
  const counts = new Map<string, number>();
  for (const s of snapshots) {
    if (s.status !== 'overdue' && s.status !== 'behind') continue;
    for (const clause of (s.latestReport?.problems ?? '').split(/[。；;]/u)) {
      const c = clause.trim();
      if (c === '' || NOT_A_PROBLEM.test(c)) continue;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([c]) => c);
}

/** Units chased at least `chaseFlagCount` times (distinct dates) since the last signed 情况通报: named in this one. */
interface ChasedUnits {
  /** the last 情况通报's 签发 date, null when none was signed */
  since: string | null;
  flagCount: number;
  units: Array<{ unitId: string; unitName: string; times: number }>;
}

/**
 * Seed 二(一): 对超出规定期限未办结也未说明原因的单位 … 发出催办通知，并在一定范围内予以通报. The 通报 names the units
 * the office had to chase repeatedly since its previous 通报 (the same count the 催办 page flags).
 */
async function chasedUnits(dc: DraftContext, year: number): Promise<ChasedUnits> {
  const db = dc.ctx.ledger.db;
  const { chaseFlagCount } = await readWorkflowSettings(db);
  const since = await lastSituationBulletinOn(db, dc.today);
  const times = new Map<string, number>();
  for (const e of await chaseEventsOfYear(db, year)) {
    if ((since !== null && e.date <= since) || e.date > dc.today) continue;
    times.set(e.unitId, (times.get(e.unitId) ?? 0) + 1);
  }
  const flagged = [...times].filter(([, n]) => n >= chaseFlagCount).map(([id]) => id);
  const names =
    flagged.length === 0
      ? []
      : await db.selectFrom('units').select(['id', 'name', 'sort_order']).where('id', 'in', flagged).where('active', '=', 1).where('deleted_hlc', 'is', null).execute();
  const units = names
    .map((u) => ({ unitId: u.id, unitName: u.name, times: times.get(u.id) ?? 0, order: u.sort_order }))
    .sort((a, b) => b.times - a.times || a.order - b.order || a.unitName.localeCompare(b.unitName, 'zh-CN'))
    .map(({ order: _order, ...u }) => u);
  return { since, flagCount: chaseFlagCount, units };
}

function chasedText(chased: ChasedUnits): string | null {
  if (chased.units.length === 0) return null;
  const from = chased.since ? `自上期情况通报（${formatChineseDate(chased.since)}签发）以来` : '本年度';
  const threshold = chased.flagCount === 1 ? '被催办' : `经${chineseCount(chased.flagCount)}次以上催办`;
  const names = joinNamesCapped(
    chased.units.map((u) => `${u.unitName}（${u.times}次）`),
    10,
    '个单位',
  );
  return `部分单位${chased.flagCount === 1 ? '需要催办' : '需多次催办'}。${from}，${threshold}的单位有：${names}。`;
}

function problems(stats: BulletinStats, snapshots: readonly TaskSnapshot[], chased: ChasedUnits): Block[] {
  const items: string[] = [];
  const { overdue, behind } = stats.byStatus;
  if (overdue + behind > 0) {
    const lagging = snapshots.filter((s) => s.status === 'behind');
    const gap = lagging.length > 0 ? Math.round(lagging.reduce((n, s) => n + (s.plannedPercent ?? 0) - (s.latestPercent ?? 0), 0) / lagging.length) : 0;
    const longest = Math.max(0, ...snapshots.map((s) => s.overdueWorkdays));
    const facts = [
      overdue > 0 ? `${overdue}项事项逾期未办结，最长已逾期${longest}个工作日` : '',
      behind > 0 ? `${behind}项事项进度滞后于计划，平均落后计划进度${gap}个百分点` : '',
    ].filter(Boolean);
    items.push(`部分事项推进不够有力。${facts.join('；')}。`);
  }
  const silent = silentTasks(snapshots);
  if (silent.length > 0) {
    const units = [...new Set(silent.flatMap((s) => s.detail.units.filter((u) => u.role === 'lead').map((u) => u.unitName)))];
    items.push(`进展报送不够及时。${silent.length}项事项超过规定报送周期未报送进展情况，涉及${joinNamesCapped(units, 6, '个单位')}。`);
  }
  const chasedItem = chasedText(chased);
  if (chasedItem) items.push(chasedItem);
  const difficulties = commonDifficulties(snapshots);
  if (difficulties.length > 0) items.push(`推进中仍面临一些困难。从各单位报送情况看，主要有：${difficulties.join('；')}。`);
  if (items.length === 0) return [paragraph('总体看，各项工作推进有序，未发现突出问题。')];
  return items.map((text, i) => paragraph(`${subheadingNumber(i + 1)}${text}`));
}

function requirements(dc: DraftContext, stats: BulletinStats): Block[] {
  const lagging = stats.byStatus.overdue + stats.byStatus.behind > 0;
  const reportBy = formatChineseDate(dc.calendar.addDays(dc.today, 10, 'workday'));
  const items = [
    lagging
      ? `加快推进滞后事项。各牵头单位要对照年度目标和计划进度，认真分析逾期、滞后原因，倒排工期、挂图作战，确保按时保质完成。逾期、滞后事项的责任单位要于${reportBy}前将整改措施和办理情况书面报${dc.words.reportTo}。`
      : '持续抓好推进落实。各责任单位要对照年度目标和计划进度，巩固推进成效，确保各项任务按时保质完成。',
    '严格落实报告反馈制度。各单位要按照规定时限主动报送进展情况，做到内容真实、数据准确；确需延长办理时限的，要及时报告原因和阶段性进展。',
    '强化协同配合。牵头单位要加强统筹协调，及时研究解决推进中的困难和问题；协同配合单位要主动配合、形成合力，共同推进工作落实。',
    `强化督查结果运用。${dc.words.office}将对逾期、滞后事项实施跟踪督查，加大通报频率，督查结果纳入年度目标责任制考核。`,
  ];
  return items.map((text, i) => paragraph(`${subheadingNumber(i + 1)}${text}`));
}

function implementation(s: TaskSnapshot): string {
  if (s.status === 'done') {
    const text = s.latestReport?.doneText ? truncateText(s.latestReport.doneText, 80) : '';
    return `已办结（${formatChineseDate(s.completedOn ?? s.asOf)}）。${text}`;
  }
  const report = s.latestReport;
  const progress = report ? `${truncateText(report.doneText || report.stage || '已报送进展', 100)}` : '未报送进展情况。';
  const percent = s.latestPercent !== null && !progress.includes(`${s.latestPercent}%`) ? `（进度${s.latestPercent}%）` : '';
  const flag = s.status === 'overdue' ? `【已逾期${s.overdueWorkdays}个工作日】` : s.status === 'behind' ? '【滞后于计划】' : '';
  return `${progress}${percent}${flag}`;
}

function taskTable(title: string, snapshots: readonly TaskSnapshot[], withSource: boolean): Attachment {
  const columns = [
    { title: '序号', width: 4 },
    ...(withSource ? [{ title: '类别', width: 8 }] : []),
    { title: '承办单位', width: 12 },
    { title: '任务目标', width: 20 },
    { title: '分管领导', width: 8 },
    { title: '协办单位', width: 12 },
    { title: '落实情况', width: 36 },
  ];
  const rows = snapshots.map((s, i) => [
    String(i + 1),
    ...(withSource ? [SOURCE_LABELS[s.detail.task.source]] : []),
    leadNames(s),
    s.detail.task.title,
    s.detail.task.leader || '—',
    assistNames(s) || '—',
    implementation(s),
  ]);
  return { title, landscape: true, blocks: [{ kind: 'table', fontSize: 'small', columns, rows }] };
}

/** A period from 1 January up to now is 2016年以来; any other is named as periodLabel names it. */
function bulletinPeriod(from: string, to: string, today: string): string {
  const named = periodLabel(from, to);
  const year = from.slice(0, 4);
  return from === `${year}-01-01` && to >= today && named.endsWith('日') ? `${year}年以来` : named;
}

export async function draftSituationBulletin(dc: DraftContext, request: RequestOf<'situation_bulletin'>): Promise<DraftedDocument[]> {
  requirePeriod(dc, request.periodFrom, request.periodTo);
  const asOf = request.periodTo < dc.today ? request.periodTo : dc.today;
  const source: TaskSource | null = request.source;
  const phrase = sourcePhrase(dc.words, source);
  const snapshots = await snapshotsOf(dc, request.year, source, asOf);
  if (snapshots.length === 0) {
    throw new ServiceError('invalid_input', `截至${formatChineseDate(asOf)}，台账中没有${request.year}年的${phrase}，无法生成情况通报。请检查年度和事项来源。`, {
      year: '该年度没有事项',
    });
  }
  const stats = bulletinStats(snapshots);
  const chased = await chasedUnits(dc, request.year);
  const label = bulletinPeriod(request.periodFrom, request.periodTo, dc.today);
  const subject = label.startsWith(`${request.year}年`) ? `${label}${phrase}` : `${request.year}年${phrase}`;
  const reference = commonSourceDocument(snapshots);
  const basis = `按照${request.year}年度${dc.words.government}重点目标任务督查工作安排，${dc.words.office}对照${reference ?? '计划进度'}，对${subject}推进情况进行了督查。现将有关情况通报如下：`;

  const sections: Array<[string, Block[]]> = [['总体情况', overall(dc, stats, snapshots, phrase, asOf, source === null)]];
  if (stats.leading.length > 0) sections.push(['进展较快的单位', leadingUnits(stats)]);
  if (stats.lagging.length > 0) sections.push(['进展滞后的单位', laggingUnits(stats, snapshots, asOf)]);
  sections.push(['存在的问题', problems(stats, snapshots, chased)], ['下步要求', requirements(dc, stats)]);
  const body: Block[] = [paragraph(basis), ...sections.flatMap(([name, blocks], i) => [heading(1, `${headingNumber(i + 1)}${name}`), ...blocks])];

  const model = officialDocument(dc, {
    title: `关于${subject}推进情况的通报`,
    mainRecipients: dc.words.allUnits,
    body,
    attachments: [taskTable(`${subject}推进情况表`, snapshots, source === null)],
    note: optionalOfficeContact(dc),
    withColophon: true,
  });
  return [
    drafted('situation_bulletin', model, dc.today, {
      recipients: [dc.words.allUnits],
      unitIds: [...stats.leading, ...stats.lagging, ...chased.units].map((u) => u.unitId),
      taskIds: snapshots.map((s) => s.detail.task.id),
      nameParts: [label, source ? SOURCE_LABELS[source] : '全部事项'],
    }),
  ];
}
