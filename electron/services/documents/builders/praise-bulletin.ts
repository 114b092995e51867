/**
 * 表扬通报 (seed 二(二): 对工作进展快、质量高并提前完成任务的，给予通报表扬): what the chosen units achieved
 * in the year, counted from the ledger (tasks closed, closed early, by how much), the decision, the units
 * graded 完成情况突出 / 较好, and the closing 希望.
 */
import type { TaskRow, Unit } from '../../../contract/types';
import { ServiceError } from '../../errors';
import type { Block } from '../model';
import { formatChineseDate, formatRate, headingNumber, joinNames, joinNamesCapped, plainTitle, quoted, sentence } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { allLedgerRows, requireActiveUnits } from './ledger-reads';
import { heading, officialDocument, optionalOfficeContact, paragraph } from './official-frame';

interface Achievement {
  unit: Unit;
  rows: TaskRow[];
  done: number;
  early: number;
  lagging: number;
  /** the task closed furthest ahead of its deadline, with the working days gained */
  best: { row: TaskRow; workdays: number } | null;
}

function achievementOf(dc: DraftContext, unit: Unit, rows: TaskRow[]): Achievement {
  let best: Achievement['best'] = null;
  let early = 0;
  for (const row of rows) {
    if (row.completedOn === null || row.completedOn >= row.dueDate) continue;
    early += 1;
    const workdays = dc.calendar.workdaysBetween(row.completedOn, row.dueDate);
    if (best === null || workdays > best.workdays) best = { row, workdays };
  }
  return {
    unit,
    rows,
    done: rows.filter((r) => r.status === 'done').length,
    early,
    lagging: rows.filter((r) => r.status === 'overdue' || r.status === 'behind').length,
    best,
  };
}

/** 完成情况突出: closed work early and has nothing overdue or behind; every other praised unit: 较好. */
const isOutstanding = (a: Achievement) => a.early > 0 && a.lagging === 0;

function achievementText(a: Achievement, year: number, asOf: string): string {
  const base = `${a.unit.name}牵头的${year}年度督查事项${a.rows.length}项，截至${formatChineseDate(asOf)}已办结${a.done}项，办结率${formatRate(a.done, a.rows.length)}`;
  if (a.best === null) return `${base}。`;
  const gained = a.best.workdays > 0 ? `比规定期限提前${a.best.workdays}个工作日完成` : '提前完成';
  return `${base}，其中提前办结${a.early}项，${quoted(plainTitle(a.best.row.title))}${gained}。`;
}

function gradedLists(achievements: Achievement[]): Block[] {
  const outstanding = achievements.filter(isOutstanding).map((a) => a.unit.name);
  const good = achievements.filter((a) => !isOutstanding(a)).map((a) => a.unit.name);
  const grades: Array<[string, string[]]> = [
    ['完成情况突出的单位', outstanding],
    ['完成情况较好的单位', good],
  ];
  return grades
    .filter(([, names]) => names.length > 0)
    .flatMap(([label, names], i) => [heading(1, `${headingNumber(i + 1)}${label}（${names.length}个）`), paragraph(`${joinNames(names)}。`)]);
}

export async function draftPraiseBulletin(dc: DraftContext, request: RequestOf<'praise_bulletin'>): Promise<DraftedDocument[]> {
  const units = await requireActiveUnits(dc.ctx, request.unitIds);
  const yearEnd = `${request.year}-12-31`;
  const asOf = yearEnd < dc.today ? yearEnd : dc.today;
  const achievements: Achievement[] = [];
  for (const unit of units) {
    const rows = await allLedgerRows(dc.ctx, { year: request.year, unitId: unit.id, role: 'lead' });
    const a = achievementOf(dc, unit, rows);
    if (a.done === 0 && request.reason === '') {
      throw new ServiceError(
        'invalid_input',
        `${unit.name}在${request.year}年没有已办结的牵头事项，台账中找不到表扬依据。请填写表扬事由，或取消选择该单位。`,
        { unitIds: `${unit.name}没有已办结事项` },
      );
    }
    achievements.push(a);
  }
  const names = achievements.map((a) => a.unit.name);
  const gov = dc.words.government;
  const single = achievements.length === 1;
  const who = single ? names[0]! : `${joinNamesCapped(names, 5, '个单位')}${names.length > 5 ? '' : '等单位'}`;
  const body: Block[] = [
    paragraph(
      `${request.year}年以来，各乡镇（街道）、部门单位认真贯彻落实${gov}决策部署，扎实推进各项督查事项，取得了积极成效。其中，${who}高度重视、措施有力，督查事项推进快、质量高，成效明显。`,
    ),
    ...achievements.filter((a) => a.rows.length > 0).map((a) => paragraph(achievementText(a, request.year, asOf))),
    ...(request.reason ? [paragraph(sentence(request.reason))] : []),
    paragraph(
      single
        ? `为表扬先进、激励担当，根据督查通报制度有关规定，经${gov}同意，决定对${names[0]!}予以通报表扬。`
        : `为表扬先进、激励担当，根据督查通报制度有关规定，经${gov}同意，决定对以下单位予以通报表扬：`,
    ),
    ...(single ? [] : gradedLists(achievements)),
    paragraph(
      `希望受到表扬的单位珍惜荣誉、再接再厉，继续发挥示范带动作用。各乡镇（街道）、部门单位要以受表扬单位为榜样，进一步增强抓落实的责任感和紧迫感，对照目标任务和计划进度，确保全面完成${request.year}年度各项目标任务。`,
    ),
  ];
  const model = officialDocument(dc, {
    title: single ? `关于对${names[0]!}予以通报表扬的通报` : `关于表扬${request.year}年度督查事项落实成效突出单位的通报`,
    mainRecipients: dc.words.allUnits,
    body,
    note: optionalOfficeContact(dc),
    withColophon: true,
  });
  return [
    drafted('praise_bulletin', model, dc.today, {
      recipients: [dc.words.allUnits],
      unitIds: units.map((u) => u.id),
      taskIds: achievements.flatMap((a) => a.rows.filter((r) => r.status === 'done').map((r) => r.id)),
      nameParts: [joinNamesCapped(names, 1, '个单位')],
    }),
  ];
}
