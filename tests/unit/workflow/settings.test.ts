import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../../db/repository';
import { DEFAULT_WORKFLOW_SETTINGS, WORKFLOW_SETTING_KEY, readWorkflowSettings } from '../../../electron/services/workflow/settings';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
beforeEach(async () => {
  t = await openTempLedger('2016-07-05');
  await t.ok('settings.update', { operator: '周敏' });
});
afterEach(async () => t.close());

describe('workflow settings', () => {
  it('start from the seed’s rhythms', async () => {
    const settings = await t.ok('workflow.settings.get', {});
    expect(settings).toEqual(DEFAULT_WORKFLOW_SETTINGS);
    expect(settings.rhythms.work_report).toEqual({ rhythm: 'half_yearly', graceDays: 10 });
    expect(settings.rhythms.livelihood).toEqual({ rhythm: 'monthly', graceDays: 5 });
    expect(settings.rhythms.project).toEqual({ rhythm: 'quarterly', graceDays: 10 });
    expect(settings.rhythms.meeting).toEqual({ rhythm: 'deadline', graceDays: 0 });
    expect(settings).toMatchObject({ assistUnitsReport: false, chaseFlagCount: 2, noticeAnswerDays: 10, rectificationDays: 15 });
  });

  it('are stored as one synced setting with the change log, and refuse bad values in Chinese', async () => {
    const changed = structuredClone(DEFAULT_WORKFLOW_SETTINGS);
    changed.rhythms.work_report = { rhythm: 'quarterly', graceDays: 7 };
    changed.chaseFlagCount = 3;
    expect(await t.ok('workflow.settings.update', changed)).toEqual(changed);
    expect(await t.ok('workflow.settings.get', {})).toEqual(changed);
    const logged = await t.ctx.ledger.db.selectFrom('change_log').select(['operator']).where('table_name', '=', 'settings').where('row_id', '=', WORKFLOW_SETTING_KEY).execute();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]!.operator).toBe('周敏');

    const bad = await t.call('workflow.settings.update', { ...changed, chaseFlagCount: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.chaseFlagCount).toBe('次数在 1–10 之间');
    expect((await t.ok('workflow.settings.get', {})).chaseFlagCount).toBe(3);
  });

  it('fall back to the default of each field that is stored wrong, keeping the good ones', async () => {
    await t.ctx.ledger.db.transaction().execute((trx) =>
      setSetting(trx, t.ctx.write, WORKFLOW_SETTING_KEY, {
        rhythms: { work_report: { rhythm: 'weekly', graceDays: 3 }, livelihood: { rhythm: 'quarterly', graceDays: 2 } },
        assistUnitsReport: 'yes',
        chaseFlagCount: 4,
      }),
    );
    const settings = await readWorkflowSettings(t.ctx.ledger.db);
    expect(settings.rhythms.work_report).toEqual(DEFAULT_WORKFLOW_SETTINGS.rhythms.work_report);
    expect(settings.rhythms.livelihood).toEqual({ rhythm: 'quarterly', graceDays: 2 });
    expect(settings.rhythms.project).toEqual(DEFAULT_WORKFLOW_SETTINGS.rhythms.project);
    expect(settings.assistUnitsReport).toBe(false);
    expect(settings.chaseFlagCount).toBe(4);
    expect(settings.noticeAnswerDays).toBe(10);
  });

  it('give a new task its source’s rhythm unless the input names one; an edit keeps the task’s own', async () => {
    const changed = structuredClone(DEFAULT_WORKFLOW_SETTINGS);
    changed.rhythms.livelihood = { rhythm: 'quarterly', graceDays: 5 };
    await t.ok('workflow.settings.update', changed);
    const unitId = (await t.ok('units.create', { name: '区民政局', kind: 'department' })).id;
    const input = { year: 2016, source: 'livelihood' as const, title: '新增养老床位500张', assignedDate: '2016-03-15', dueDate: '2016-12-31', units: [{ unitId, role: 'lead' as const }] };
    const created = await t.ok('tasks.create', input);
    expect(created.task.rhythm).toBe('quarterly');
    expect((await t.ok('tasks.create', { ...input, rhythm: 'monthly' })).task.rhythm).toBe('monthly');
    const edited = await t.ok('tasks.update', { id: created.task.id, task: { ...input, title: '新增养老机构床位500张' } });
    expect(edited.task.rhythm).toBe('quarterly');
    const moved = await t.ok('tasks.update', { id: created.task.id, task: { ...input, source: 'meeting' } });
    expect(moved.task.rhythm).toBe('deadline');
  });
});
