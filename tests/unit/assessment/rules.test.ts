/** The 考核 rules: one synced setting, defaults until the office saves its own, bad input refused in Chinese. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../../db/repository';
import { ASSESSMENT_RULES_KEY, DEFAULT_ASSESSMENT_RULES, rulesFromStored } from '../../../electron/services/assessment/rules';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
beforeEach(async () => {
  t = await openTempLedger('2016-09-20');
  await t.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
});
afterEach(async () => t.close());

const changeLogRows = async () =>
  (await t.ctx.ledger.db.selectFrom('change_log').select('id').where('table_name', '=', 'settings').where('row_id', '=', ASSESSMENT_RULES_KEY).execute()).length;

describe('assessment.rules', () => {
  it('gives the defaults until the office saves its own', async () => {
    expect(await t.ok('assessment.rules.get', {})).toEqual(DEFAULT_ASSESSMENT_RULES);
    // The defaults add up to a 100-point sheet.
    expect(DEFAULT_ASSESSMENT_RULES.basePoints + DEFAULT_ASSESSMENT_RULES.completionPoints).toBe(100);
  });

  it('saves the rules as one synced setting, through the repository', async () => {
    const mine = { ...DEFAULT_ASSESSMENT_RULES, completionPoints: 60, basePoints: 40, rulePoints: { ...DEFAULT_ASSESSMENT_RULES.rulePoints, chased: 0.5 } };
    expect(await t.ok('assessment.rules.update', mine)).toEqual(mine);
    expect(await t.ok('assessment.rules.get', {})).toEqual(mine);
    expect(await getSetting(t.ctx.ledger.db, ASSESSMENT_RULES_KEY)).toEqual(mine);
    expect(await changeLogRows()).toBeGreaterThan(0);
  });

  it('refuses invalid rules with a Chinese message and saves nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...DEFAULT_ASSESSMENT_RULES, basePoints: -1 }, '基础分不能为负数'],
      [{ ...DEFAULT_ASSESSMENT_RULES, maxDeduction: 101 }, '扣分上限不能超过 100 分'],
      [{ ...DEFAULT_ASSESSMENT_RULES, lateCompletionCredit: 1.5 }, '逾期办结计分比例在 0–1 之间'],
      [{ ...DEFAULT_ASSESSMENT_RULES, leadWeight: 0, assistWeight: 0 }, '牵头和配合权重不能同时为 0'],
      [{ ...DEFAULT_ASSESSMENT_RULES, rulePoints: { ...DEFAULT_ASSESSMENT_RULES.rulePoints, criticism: -3 } }, '每次分值不能为负数'],
    ];
    for (const [input, message] of cases) {
      const result = await t.call('assessment.rules.update', input as never);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toContain(message);
      }
    }
    expect(await getSetting(t.ctx.ledger.db, ASSESSMENT_RULES_KEY)).toBeUndefined();
    expect(await changeLogRows()).toBe(0);
  });

  it('falls back to the default of each stored field that is missing or invalid, keeping the others', async () => {
    await t.ctx.ledger.db.transaction().execute((trx) =>
      setSetting(trx, t.ctx.write, ASSESSMENT_RULES_KEY, {
        basePoints: 40,
        completionPoints: 'seventy',
        leadWeight: 2,
        rulePoints: { criticism: 5, praise: -1 },
        maxBonus: 500,
      }),
    );
    expect(await t.ok('assessment.rules.get', {})).toEqual({
      ...DEFAULT_ASSESSMENT_RULES,
      basePoints: 40,
      leadWeight: 2,
      rulePoints: { ...DEFAULT_ASSESSMENT_RULES.rulePoints, criticism: 5 },
    });
  });

  it('reads anything that is not an object as the defaults, and two zero weights as the default weights', () => {
    expect(rulesFromStored('garbage')).toEqual(DEFAULT_ASSESSMENT_RULES);
    expect(rulesFromStored(null)).toEqual(DEFAULT_ASSESSMENT_RULES);
    expect(rulesFromStored({ leadWeight: 0, assistWeight: 0, basePoints: 20 })).toEqual({ ...DEFAULT_ASSESSMENT_RULES, basePoints: 20 });
    // The defaults are never shared with a caller that changes what it got.
    const copy = rulesFromStored(undefined);
    copy.rulePoints.chased = 9;
    expect(DEFAULT_ASSESSMENT_RULES.rulePoints.chased).toBe(1);
  });
});
