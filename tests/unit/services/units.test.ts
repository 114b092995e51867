import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
beforeEach(async () => {
  t = await openTempLedger('2016-09-20');
});
afterEach(async () => t.close());

describe('units', () => {
  it('creates a unit with its contacts and lists it by kind', async () => {
    await t.ok('units.create', { name: '区教育体育局', kind: 'department', liaisonName: '沈佳', liaisonPhone: '0575-82156789' });
    await t.ok('units.create', { name: '百官街道', kind: 'subdistrict', leaderName: '徐建国', leaderPhone: '13857512345' });
    const units = await t.ok('units.list', {});
    expect(units.map((u) => u.name)).toEqual(['百官街道', '区教育体育局']);
    expect(units[1]).toMatchObject({ liaisonName: '沈佳', liaisonPhone: '0575-82156789', active: true, openTaskCount: 0 });
  });

  it('refuses a duplicate name and a phone with letters', async () => {
    await t.ok('units.create', { name: '章镇镇', kind: 'township' });
    const dup = await t.call('units.create', { name: '章镇镇', kind: 'township' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error).toMatchObject({ code: 'conflict', fields: { name: '单位名称已存在' } });
    const phone = await t.call('units.create', { name: '下管镇', kind: 'township', leaderPhone: 'call me' });
    expect(phone.ok).toBe(false);
    if (!phone.ok) expect(phone.error.fields?.leaderPhone).toMatch(/电话号码/);
  });

  it('deactivates a unit that tasks point to without losing it', async () => {
    const unit = await t.ok('units.create', { name: '区旅游局', kind: 'department' });
    const task = await t.ok('tasks.create', {
      year: 2016,
      source: 'special',
      title: '旅游厕所革命专项督查',
      assignedDate: '2016-05-01',
      dueDate: '2016-11-30',
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    const off = await t.ok('units.setActive', { id: unit.id, active: false });
    expect(off).toMatchObject({ active: false, openTaskCount: 1 });
    expect((await t.ok('units.list', {})).some((u) => u.id === unit.id)).toBe(false);
    expect((await t.ok('units.list', { includeInactive: true })).some((u) => u.id === unit.id)).toBe(true);
    expect((await t.ok('tasks.get', { id: task.task.id })).units[0]!.unitName).toBe('区旅游局');
  });
});
