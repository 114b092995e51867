/**
 * A small ledger whose answers are known, for the builders' content tests. Today is 2016-09-20 (a Tuesday;
 * 9-15..9-17 were 中秋 holidays and Sunday 9-18 a 调休 working day).
 *
 * 2016 政府工作报告 (5 tasks):
 *   A 区发改局 lead            due 08-31, report 07-05 at 60%       → overdue (13 working days)
 *   B 区发改局 lead, 区财政局 assist  due 09-09, no report           → overdue
 *   C 区财政局 lead            milestone 06-30 50%, report 07-04 30% → behind
 *   D 百官街道 lead            due 08-31, closed 08-15              → done early
 *   E 百官街道 lead            milestone 06-30 40%, report 07-04 50% → on track
 * 2016 会议决定事项: F 区财政局 lead, due 10-31 → on track (another source)
 * Contacts: 区发改局 and 百官街道 have a 联络员, 区财政局 has none (F names its own contact).
 */
import type { ChannelInput } from '../../../../electron/contract/channels';
import { documentSettings, type DocumentSettings } from '../../../../electron/contract/documents';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';

export const TODAY = '2016-09-20';
export const OFFICE = '绍兴市上虞区人民政府办公室';

export interface SmallLedger {
  t: TempLedger;
  unit: Record<'发改' | '财政' | '百官', string>;
  task: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string>;
}

export const TITLES = {
  A: '完成有效投资480亿元',
  B: '盘活存量建设用地3000亩',
  C: '财政总收入增长6%',
  D: '完成城中村改造签约1200户',
  E: '新建农村文化礼堂20家',
  F: '拟定区级财政专项资金清理整合方案',
} as const;

export function settingsFor(over: Partial<DocumentSettings> = {}): DocumentSettings {
  return documentSettings.parse({ organName: OFFICE, contactName: '王敏', contactPhone: '0575-82123456', cc: ['区委办公室'], ...over });
}

export async function openSmallLedger(): Promise<SmallLedger> {
  const t = await openTempLedger(TODAY);
  await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
  const unit = {
    发改: (await t.ok('units.create', { name: '区发改局', kind: 'department', liaisonName: '钱立新', liaisonPhone: '0575-82110001' })).id,
    财政: (await t.ok('units.create', { name: '区财政局', kind: 'department' })).id,
    百官: (await t.ok('units.create', { name: '百官街道', kind: 'subdistrict', liaisonName: '魏少华', liaisonPhone: '15809214972' })).id,
  };
  const base = (title: string, lead: string, over: Partial<ChannelInput<'tasks.create'>> = {}): ChannelInput<'tasks.create'> => ({
    year: 2016,
    source: 'work_report',
    title,
    sourceRef: '《2016年政府工作报告目标任务细化分解表》',
    sourceDate: '2016-03-02',
    assignedDate: '2016-03-02',
    dueDate: '2016-12-31',
    leader: '金立明',
    units: [{ unitId: lead, role: 'lead' }],
    ...over,
  });
  const create = async (input: ChannelInput<'tasks.create'>) => (await t.ok('tasks.create', input)).task.id;
  const task = {
    A: await create(base(TITLES.A, unit.发改, { code: '1', dueDate: '2016-08-31' })),
    B: await create(
      base(TITLES.B, unit.发改, {
        code: '2',
        dueDate: '2016-09-09',
        units: [
          { unitId: unit.发改, role: 'lead' },
          { unitId: unit.财政, role: 'assist' },
        ],
      }),
    ),
    C: await create(base(TITLES.C, unit.财政, { code: '3', milestones: [{ label: '6月底', dueDate: '2016-06-30', plannedPercent: 50 }] })),
    D: await create(base(TITLES.D, unit.百官, { code: '4', dueDate: '2016-08-31' })),
    E: await create(base(TITLES.E, unit.百官, { code: '5', milestones: [{ label: '6月底', dueDate: '2016-06-30', plannedPercent: 40 }] })),
    F: await create(
      base(TITLES.F, unit.财政, {
        source: 'meeting',
        code: '会〔2016〕1',
        sourceRef: '区政府第12次常务会议纪要',
        sourceDate: '2016-09-01',
        assignedDate: '2016-09-01',
        dueDate: '2016-10-31',
        units: [{ unitId: unit.财政, role: 'lead', contactPerson: '杜佳琪', contactPhone: '13554089371' }],
      }),
    ),
  };
  await t.ok('progress.add', { taskId: task.A, unitId: unit.发改, reportDate: '2016-07-05', percent: 60, doneText: '累计完成有效投资288亿元。', problems: '资金到位较慢。' });
  await t.ok('progress.add', { taskId: task.C, unitId: unit.财政, reportDate: '2016-07-04', percent: 30, doneText: '截至6月底完成年度目标的30%。' });
  await t.ok('progress.add', { taskId: task.E, unitId: unit.百官, reportDate: '2016-07-04', percent: 50, doneText: '已建成10家。' });
  await t.ok('tasks.setCompleted', { id: task.D, completedOn: '2016-08-15' });
  return { t, unit, task };
}
