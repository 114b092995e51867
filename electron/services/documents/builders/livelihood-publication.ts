/**
 * 民生实事 quarterly 公示 (seed 一(二): 季度《上虞日报》等媒体公示): every 民生实事 item of the year with its
 * responsible unit, target, progress in the quarter (the unit's latest report, short enough for a newspaper
 * column) and whether it is done — as the ledger stood at the quarter's end.
 */
import type { TaskStatus } from '../../../contract/vocabulary';
import { ServiceError } from '../../errors';
import type { Attachment } from '../model';
import { chineseCount, formatChineseDate, joinNames, truncateText } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { officialDocument, paragraph } from './official-frame';
import { quarterEnd, quarterName, quarterStart } from './period';
import { commonSourceDocument, snapshotsOf } from './period-snapshots';
import type { TaskSnapshot } from './task-snapshot';

/** Words for the public: 临期 is the office's internal alarm, not news. */
const PUBLIC_STATUS: Record<TaskStatus, string> = {
  done: '已完成',
  on_track: '序时推进',
  due_soon: '序时推进',
  behind: '滞后序时进度',
  overdue: '逾期未完成',
};

/** 十方面: the number of areas the items are grouped in (the part of 序号 before the dash, e.g. 8-2). */
function areaCount(snapshots: readonly TaskSnapshot[]): string {
  const areas = new Set(snapshots.map((s) => /^(\d+)-\d+$/u.exec(s.detail.task.code)?.[1]).filter((a) => a !== undefined));
  return areas.size >= 2 ? `${chineseCount(areas.size)}方面` : '';
}

/** The area an item belongs to, as the plan names it in parentheses: 《…计划表》（文化体育） → 文化体育. */
function areaOf(s: TaskSnapshot): string {
  return /（([^（）]+)）\s*$/u.exec(s.detail.task.sourceRef)?.[1] ?? '';
}

function progressText(s: TaskSnapshot): string {
  const report = s.latestReport;
  const text = report ? truncateText(report.doneText || report.stage, 60) : '尚未报送进展';
  const percent = s.status !== 'done' && s.latestPercent !== null && !text.includes(`${s.latestPercent}%`) ? `（完成${s.latestPercent}%）` : '';
  return `${text}${percent}`;
}

function publicationTable(title: string, quarter: string, snapshots: readonly TaskSnapshot[]): Attachment {
  return {
    title,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        fontSize: 'small',
        columns: [
          { title: '序号', width: 4 },
          { title: '实事项目', width: 9 },
          { title: '责任单位', width: 12 },
          { title: '年度目标', width: 20 },
          { title: `${quarter}进展`, width: 40 },
          { title: '完成情况', width: 9 },
        ],
        rows: snapshots.map((s, i) => [
          String(i + 1),
          areaOf(s) || s.detail.task.title,
          joinNames(s.detail.units.filter((u) => u.role === 'lead').map((u) => u.unitName)),
          s.detail.task.title,
          progressText(s),
          PUBLIC_STATUS[s.status],
        ]),
      },
    ],
  };
}

export async function draftLivelihoodPublication(dc: DraftContext, request: RequestOf<'livelihood_publication'>): Promise<DraftedDocument[]> {
  const quarter = quarterName(request.quarter);
  const start = quarterStart(request.year, request.quarter);
  if (start > dc.today) {
    throw new ServiceError('invalid_input', `${request.year}年${quarter}从${formatChineseDate(start)}开始，尚未到来，无法公示进展。`, { quarter: '该季度尚未开始' });
  }
  const end = quarterEnd(request.year, request.quarter);
  const asOf = end < dc.today ? end : dc.today;
  const snapshots = await snapshotsOf(dc, request.year, 'livelihood', asOf);
  if (snapshots.length === 0) {
    throw new ServiceError('invalid_input', `台账中没有${request.year}年的民生实事项目，无法生成公示表。请先录入民生实事，或检查所选年度。`, {
      year: '该年度没有民生实事',
    });
  }
  const subject = `${request.year}年${dc.words.government}${areaCount(snapshots)}民生实事`;
  const count = (statuses: TaskStatus[]) => snapshots.filter((s) => statuses.includes(s.status)).length;
  const plan = commonSourceDocument(snapshots);
  const { contactPhone, department } = dc.settings;
  const contact = contactPhone ? `如有意见建议，请与${dc.words.office}${department ? `（${department}）` : ''}联系，联系电话：${contactPhone}。` : '';
  const body = [
    paragraph(
      `${plan ? `根据${plan}，` : ''}现将截至${formatChineseDate(asOf)}的${subject}进展情况予以公示。全年${snapshots.length}项民生实事项目中，已完成${count(['done'])}项，序时推进${count(['on_track', 'due_soon'])}项，滞后于序时进度${count(['behind', 'overdue'])}项。`,
    ),
    paragraph(`各项目进展情况详见附件。欢迎社会各界监督。${contact}`),
  ];
  const title = `${subject}${quarter}进展情况公示`;
  const model = officialDocument(dc, {
    title,
    mainRecipients: '',
    body,
    attachments: [publicationTable(`${subject}${quarter}进展情况表`, quarter, snapshots)],
    withColophon: false,
  });
  return [
    drafted('livelihood_publication', model, dc.today, {
      recipients: [],
      unitIds: snapshots.flatMap((s) => s.detail.units.filter((u) => u.role === 'lead').map((u) => u.unitId)),
      taskIds: snapshots.map((s) => s.detail.task.id),
      nameParts: [`${request.year}年${quarter}`],
    }),
  ];
}
