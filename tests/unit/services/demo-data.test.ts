import { describe, expect, it } from 'vitest';
import { actionInput, progressInput, taskInput, unitInput } from '../../../electron/contract/channels';
import { TASK_SOURCES, TASK_STATUSES, type TaskStatus } from '../../../electron/contract/vocabulary';
import { WorkCalendar, addCalendarDays } from '../../../electron/services/calendar';
import { buildDemoLedger, type DemoLedger, type DemoTask } from '../../../electron/services/demo-data';
import { plannedPercentAt, taskStatus } from '../../../electron/services/status';

const calendar = new WorkCalendar([]);

/** The status the app will show: the lead unit's newest percentage, as the ledger query picks it. */
function statusOf(task: DemoTask, today: string): TaskStatus {
  const lead = task.units.find((u) => u.role === 'lead')!.unitName;
  const withPercent = task.reports.filter((r) => r.unitName === lead && r.percent !== null);
  return taskStatus(
    {
      today,
      dueDate: task.dueDate,
      completedOn: task.completedOn,
      latestPercent: withPercent[withPercent.length - 1]?.percent ?? null,
      plannedPercent: plannedPercentAt(task.milestones, today),
      dueSoonWorkdays: 3,
    },
    calendar,
  );
}

function countStatuses(ledger: DemoLedger): Record<TaskStatus, number> {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const t of ledger.tasks) counts[statusOf(t, ledger.today)] += 1;
  return counts;
}

/** A stand-in UUID per unit name, as the loader will map names to ids. */
function idFor(name: string, ids: Map<string, string>): string {
  let id = ids.get(name);
  if (!id) {
    id = `00000000-0000-7000-8000-${String(ids.size + 1).padStart(12, '0')}`;
    ids.set(name, id);
  }
  return id;
}

const TASK_ID = '00000000-0000-7000-8000-999999999999';

