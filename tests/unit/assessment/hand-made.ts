/**
 * A hand-made 2016 ledger whose 考核 figures are worked out by hand in score.test.ts. Today is 2017-01-15, so the
 * 2016 sheet is computed at 2016-12-31. Rows the workflow would write (signed 通报, obligations, 催办 actions,
 * referrals) are inserted here directly through the repository, so each rule is fed exactly the records the test
 * names; the reporting periods come from a fake `feedbackCells` the test installs.
 *
 * Tasks (all 2016):
 *   T1 百官街道 lead, 区发改局 assist   due 06-30, closed 06-20          → both on time
 *   T2 百官街道 lead                    due 08-31, closed 09-10          → late
 *   T3 区发改局 lead                    due 10-31, open                  → open (due, not done)
 *   T4 区财政局 lead                    due 2017-03-31, open             → not yet due (left out)
 *   T5 区财政局 lead                    due 11-30, closed 2017-01-05     → open at 12-31
 *   T6 旧机构 lead (deactivated)        due 06-30, open                  → not assessed
 * 曹娥街道 has no task, only a praise.
 */
import type { ChannelInput } from '../../../electron/contract/channels';
import { insertRow } from '../../../db/repository';
import type { DocumentTable } from '../../../db/schema';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

export const TODAY = '2017-01-15';
export const OFFICE = '绍兴市上虞区人民政府办公室';

export type UnitKey = '百官' | '发改' | '财政' | '曹娥' | '旧';
export type TaskKey = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';

export interface HandMade {
  t: TempLedger;
  unit: Record<UnitKey, string>;
  task: Record<TaskKey, string>;
  doc: Record<'批评发改' | '批评百官作废' | '批评百官草稿' | '批评财政' | '批评财政更正' | '表扬百官曹娥' | '表扬百官2' | '表扬百官3' | '督查通知百官', string>;
  obligation: Record<'发改整改逾期' | '财政整改按期' | '百官回复逾期' | '百官作废' | '发改明年', string>;
  referral: { 发改: string; 财政: string[] };
  action: Record<'发改0705a' | '发改0705b' | '发改0801' | '百官0901', string>;
}

type DocumentValues = Omit<DocumentTable, 'id' | 'created_at' | 'updated_at' | 'updated_hlc' | 'updated_by' | 'deleted_hlc'>;

function documentRow(type: string, title: string, unitIds: string[], over: Partial<DocumentValues>): DocumentValues {
  return {
    type,
    year: 2016,
    number_prefix: null,
    seq: null,
    number: null,
    status: 'signed',
    title,
    recipients: JSON.stringify(['各乡镇人民政府、街道办事处，区直各部门和单位']),
    unit_ids: JSON.stringify(unitIds),
    task_ids: '[]',
    request: '{}',
    model: '{}',
    file_stem: title,
    drafter: '周敏',
    drafted_at: '2016-01-01T02:00:00.000Z',
    submitted_at: null,
    signer: '王建国',
    signed_on: null,
    supersedes_id: null,
    cancelled_reason: null,
    cancelled_at: null,
    ...over,
  };
}

