import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import type { ChannelInput } from '../../../electron/contract/channels';

let t: TempLedger;
let leadId: string;
let assistId: string;

beforeEach(async () => {
  t = await openTempLedger('2016-09-20');
  leadId = (await t.ok('units.create', { name: '区交通运输局', kind: 'department' })).id;
  assistId = (await t.ok('units.create', { name: '百官街道', kind: 'subdistrict' })).id;
});
afterEach(async () => t.close());

function meetingTask(over: Partial<ChannelInput<'tasks.create'>> = {}): ChannelInput<'tasks.create'> {
  return {
    year: 2016,
    source: 'meeting',
    code: '常务会-3',
    title: '抓紧完成104国道上虞段改线工程政策处理',
    content: '会议要求5个工作日内拿出政策处理方案',
    sourceRef: '区政府第12次常务会议',
    sourceDate: '2016-09-30',
    leader: '王副区长',
    assignedDate: '2016-09-30',
    timeLimitValue: 5,
    timeLimitUnit: 'workday',
    units: [
      { unitId: leadId, role: 'lead', contactPerson: '李明', contactPhone: '0575-82123456' },
      { unitId: assistId, role: 'assist' },
    ],
    ...over,
  };
}

describe('tasks', () => {
  it('counts a working-day limit across the 2016 National Day holiday and its 调休 weekend', async () => {
    const detail = await t.ok('tasks.create', meetingTask());
    // 10/1–10/7 holiday; Sat 10/8 and Sun 10/9 are make-up working days: 10/8, 10/9, 10/10, 10/11, 10/12.
    expect(detail.task.dueDate).toBe('2016-10-12');
    expect(detail.units.map((u) => [u.unitName, u.role])).toEqual([
      ['区交通运输局', 'lead'],
      ['百官街道', 'assist'],
    ]);
    expect(detail.task.rhythm).toBe('deadline');
    expect(detail.status).toBe('on_track');
  });

  it('moves a calendar-day deadline that falls on a holiday to the next working day', async () => {
    const detail = await t.ok('tasks.create', meetingTask({ assignedDate: '2016-09-25', timeLimitValue: 10, timeLimitUnit: 'day' }));
    expect(detail.task.dueDate).toBe('2016-10-08');
    const preview = await t.ok('tasks.previewDueDate', { assignedDate: '2016-09-25', timeLimitValue: 10, timeLimitUnit: 'day' });
    expect(preview.dueDate).toBe('2016-10-08');
    expect(preview.note).toContain('顺延');
  });

  it('refuses a task without a lead unit, naming the field, and writes nothing', async () => {
    const result = await t.call('tasks.create', meetingTask({ units: [{ unitId: assistId, role: 'assist' }] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields?.units).toBe('请至少指定一个牵头单位');
    const count = await t.ctx.ledger.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses an empty title and a deadline before the assignment', async () => {
    const blank = await t.call('tasks.create', meetingTask({ title: '   ' }));
    expect(blank.ok || blank.error.fields?.title).toBe('请填写事项名称');
    const early = await t.call('tasks.create', meetingTask({ timeLimitValue: null, timeLimitUnit: null, dueDate: '2016-09-01' }));
    expect(early.ok || early.error.fields?.dueDate).toBe('办理期限不能早于交办日期');
  });

  it('refuses a unit id that does not exist', async () => {
    const result = await t.call('tasks.create', meetingTask({ units: [{ unitId: '01890a5d-ac96-774b-bcce-b302099a8057', role: 'lead' }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
  });

  it('writes every created column to the change log in the same transaction', async () => {
    const detail = await t.ok('tasks.create', meetingTask());
    const logged = await t.ctx.ledger.db
      .selectFrom('change_log')
      .select(['column_name', 'value'])
      .where('table_name', '=', 'tasks')
      .where('row_id', '=', detail.task.id)
      .execute();
    const byColumn = new Map(logged.map((r) => [r.column_name, JSON.parse(r.value)]));
    expect(byColumn.get('title')).toBe('抓紧完成104国道上虞段改线工程政策处理');
    expect(byColumn.get('due_date')).toBe('2016-10-12');
    const links = await t.ctx.ledger.db.selectFrom('change_log').select('row_id').where('table_name', '=', 'task_units').distinct().execute();
    expect(links).toHaveLength(2);
  });

  it('keeps unchanged unit links on edit and tombstones removed ones', async () => {
    const created = await t.ok('tasks.create', meetingTask());
    const leadLinkId = created.units.find((u) => u.role === 'lead')!.id;
    const updated = await t.ok('tasks.update', {
      id: created.task.id,
      task: meetingTask({ title: '完成104国道改线政策处理', units: [{ unitId: leadId, role: 'lead', contactPerson: '张华' }] }),
    });
    expect(updated.task.title).toBe('完成104国道改线政策处理');
    expect(updated.units).toHaveLength(1);
    expect(updated.units[0]!.id).toBe(leadLinkId);
    expect(updated.units[0]!.contactPerson).toBe('张华');
    const removed = await t.ctx.ledger.db.selectFrom('task_units').select('deleted_hlc').where('unit_id', '=', assistId).executeTakeFirstOrThrow();
    expect(removed.deleted_hlc).not.toBeNull();
  });

  it('marks a task done and reopens it', async () => {
    const created = await t.ok('tasks.create', meetingTask({ assignedDate: '2016-09-12', timeLimitValue: 20 }));
    const future = await t.call('tasks.setCompleted', { id: created.task.id, completedOn: '2016-09-21' });
    expect(future.ok || future.error.fields?.completedOn).toBe('办结日期不能晚于今天');
    const done = await t.ok('tasks.setCompleted', { id: created.task.id, completedOn: '2016-09-20' });
    expect(done.status).toBe('done');
    const reopened = await t.ok('tasks.setCompleted', { id: created.task.id, completedOn: null });
    expect(reopened.status).toBe('on_track');
  });

  it('answers not_found for a task id that does not exist', async () => {
    const result = await t.call('tasks.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('not_found');
      expect(result.error.message).toMatch(/找不到/);
    }
  });

  it('lists distinct leaders for the filter', async () => {
    await t.ok('tasks.create', meetingTask());
    await t.ok('tasks.create', meetingTask({ leader: '陈区长' }));
    expect(await t.ok('tasks.leaders', {})).toEqual(['王副区长', '陈区长'].sort());
  });
});