describe('buildDemoLedger', () => {
  const autumn = buildDemoLedger('2016-09-20');
  const later = buildDemoLedger('2026-11-26');

  it('is deterministic for a given today and seed, and varies with the seed', () => {
    expect(buildDemoLedger('2016-09-20')).toEqual(autumn);
    expect(buildDemoLedger('2016-09-20', 7)).toEqual(buildDemoLedger('2016-09-20', 7));
    expect(buildDemoLedger('2016-09-20', 7)).not.toEqual(autumn);
  });

  it('has the real units of 上虞区 with full names and fictional contacts', () => {
    const names = autumn.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['百官街道', '曹娥街道', '东关街道']) {
      expect(autumn.units.find((u) => u.name === name)?.kind, name).toBe('subdistrict');
    }
    for (const name of ['道墟镇', '梁湖镇', '小越镇', '崧厦镇', '沥海镇', '长塘镇', '上浦镇', '汤浦镇', '章镇镇', '下管镇', '丰惠镇', '永和镇', '驿亭镇', '谢塘镇', '盖北镇', '岭南乡', '陈溪乡', '丁宅乡']) {
      expect(autumn.units.find((u) => u.name === name)?.kind, name).toBe('township');
    }
    for (const name of ['区发改局', '区经信局', '区服务业发展局', '区监察局', '区财政局', '区教育体育局', '区综合行政执法局', '区金融办']) {
      expect(autumn.units.find((u) => u.name === name)?.kind, name).toBe('department');
    }
    for (const u of autumn.units) {
      expect(u.leaderName && u.directorName && u.liaisonName, u.name).toBeTruthy();
      expect(u.directorPhone, u.name).toMatch(/^0575-82\d{6}$/);
      expect(u.leaderPhone, u.name).toMatch(/^1[3-9]\d{9}$/);
      expect(u.liaisonPhone, u.name).toMatch(/^1[3-9]\d{9}$/);
      expect(() => unitInput.parse(u), u.name).not.toThrow();
    }
  });

  it('has about a hundred tasks in all six sources', () => {
    for (const ledger of [autumn, later]) {
      expect(ledger.tasks.length).toBeGreaterThanOrEqual(80);
      expect(ledger.tasks.length).toBeLessThanOrEqual(120);
      for (const source of TASK_SOURCES) {
        expect(ledger.tasks.filter((t) => t.source === source).length, source).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('references only units that exist, one lead and at most three assisting units per task', () => {
    for (const ledger of [autumn, later]) {
      const units = new Set(ledger.units.map((u) => u.name));
      for (const t of ledger.tasks) {
        const linked = new Set(t.units.map((u) => u.unitName));
        expect(linked.size, t.title).toBe(t.units.length);
        for (const name of linked) expect(units.has(name), `${t.title}: ${name}`).toBe(true);
        expect(t.units.filter((u) => u.role === 'lead'), t.title).toHaveLength(1);
        expect(t.units.filter((u) => u.role === 'assist').length, t.title).toBeLessThanOrEqual(3);
        for (const r of t.reports) expect(linked.has(r.unitName), `${t.title}: report by ${r.unitName}`).toBe(true);
        for (const a of t.actions) expect(a.unitName === null || linked.has(a.unitName), `${t.title}: action`).toBe(true);
      }
    }
  });

  it('passes the contract schemas the real services parse', () => {
    const ids = new Map<string, string>();
    for (const t of autumn.tasks) {
      const input = { ...t, units: t.units.map(({ unitName, ...rest }) => ({ ...rest, unitId: idFor(unitName, ids) })) };
      const parsed = taskInput.safeParse(input);
      expect(parsed.success ? '' : parsed.error.issues[0]?.message, t.title).toBe('');
      for (const r of t.reports) {
        const { unitName, ...rest } = r;
        const report = progressInput.safeParse({ ...rest, taskId: TASK_ID, unitId: idFor(unitName, ids) });
        expect(report.success ? '' : report.error.issues[0]?.message, `${t.title} ${r.reportDate}`).toBe('');
      }
      for (const a of t.actions) {
        const { unitName, ...rest } = a;
        const action = actionInput.safeParse({ ...rest, taskId: TASK_ID, unitId: unitName === null ? null : idFor(unitName, ids) });
        expect(action.success ? '' : action.error.issues[0]?.message, t.title).toBe('');
      }
    }
  });

  it('keeps dates consistent: nothing after today, due dates from the time limits, milestones in order', () => {
    for (const ledger of [autumn, later]) {
      const today = ledger.today;
      for (const t of ledger.tasks) {
        expect(t.assignedDate <= today, t.title).toBe(true);
        expect(t.dueDate >= t.assignedDate, t.title).toBe(true);
        expect(t.year, t.title).toBe(Number(t.assignedDate.slice(0, 4)));
        if (t.timeLimitValue !== null && t.timeLimitUnit !== null) {
          expect(t.dueDate, t.title).toBe(calendar.addDays(t.assignedDate, t.timeLimitValue, t.timeLimitUnit));
        }
        if (t.completedOn !== null) {
          expect(t.completedOn > t.assignedDate && t.completedOn <= today, t.title).toBe(true);
        }
        for (const r of t.reports) expect(r.reportDate >= t.assignedDate && r.reportDate <= today, `${t.title} ${r.reportDate}`).toBe(true);
        for (const a of t.actions) expect(a.actionDate >= t.assignedDate && a.actionDate <= today, `${t.title} ${a.actionDate}`).toBe(true);
        const dates = t.milestones.map((m) => m.dueDate);
        expect([...dates].sort(), t.title).toEqual(dates);
        const planned = t.milestones.map((m) => m.plannedPercent);
        expect([...planned].sort((x, y) => x - y), t.title).toEqual(planned);
        if (t.milestones.length > 0) expect(t.milestones[t.milestones.length - 1], t.title).toMatchObject({ dueDate: t.dueDate, plannedPercent: 100 });
      }
    }
  });

  it("keeps each lead unit's reports on distinct dates with percentages that never go down", () => {
    for (const ledger of [autumn, later]) {
      for (const t of ledger.tasks) {
        const lead = t.units.find((u) => u.role === 'lead')!.unitName;
        const mine = t.reports.filter((r) => r.unitName === lead);
        expect(new Set(mine.map((r) => r.reportDate)).size, t.title).toBe(mine.length);
        const percents = mine.map((r) => r.percent).filter((p): p is number => p !== null);
        expect([...percents].sort((x, y) => x - y), t.title).toEqual(percents);
        if (t.completedOn) expect(mine[mine.length - 1]?.percent, t.title).toBe(100);
      }
    }
  });

  it('shows every status on 2016-09-20 and 2026-11-26', () => {
    for (const ledger of [autumn, later]) {
      const counts = countStatuses(ledger);
      for (const status of TASK_STATUSES) expect(counts[status], `${ledger.today} ${status}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('shows every status whatever the day: early January, Spring Festival, years beyond the built-in holidays', () => {
    const days = ['2016-01-04', '2016-02-10', '2016-03-31', '2016-04-01', '2016-06-30', '2016-10-03', '2016-12-31', '2027-01-04', '2030-06-17'];
    for (let d = '2017-01-15'; d <= '2017-12-31'; d = addCalendarDays(d, 30)) days.push(d);
    for (const today of days) {
      const counts = countStatuses(buildDemoLedger(today, 11));
      for (const status of TASK_STATUSES) expect(counts[status], `${today} ${status}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('writes believable Chinese: titles, sources, reports and actions', () => {
    const bySource = (s: string) => autumn.tasks.filter((t) => t.source === s);
    expect(bySource('work_report').every((t) => /政府工作报告目标任务细化分解表/.test(t.sourceRef))).toBe(true);
    expect(bySource('livelihood').every((t) => /民生实事/.test(t.sourceRef) && t.rhythm === 'monthly')).toBe(true);
    expect(bySource('meeting').every((t) => /会议纪要/.test(t.sourceRef) && t.timeLimitValue !== null)).toBe(true);
    expect(bySource('meeting').some((t) => /区政府第\d+次常务会议/.test(t.sourceRef))).toBe(true);
    expect(bySource('meeting').some((t) => t.timeLimitUnit === 'workday')).toBe(true);
    expect(bySource('project').every((t) => t.rhythm === 'quarterly')).toBe(true);
    expect(bySource('special').some((t) => /五水共治/.test(t.sourceRef))).toBe(true);
    expect(bySource('special').some((t) => /三改一拆/.test(t.sourceRef))).toBe(true);
    expect(bySource('instruction').some((t) => /批示/.test(t.sourceRef))).toBe(true);
    expect(bySource('instruction').some((t) => /区长信箱/.test(t.sourceRef))).toBe(true);
    const reports = autumn.tasks.flatMap((t) => t.reports);
    expect(reports.length).toBeGreaterThan(150);
    expect(reports.some((r) => r.noChange)).toBe(true);
    expect(reports.some((r) => r.stage === '申请延期')).toBe(true);
    const methods = new Set(autumn.tasks.flatMap((t) => t.actions.map((a) => a.method)));
    expect([...methods].sort()).toEqual(['onsite', 'phone', 'written']);
    // Whole things are counted whole.
    expect(reports.some((r) => /\d\.\d+(所|家|个|人|条|座|户)/.test(r.doneText))).toBe(false);
  });

  it('rejects an impossible today', () => {
    expect(() => buildDemoLedger('2016-02-30')).toThrow(/无效/);
  });
});
