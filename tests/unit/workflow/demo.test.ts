import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoLedger } from '../../../electron/services/demo-data';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('the demo’s workflow plan', () => {
  it.each(['2016-09-20', '2026-11-26', '2016-01-05', '2016-10-08', '2017-02-03'])('on %s: every date on or before today, in order', (today) => {
    const { workflow, tasks } = buildDemoLedger(today);
    const { notice, criticism, referral } = workflow;
    if (today === '2016-09-20' || today === '2026-11-26') expect([notice, criticism, referral].every((p) => p !== null)).toBe(true);
    if (notice) {
      expect(notice.signedOn <= notice.answeredOn && notice.answeredOn <= notice.deadline && notice.deadline < today).toBe(true);
      expect(notice.taskIndexes.map((i) => tasks[i]!.units[0]!.unitName)).toEqual(notice.unitNames);
    }
    if (criticism) expect(criticism.signedOn < criticism.deadline && criticism.deadline < criticism.receivedOn && criticism.receivedOn <= today).toBe(true);
    if (referral) expect(referral.referredOn <= today).toBe(true);
    const chases = tasks.flatMap((task) => task.actions.filter((a) => a.purpose === 'chase'));
    for (const a of chases) expect(a.actionDate <= today).toBe(true);
  });
});

describe.each(['2016-09-20', '2026-11-26'])('the demo ledger loaded on %s', (today) => {
  it('shows the workflow: chased units, a notice answered and one overdue, a late 整改 report, a referral', async () => {
    const ledger = await openTempLedger(today);
    t = ledger;
    await ledger.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
    const year = Number(today.slice(0, 4));

    const chase = await ledger.ok('chase.list', { year });
    expect(chase.groups.length).toBeGreaterThan(0);
    expect(chase.groups.some((g) => g.chasesThisYear >= 2 && g.flaggedForBulletin)).toBe(true);
    expect(chase.groups[0]!.flaggedForBulletin).toBe(true);
    expect(chase.groups.flatMap((g) => g.items.map((i) => i.reason))).toEqual(expect.arrayContaining(['overdue_no_report', 'notice_unanswered']));

    const obligations = await ledger.ok('obligations.list', {});
    expect(obligations.map((o) => [o.kind, o.state]).sort()).toEqual(
      [
        ['notice_answer', 'on_time'],
        ['notice_answer', 'overdue'],
        ['rectification', 'late'],
      ].sort(),
    );
    for (const o of obligations) expect(o.documentNumber).toMatch(/〔\d{4}〕\d+号$/);

    const referrals = await ledger.ok('referrals.list', {});
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({ referredTo: '区纪委区监委', operator: '周敏' });
    const story = await ledger.ok('tasks.timeline', { id: referrals[0]!.taskId! });
    expect(story.map((e) => e.kind)).toEqual(expect.arrayContaining(['assigned', 'chase', 'referral']));

    const overview = await ledger.ok('feedback.overview', { year, scope: 'year' });
    expect(overview.totals.received).toBeGreaterThan(0);
    expect(overview.totals.missing + overview.totals.late).toBeGreaterThan(0);
    const summary = await ledger.ok('workflow.summary', { year });
    expect(summary.overdueObligations).toHaveLength(1);
    expect(summary.flaggedUnits).toBeGreaterThan(0);
  }, 60_000);
});
