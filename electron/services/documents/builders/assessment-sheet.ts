/**
 * 年度考核评分表 (seed 三(三): 结合效能监察和年度目标责任制考核，加强政务督查结果运用): the office reports each
 * unit's 政务督查 score for the year to the body that runs the 目标责任制考核 — the basis, the rules used with
 * their points, the summary figures, and the score table with the reasons for every deduction and bonus. The
 * figures are the assessment service's own sheet (assessment/score.ts), so document and screen never disagree.
 */
import { BONUS_RULES, SCORE_RULES, SCORE_RULE_LABELS, type AssessmentRules, type AssessmentSheet, type UnitScore } from '../../../contract/workflow';
import { assessmentSheet } from '../../assessment/score';
import { ServiceError } from '../../errors';
import type { Attachment, Block } from '../model';
import { formatChineseDate, headingNumber, joinNames, joinNamesCapped, sentence } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { heading, officialDocument, optionalOfficeContact, paragraph } from './official-frame';
import { requireActiveUnits } from './ledger-reads';

/** Points as the sheet prints them: at most two decimals, none when whole (63, 62.5, 58.33). */
export function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A rate 0–1 as a percentage with at most one decimal (83.3%, 100%). */
function formatRatePercent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/**
 * Who receives the report: the office of the 目标责任制考核 leading group, which folds the supervision score into
 * the annual assessment. Named at the government's level (区/县/市) as the issuing office is.
 */
export function assessmentRecipientOf(government: string): string {
  const level = /^(区|县|市)政府$/u.exec(government)?.[1] ?? '';
  return `${level}目标责任制考核工作领导小组办公室`;
}

/** Whether a unit had anything due: with nothing to judge the rate is 1 by rule, and the table says why. */
const nothingDue = (u: UnitScore) => u.completion.doneOnTime + u.completion.doneLate + u.completion.open === 0;

function completionRule(rules: AssessmentRules): string {
  const weights =
    rules.assistWeight === rules.leadWeight
      ? '牵头事项和配合事项同等计算'
      : `牵头事项权重为${formatPoints(rules.leadWeight)}、配合事项权重为${formatPoints(rules.assistWeight)}`;
  const late = rules.lateCompletionCredit === 0 ? '逾期办结不计分' : `逾期办结按${formatRatePercent(rules.lateCompletionCredit)}计分`;
  return `任务完成分${formatPoints(rules.completionPoints)}分，按各单位承担事项的加权完成率计算（${weights}；按期办结计全分，${late}，到期未办结不计分；尚未到期的事项不计入；没有到期事项的单位按满分计）`;
}

function ruleParagraphs(rules: AssessmentRules): Block[] {
  const full = rules.basePoints + rules.completionPoints;
  const deductions = SCORE_RULES.filter((r) => !BONUS_RULES.includes(r) && rules.rulePoints[r] > 0).map(
    (r) => `${SCORE_RULE_LABELS[r]}每次扣${formatPoints(rules.rulePoints[r])}分`,
  );
  const bonuses = SCORE_RULES.filter((r) => BONUS_RULES.includes(r) && rules.rulePoints[r] > 0).map(
    (r) => `${SCORE_RULE_LABELS[r]}每次加${formatPoints(rules.rulePoints[r])}分`,
  );
  const blocks = [
    paragraph(`考核满分${formatPoints(full)}分，由基础分和任务完成分组成。基础分${formatPoints(rules.basePoints)}分；${completionRule(rules)}。`),
  ];
  if (deductions.length > 0) {
    blocks.push(paragraph(`扣分项目：${deductions.join('，')}，扣分合计不超过${formatPoints(rules.maxDeduction)}分。`));
  }
  if (bonuses.length > 0) blocks.push(paragraph(`加分项目：${bonuses.join('，')}，加分合计不超过${formatPoints(rules.maxBonus)}分。`));
  blocks.push(
    paragraph(
      '未按期报送和逾期报送进展按报送周期计次；被催办按催办日期计次，同一天对同一单位的催办计一次；批评、表扬通报以已签发的通报为准；整改情况和督查通知书回复以规定的报送期限为准。',
    ),
  );
  return blocks;
}

