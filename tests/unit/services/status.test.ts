import { describe, expect, it } from 'vitest';
import { WorkCalendar, addCalendarDays, dayNumber, isoDate } from '../../../electron/services/calendar';
import {
  dueSoonCutoff,
  plannedPercentAt,
  taskStatus,
  taskStatusByCutoff,
  type StatusInput,
} from '../../../electron/services/status';

const calendar = new WorkCalendar([]);

const base: StatusInput = {
  today: '2016-09-20',
  dueDate: '2016-12-31',
  completedOn: null,
  latestPercent: 80,
  plannedPercent: 75,
  dueSoonWorkdays: 3,
};
const status = (over: Partial<StatusInput>) => taskStatus({ ...base, ...over }, calendar);

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('taskStatus — the five statuses and their precedence', () => {
  it('is on track when ahead of plan and far from the deadline', () => {
    expect(status({})).toBe('on_track');
  });

  it('is done once completed, whatever else holds', () => {
    expect(status({ completedOn: '2016-09-01', dueDate: '2016-08-01', latestPercent: null })).toBe('done');
  });

  it('is overdue the day after the due date, and outranks behind', () => {
    expect(status({ dueDate: '2016-09-19' })).toBe('overdue');
    expect(status({ dueDate: '2016-09-19', latestPercent: 10 })).toBe('overdue');
    expect(status({ dueDate: '2016-09-20' })).not.toBe('overdue');
  });

  it('is behind when the planned percentage exceeds the reported one (nothing reported counts as 0)', () => {
    expect(status({ latestPercent: 70 })).toBe('behind');
    expect(status({ latestPercent: 75 })).toBe('on_track');
    expect(status({ latestPercent: null })).toBe('behind');
    expect(status({ latestPercent: null, plannedPercent: null })).toBe('on_track');
    expect(status({ latestPercent: null, plannedPercent: 0 })).toBe('on_track');
  });

  it('puts behind before due soon', () => {
    expect(status({ dueDate: '2016-09-21', latestPercent: 50 })).toBe('behind');
    expect(status({ dueDate: '2016-09-21', latestPercent: 90 })).toBe('due_soon');
  });

  it('counts 临期 in working days, due today included', () => {
    // 2016-09-20 (Tue): 09-21, 09-22, 09-23 are the next three working days; 09-24/25 a weekend.
    expect(status({ dueDate: '2016-09-20' })).toBe('due_soon');
    expect(status({ dueDate: '2016-09-23' })).toBe('due_soon');
    expect(status({ dueDate: '2016-09-25' })).toBe('due_soon');
    expect(status({ dueDate: '2016-09-26' })).toBe('on_track');
    expect(status({ dueDate: '2016-09-20', dueSoonWorkdays: 0 })).toBe('due_soon');
    expect(status({ dueDate: '2016-09-21', dueSoonWorkdays: 0 })).toBe('on_track');
  });

  it('stretches 临期 over National Day: from 09-29 the next three working days are 09-30, 10-08, 10-09', () => {
    expect(status({ today: '2016-09-29', dueDate: '2016-10-05' })).toBe('due_soon');
    expect(status({ today: '2016-09-29', dueDate: '2016-10-09' })).toBe('due_soon');
    expect(status({ today: '2016-09-29', dueDate: '2016-10-10' })).toBe('on_track');
  });

  it('rejects a negative or fractional threshold', () => {
    expect(() => status({ dueSoonWorkdays: -1 })).toThrow(/临期提醒天数/);
    expect(() => dueSoonCutoff('2016-09-20', 1.5, calendar)).toThrow(/临期提醒天数/);
  });
});

describe('dueSoonCutoff — the SQL form of 临期', () => {
  it('is the day before the (N+1)-th working day after today', () => {
    expect(dueSoonCutoff('2016-09-20', 3, calendar)).toBe('2016-09-25');
    expect(dueSoonCutoff('2016-09-29', 3, calendar)).toBe('2016-10-09');
    expect(dueSoonCutoff('2016-09-20', 0, calendar)).toBe('2016-09-20');
    expect(dueSoonCutoff('2016-09-23', 0, calendar)).toBe('2016-09-25'); // Friday: the weekend is still "today"
  });

  it('agrees with taskStatus on many random dates, thresholds and overrides', () => {
    const random = seeded(20160302);
    const calendars = [
      calendar,
      new WorkCalendar([
        { date: '2016-10-10', kind: 'holiday' },
        { date: '2027-02-10', kind: 'holiday' },
        { date: '2027-02-13', kind: 'workday' },
      ]),
    ];
    const first = dayNumber('2015-11-01');
    let dueSoonSeen = 0;
    for (let i = 0; i < 5000; i += 1) {
      const cal = calendars[i % 2]!;
      const today = isoDate(first + Math.floor(random() * 365 * 12));
      const dueSoonWorkdays = Math.floor(random() * 8);
      const input: StatusInput = {
        today,
        dueDate: addCalendarDays(today, Math.floor(random() * 40) - 10),
        completedOn: random() < 0.1 ? today : null,
        latestPercent: random() < 0.2 ? null : Math.floor(random() * 101),
        plannedPercent: random() < 0.4 ? null : Math.floor(random() * 101),
        dueSoonWorkdays,
      };
      const cutoff = dueSoonCutoff(today, dueSoonWorkdays, cal);
      const expected = taskStatus(input, cal);
      if (expected === 'due_soon') dueSoonSeen += 1;
      const actual = taskStatusByCutoff(input, cutoff);
      if (actual !== expected) expect({ ...input, cutoff, actual }).toEqual({ ...input, cutoff, actual: expected });
    }
    expect(dueSoonSeen).toBeGreaterThan(100);
  });
});

describe('plannedPercentAt', () => {
  const milestones = [
    { dueDate: '2016-03-31', plannedPercent: 20 },
    { dueDate: '2016-09-30', plannedPercent: 75 },
    { dueDate: '2016-06-30', plannedPercent: 45 },
    { dueDate: '2016-12-31', plannedPercent: 100 },
  ];

  it('takes the latest milestone due on or before today, in any order', () => {
    expect(plannedPercentAt(milestones, '2016-03-30')).toBeNull();
    expect(plannedPercentAt(milestones, '2016-03-31')).toBe(20);
    expect(plannedPercentAt(milestones, '2016-09-20')).toBe(45);
    expect(plannedPercentAt(milestones, '2016-10-01')).toBe(75);
    expect(plannedPercentAt(milestones, '2017-01-01')).toBe(100);
    expect(plannedPercentAt([], '2016-09-20')).toBeNull();
  });

  it('takes the higher percentage when two milestones share a date', () => {
    expect(
      plannedPercentAt(
        [
          { dueDate: '2016-06-30', plannedPercent: 60 },
          { dueDate: '2016-06-30', plannedPercent: 40 },
        ],
        '2016-07-01',
      ),
    ).toBe(60);
  });
});