export async function openHandMade(): Promise<HandMade> {
  const t = await openTempLedger(TODAY);
  await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
  const unit: Record<UnitKey, string> = {
    百官: (await t.ok('units.create', { name: '百官街道', kind: 'subdistrict' })).id,
    发改: (await t.ok('units.create', { name: '区发改局', kind: 'department' })).id,
    财政: (await t.ok('units.create', { name: '区财政局', kind: 'department' })).id,
    曹娥: (await t.ok('units.create', { name: '曹娥街道', kind: 'subdistrict' })).id,
    旧: (await t.ok('units.create', { name: '区旧机构办', kind: 'department' })).id,
  };
  const create = async (title: string, dueDate: string, units: ChannelInput<'tasks.create'>['units']) =>
    (
      await t.ok('tasks.create', {
        year: 2016,
        source: 'meeting',
        title,
        sourceRef: '区政府第5次常务会议纪要',
        assignedDate: '2016-03-01',
        dueDate,
        units,
      })
    ).task.id;
  const task: Record<TaskKey, string> = {
    T1: await create('编制城区停车专项规划', '2016-06-30', [
      { unitId: unit.百官, role: 'lead' },
      { unitId: unit.发改, role: 'assist' },
    ]),
    T2: await create('完成百官老街立面整治', '2016-08-31', [{ unitId: unit.百官, role: 'lead' }]),
    T3: await create('出台服务业发展扶持政策', '2016-10-31', [{ unitId: unit.发改, role: 'lead' }]),
    T4: await create('完成政府性债务置换', '2017-03-31', [{ unitId: unit.财政, role: 'lead' }]),
    T5: await create('清理整合财政专项资金', '2016-11-30', [{ unitId: unit.财政, role: 'lead' }]),
    T6: await create('撤并机构档案移交', '2016-06-30', [{ unitId: unit.旧, role: 'lead' }]),
  };
  await t.ok('tasks.setCompleted', { id: task.T1, completedOn: '2016-06-20' });
  await t.ok('tasks.setCompleted', { id: task.T2, completedOn: '2016-09-10' });
  await t.ok('tasks.setCompleted', { id: task.T5, completedOn: '2017-01-05' });
  await t.ok('units.setActive', { id: unit.旧, active: false });

  const { ctx } = t;
  const rows = await ctx.ledger.db.transaction().execute(async (trx) => {
    const doc = async (type: string, title: string, unitIds: string[], over: Partial<DocumentValues>) =>
      insertRow(trx, ctx.write, 'documents', documentRow(type, title, unitIds, over));
    const 批评财政 = await doc('criticism_bulletin', '关于对区财政局予以通报批评的通报', [unit.财政], { signed_on: '2016-05-01', number: '督查通报〔2016〕2号' });
    const docs = {
      批评发改: await doc('criticism_bulletin', '关于对区发改局予以通报批评的通报', [unit.发改], {
        signed_on: '2016-09-01',
        number: '督查通报〔2016〕5号',
        task_ids: JSON.stringify([task.T3]),
      }),
      批评百官作废: await doc('criticism_bulletin', '关于对百官街道予以通报批评的通报', [unit.百官], {
        status: 'cancelled',
        signed_on: '2016-07-01',
        number: '督查通报〔2016〕3号',
        cancelled_reason: '事实有误',
        cancelled_at: '2016-07-02T02:00:00.000Z',
      }),
      批评百官草稿: await doc('criticism_bulletin', '关于对百官街道予以通报批评的通报', [unit.百官], { status: 'draft', signer: null }),
      批评财政,
      // A correction of the 财政 criticism, signed two days later: the criticism counts once.
      批评财政更正: await doc('criticism_bulletin', '关于对区财政局予以通报批评的通报', [unit.财政], {
        signed_on: '2016-05-03',
        number: '督查通报〔2016〕4号',
        supersedes_id: 批评财政,
      }),
      表扬百官曹娥: await doc('praise_bulletin', '关于表扬2016年度督查事项落实成效突出单位的通报', [unit.百官, unit.曹娥], {
        signed_on: '2016-06-25',
        number: '督查通报〔2016〕1号',
      }),
      表扬百官2: await doc('praise_bulletin', '关于对百官街道予以通报表扬的通报', [unit.百官], { signed_on: '2016-10-10', number: '督查通报〔2016〕6号' }),
      表扬百官3: await doc('praise_bulletin', '关于对百官街道予以通报表扬的通报', [unit.百官], { signed_on: '2016-12-20', number: '督查通报〔2016〕7号' }),
      督查通知百官: await doc('supervision_notice', '关于百官老街立面整治工作的督查通知', [unit.百官], { signed_on: '2016-11-15', number: '虞政办督〔2016〕3号' }),
    };
    const obligationRow = (kind: string, documentId: string, unitId: string, dueDate: string, status: string, receivedOn: string | null) =>
      insertRow(trx, ctx.write, 'obligations', {
        kind,
        document_id: documentId,
        unit_id: unitId,
        task_ids: '[]',
        issued_on: '2016-09-01',
        due_date: dueDate,
        status,
        received_on: receivedOn,
        received_note: '',
        received_by: receivedOn ? '周敏' : '',
      });
    const obligation = {
      发改整改逾期: await obligationRow('rectification', docs.批评发改, unit.发改, '2016-10-15', 'received', '2016-10-20'),
      财政整改按期: await obligationRow('rectification', docs.批评财政更正, unit.财政, '2016-06-01', 'received', '2016-05-30'),
      百官回复逾期: await obligationRow('notice_answer', docs.督查通知百官, unit.百官, '2016-11-30', 'open', null),
      百官作废: await obligationRow('notice_answer', docs.批评百官作废, unit.百官, '2016-07-15', 'void', null),
      发改明年: await obligationRow('notice_answer', docs.批评发改, unit.发改, '2017-01-10', 'open', null),
    };
    const referralRow = (unitId: string, taskId: string | null, on: string) =>
      insertRow(trx, ctx.write, 'referrals', {
        task_id: taskId,
        unit_id: unitId,
        referred_on: on,
        referred_to: '区纪委区监委',
        reason: '整改不力，造成不良影响',
        note: '',
        operator: '周敏',
      });
    const referral = {
      发改: await referralRow(unit.发改, task.T3, '2016-11-01'),
      // Seven referrals are 35 points, beyond the 30-point cap.
      财政: [] as string[],
    };
    for (let i = 1; i <= 7; i += 1) referral.财政.push(await referralRow(unit.财政, i === 1 ? task.T5 : null, `2016-12-0${i}`));
    const chase = (taskId: string, unitId: string, date: string, method: string) =>
      insertRow(trx, ctx.write, 'supervision_actions', {
        task_id: taskId,
        unit_id: unitId,
        method,
        action_date: date,
        note: '',
        operator: '周敏',
        purpose: 'chase',
        document_id: null,
      });
    const action = {
      // Two items chased on one day are one chase event.
      发改0705a: await chase(task.T3, unit.发改, '2016-07-05', 'phone'),
      发改0705b: await chase(task.T1, unit.发改, '2016-07-05', 'phone'),
      发改0801: await chase(task.T3, unit.发改, '2016-08-01', 'written'),
      百官0901: await chase(task.T2, unit.百官, '2016-09-01', 'onsite'),
    };
    // A 督办 (not a 催办) never counts.
    await insertRow(trx, ctx.write, 'supervision_actions', {
      task_id: task.T2,
      unit_id: unit.百官,
      method: 'onsite',
      action_date: '2016-08-20',
      note: '',
      operator: '周敏',
      purpose: 'supervise',
      document_id: null,
    });
    return { doc: docs, obligation, referral, action };
  });
  return { t, unit, task, ...rows };
}