function summaryParagraphs(sheet: AssessmentSheet, shown: readonly UnitScore[]): Block[] {
  const all = sheet.units;
  const average = all.reduce((sum, u) => sum + u.total, 0) / all.length;
  const best = all.filter((u) => u.total === all[0]!.total).map((u) => u.unitName);
  const lowest = all[all.length - 1]!.total;
  const worst = all.filter((u) => u.total === lowest).map((u) => u.unitName);
  const judged = all.filter((u) => !nothingDue(u));
  const taskUnits = judged.reduce((n, u) => n + u.completion.doneOnTime + u.completion.doneLate + u.completion.open, 0);
  const onTime = judged.reduce((n, u) => n + u.completion.doneOnTime, 0);
  const late = judged.reduce((n, u) => n + u.completion.doneLate, 0);
  const open = judged.reduce((n, u) => n + u.completion.open, 0);
  const parts = [
    `共对${all.length}个单位进行了评分，平均得分${formatPoints(Math.round(average * 100) / 100)}分。`,
    `最高分${formatPoints(all[0]!.total)}分（${joinNamesCapped(best, 5, '个单位')}），最低分${formatPoints(lowest)}分（${joinNamesCapped(worst, 5, '个单位')}）。`,
  ];
  const blocks = [paragraph(parts.join(''))];
  if (taskUnits > 0) {
    blocks.push(
      paragraph(
        `各单位承担的已到期事项（按责任单位计）共${taskUnits}项次，其中按期办结${onTime}项次、逾期办结${late}项次、到期未办结${open}项次。`,
      ),
    );
  }
  const counts = SCORE_RULES.map((rule) => ({
    rule,
    units: all.filter((u) => (u.lines.find((l) => l.rule === rule)?.count ?? 0) > 0).length,
    times: all.reduce((n, u) => n + (u.lines.find((l) => l.rule === rule)?.count ?? 0), 0),
  })).filter((c) => c.times > 0);
  const deducting = counts.filter((c) => !BONUS_RULES.includes(c.rule));
  const adding = counts.filter((c) => BONUS_RULES.includes(c.rule));
  const deductedUnits = all.filter((u) => u.deduction < 0).length;
  if (deducting.length > 0) {
    const why = deducting.map((c) => `${SCORE_RULE_LABELS[c.rule]}${c.times}次（${c.units}个单位）`).join('，');
    const capped = all.filter((u) => u.lines.reduce((n, l) => n + Math.min(0, l.points), 0) < u.deduction);
    const cap = capped.length > 0 ? `其中${joinNamesCapped(capped.map((u) => u.unitName), 5, '个单位')}扣分超过上限，按${formatPoints(sheet.rules.maxDeduction)}分计。` : '';
    blocks.push(paragraph(`被扣分的单位${deductedUnits}个。扣分事由为：${why}。${cap}`));
  } else {
    blocks.push(paragraph('各单位均无扣分事项。'));
  }
  if (adding.length > 0) {
    const why = adding.map((c) => `${SCORE_RULE_LABELS[c.rule]}${c.times}次（${c.units}个单位）`).join('，');
    blocks.push(paragraph(`获得加分的单位${all.filter((u) => u.bonus > 0).length}个：${why}。`));
  }
  if (shown.length < all.length) {
    blocks.push(paragraph(`附表列出其中${joinNamesCapped(shown.map((u) => u.unitName), 10, '个单位')}的评分情况，排名为在全部${all.length}个单位中的名次。`));
  }
  return blocks;
}

function suggestions(dc: DraftContext, sheet: AssessmentSheet): Block[] {
  const criticised = sheet.units.filter((u) => (u.lines.find((l) => l.rule === 'criticism')?.count ?? 0) > 0).map((u) => u.unitName);
  const referred = sheet.units.filter((u) => (u.lines.find((l) => l.rule === 'referral')?.count ?? 0) > 0).map((u) => u.unitName);
  const items = [
    `建议将上述评分结果纳入各单位${sheet.year}年度目标责任制考核，年终严格奖惩兑现。`,
    criticised.length > 0
      ? `${joinNamesCapped(criticised, 8, '个单位')}被政务督查批评通报，已在评分中按规定扣分。`
      : '',
    referred.length > 0 ? `${joinNamesCapped(referred, 8, '个单位')}涉及移送纪检监察部门调查处理的事项，考核结果请结合调查处理情况一并运用。` : '',
    `${dc.words.office}将继续加强督查结果运用，对扣分较多的单位加大督查、通报力度。`,
  ].filter(Boolean);
  return items.map((text) => paragraph(text));
}

/** One cell of reasons, in words rather than signs (a table cell may break between − and the figure): 被催办2次扣2分. */
function reasonsOf(u: UnitScore, rules: AssessmentRules): string {
  const reasons = u.lines
    .filter((l) => l.count > 0)
    .map((l) => `${l.label}${l.count}次${l.points >= 0 ? '加' : '扣'}${formatPoints(Math.abs(l.points))}分`);
  const deducted = -u.lines.reduce((n, l) => n + Math.min(0, l.points), 0);
  if (deducted > -u.deduction) reasons.push(`扣分超过上限，按${formatPoints(rules.maxDeduction)}分计`);
  const earned = u.lines.reduce((n, l) => n + Math.max(0, l.points), 0);
  if (earned > u.bonus) reasons.push(`加分超过上限，按${formatPoints(rules.maxBonus)}分计`);
  if (u.completion.open > 0) reasons.unshift(`到期未办结${u.completion.open}项`);
  if (u.completion.doneLate > 0) reasons.unshift(`逾期办结${u.completion.doneLate}项`);
  if (nothingDue(u)) reasons.unshift('无到期事项，完成分按满分计');
  return reasons.length > 0 ? reasons.join('；') : '—';
}

function scoreTable(title: string, shown: readonly UnitScore[], rules: AssessmentRules): Attachment {
  const columns = [
    // Wide enough that no heading or figure breaks inside (40.33, 完成分); the reasons take the rest.
    { title: '序号', width: 5.5 },
    { title: '单位', width: 15 },
    { title: '完成率', width: 8 },
    { title: '完成分', width: 7.5 },
    { title: '扣分', width: 6 },
    { title: '加分', width: 6 },
    { title: '总分', width: 7.5 },
    { title: '排名', width: 6 },
    { title: '扣分加分事由', width: 38.5 },
  ];
  const rows = shown.map((u, i) => [
    String(i + 1),
    u.unitName,
    nothingDue(u) ? '—' : formatRatePercent(u.completion.rate),
    formatPoints(u.completion.points),
    formatPoints(-u.deduction),
    formatPoints(u.bonus),
    formatPoints(u.total),
    String(u.rank),
    reasonsOf(u, rules),
  ]);
  return { title, landscape: true, blocks: [{ kind: 'table', fontSize: 'small', columns, rows }] };
}

export async function draftAssessmentSheet(dc: DraftContext, request: RequestOf<'assessment_sheet'>): Promise<DraftedDocument[]> {
  const sheet = await assessmentSheet(dc.ctx, request.year);
  if (sheet.units.length === 0) {
    throw new ServiceError(
      'invalid_input',
      `台账中没有${request.year}年度可考核的单位（既没有督查事项，也没有扣分、加分记录），无法生成考核评分表。请检查年度。`,
      { year: '该年度没有可考核的单位' },
    );
  }
  let shown = sheet.units;
  if (request.unitIds.length > 0) {
    const units = await requireActiveUnits(dc.ctx, request.unitIds);
    const scored = new Set(sheet.units.map((u) => u.unitId));
    const unscored = units.filter((u) => !scored.has(u.id)).map((u) => u.name);
    if (unscored.length > 0) {
      throw new ServiceError('invalid_input', `${joinNames(unscored)}在${request.year}年度没有督查事项和扣分、加分记录，不在考核评分表中。请取消选择。`, {
        unitIds: `${joinNames(unscored)}没有考核记录`,
      });
    }
    const wanted = new Set(request.unitIds);
    shown = sheet.units.filter((u) => wanted.has(u.unitId));
  }

  const yearEnd = `${request.year}-12-31`;
  const midYear = sheet.asOf < yearEnd;
  const basis = request.basis
    ? `根据${request.basis.replace(/[，。；,;]+$/u, '')}关于加强督查结果运用的要求`
    : `按照${request.year}年度${dc.words.government}重点目标任务督查工作安排和加强督查结果运用的要求`;
  const scope = midYear ? `截至${formatChineseDate(sheet.asOf)}` : `${request.year}年度`;
  const tableTitle = `${request.year}年度政务督查考核评分表`;
  const body: Block[] = [
    paragraph(
      `${basis}，把各单位任务完成情况作为年度目标责任制考评的重要内容，${dc.words.office}对各乡镇（街道）、部门单位${scope}督查事项落实情况进行了考核评分。现将有关情况报告如下：`,
    ),
    ...(midYear ? [paragraph(sentence(`本次评分为年度中期预评，以${formatChineseDate(sheet.asOf)}的台账为准，年度结束后将按全年情况重新评分`))] : []),
    heading(1, `${headingNumber(1)}评分办法`),
    ...ruleParagraphs(sheet.rules),
    heading(1, `${headingNumber(2)}评分结果`),
    ...summaryParagraphs(sheet, shown),
    paragraph('各单位得分、排名及扣分加分事由详见附件。'),
    heading(1, `${headingNumber(3)}有关建议`),
    ...suggestions(dc, sheet),
    paragraph('特此报告。'),
  ];
  const recipient = assessmentRecipientOf(dc.words.government);
  const model = officialDocument(dc, {
    title: `关于${request.year}年度政务督查考核评分情况的报告`,
    mainRecipients: recipient,
    body,
    attachments: [scoreTable(tableTitle, shown, sheet.rules)],
    note: optionalOfficeContact(dc),
    withColophon: true,
  });
  return [
    drafted('assessment_sheet', model, dc.today, {
      recipients: [recipient],
      unitIds: shown.map((u) => u.unitId),
      taskIds: [],
      nameParts: [`${request.year}年度`],
    }),
  ];
}
