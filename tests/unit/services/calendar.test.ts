import { afterEach, describe, expect, it } from 'vitest';
import { WorkCalendar, addCalendarDays, dayNumber, isoDate } from '../../../electron/services/calendar';
import { ServiceError } from '../../../electron/services/errors';

const builtIn = new WorkCalendar([]);

/** Brute force: working days in (from, to], day by day with isWorkday. */
function slowCount(calendar: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (calendar.isWorkday(d)) n += 1;
  return n;
}

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

describe('WorkCalendar — the 2016 arrangement (domain.md)', () => {
  it('counts the 2016 调休 Saturdays and Sundays as working days', () => {
    for (const d of ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09']) {
      expect(builtIn.isWorkday(d), d).toBe(true);
      expect(builtIn.kindOf(d), d).toBe('makeup_workday');
      expect(builtIn.describe(d), d).toBe('调休上班');
    }
  });

  it('takes Spring Festival 02-07..02-13 and National Day 10-01..10-07 off', () => {
    for (let d = '2016-02-07'; d <= '2016-02-13'; d = addCalendarDays(d, 1)) {
      expect(builtIn.isWorkday(d), d).toBe(false);
      expect(builtIn.isHoliday(d), d).toBe(true);
      expect(builtIn.describe(d), d).toBe('春节放假');
    }
    for (let d = '2016-10-01'; d <= '2016-10-07'; d = addCalendarDays(d, 1)) {
      expect(builtIn.isWorkday(d), d).toBe(false);
      expect(builtIn.describe(d), d).toBe('国庆节放假');
    }
    expect(builtIn.describe('2016-04-04')).toBe('清明节放假');
    expect(builtIn.describe('2016-06-09')).toBe('端午节放假');
    expect(builtIn.describe('2016-09-15')).toBe('中秋节放假');
  });

  it('tells ordinary weekends and weekdays apart from holidays', () => {
    expect(builtIn.describe('2016-10-15')).toBe('周末');
    expect(builtIn.isHoliday('2016-10-15')).toBe(false);
    expect(builtIn.isWorkday('2016-10-15')).toBe(false);
    expect(builtIn.describe('2016-10-10')).toBe('工作日');
    expect(builtIn.isWorkday('2016-10-10')).toBe(true);
  });

  it('knows the special years: 2015 抗战纪念日 and the 2020 extended Spring Festival', () => {
    expect(builtIn.describe('2015-09-03')).toBe('抗战胜利70周年纪念日放假');
    expect(builtIn.isWorkday('2015-09-06')).toBe(true);
    expect(builtIn.isWorkday('2020-01-31')).toBe(false);
    expect(builtIn.isWorkday('2020-02-02')).toBe(false);
  });
});

describe('WorkCalendar.addDays — due dates', () => {
  it('工作日: the start date is not counted ("会后5个工作日内", Monday meeting → next Monday)', () => {
    expect(builtIn.addDays('2016-03-07', 5, 'workday')).toBe('2016-03-14');
    expect(builtIn.addDays('2016-03-07', 1, 'workday')).toBe('2016-03-08');
  });

  it('工作日 across National Day counts the 调休 weekend and skips the holiday', () => {
    // 10-01..10-07 off; 10-08 (Sat) and 10-09 (Sun) worked: 10-08, 10-09, 10-10, 10-11, 10-12.
    expect(builtIn.addDays('2016-09-30', 5, 'workday')).toBe('2016-10-12');
    expect(builtIn.addDays('2016-09-30', 1, 'workday')).toBe('2016-10-08');
    // Across Spring Festival: 02-05 (Fri) → 02-06 (调休 Sat), 02-14 (调休 Sun), 02-15.
    expect(builtIn.addDays('2016-02-05', 3, 'workday')).toBe('2016-02-15');
  });

  it('日: a deadline falling on a holiday or weekend moves to the next working day (民法典 §203)', () => {
    expect(builtIn.addDays('2016-09-25', 10, 'day')).toBe('2016-10-08');
    expect(builtIn.addDays('2016-03-07', 5, 'day')).toBe('2016-03-14'); // Saturday 03-12 → Monday
    expect(builtIn.addDays('2016-03-07', 7, 'day')).toBe('2016-03-14'); // already a Monday
    expect(builtIn.addDays('2016-09-08', 10, 'day')).toBe('2016-09-18'); // a 调休 Sunday is a working day
  });

  it('n = 0 means the start date, or the next working day', () => {
    expect(builtIn.addDays('2016-10-10', 0, 'workday')).toBe('2016-10-10');
    expect(builtIn.addDays('2016-10-01', 0, 'day')).toBe('2016-10-08');
  });

  it('rejects negative or fractional limits and malformed dates with a Chinese message', () => {
    expect(() => builtIn.addDays('2016-10-10', -1, 'day')).toThrow(ServiceError);
    expect(() => builtIn.addDays('2016-10-10', 1.5, 'workday')).toThrow(/办理时限/);
    for (const bad of ['2016-02-30', '2016-2-3', '', 'abc', '0016-01-01', '2016-13-01']) {
      expect(() => builtIn.isWorkday(bad), bad).toThrow(/日期“.*”无效/);
    }
  });

  it('converts dates and day numbers exactly like the UTC Date does', () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i += 1) {
      const day = Math.floor(random() * 3_000_000) - 300_000; // years ~1148 to ~9900
      const viaDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(isoDate(day)).toBe(viaDate);
      expect(dayNumber(viaDate)).toBe(day);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(() => dayNumber('2015-02-29')).toThrow(/无效/);
    expect(dayNumber('2000-02-29')).toBe(dayNumber('2000-03-01') - 1);
  });

  it('crosses year boundaries and leap days in UTC', () => {
    expect(addCalendarDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addCalendarDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(isoDate(dayNumber('2016-10-12'))).toBe('2016-10-12');
    // 2015-12-31 (Thu) + 1 working day: 01-01 元旦 (Fri), weekend → 2016-01-04.
    expect(builtIn.addDays('2015-12-31', 1, 'workday')).toBe('2016-01-04');
  });
});

describe('WorkCalendar — years outside the built-in data and the user overrides', () => {
  it('knows which years chinese-days covers', () => {
    expect(builtIn.builtInCovers(2004)).toBe(true);
    expect(builtIn.builtInCovers(2016)).toBe(true);
    expect(builtIn.builtInCovers(2026)).toBe(true);
    expect(builtIn.builtInCovers(2027)).toBe(false);
    expect(builtIn.builtInCovers(2003)).toBe(false);
  });

  it('falls back to weekends only in 2027', () => {
    expect(builtIn.isWorkday('2027-01-01')).toBe(true); // Friday; 元旦 not yet entered
    expect(builtIn.isWorkday('2027-02-10')).toBe(true);
    expect(builtIn.isWorkday('2027-02-13')).toBe(false);
    expect(builtIn.describe('2027-02-13')).toBe('周末');
  });

  it('honours an override making 2027-02-10 a holiday', () => {
    const calendar = new WorkCalendar([{ date: '2027-02-10', kind: 'holiday', note: '春节' }]);
    expect(calendar.isWorkday('2027-02-10')).toBe(false);
    expect(calendar.isHoliday('2027-02-10')).toBe(true);
    expect(calendar.describe('2027-02-10')).toBe('放假（春节）');
    expect(calendar.builtInCovers(2027)).toBe(false);
    // 2027-02-08 (Mon) + 3 working days: 02-09, (02-10 off), 02-11, 02-12.
    expect(calendar.addDays('2027-02-08', 3, 'workday')).toBe('2027-02-12');
    expect(calendar.addDays('2027-02-08', 2, 'day')).toBe('2027-02-11');
    expect(calendar.workdaysBetween('2027-02-08', '2027-02-12')).toBe(3);
  });

  it('lets an override turn a built-in holiday into a working day, and a Saturday into one', () => {
    const calendar = new WorkCalendar([
      { date: '2016-10-07', kind: 'workday' },
      { date: '2027-02-20', kind: 'workday', note: '春节调休' },
    ]);
    expect(calendar.isWorkday('2016-10-07')).toBe(true);
    expect(calendar.isHoliday('2016-10-07')).toBe(false);
    expect(calendar.describe('2016-10-07')).toBe('上班（自行设置）');
    expect(calendar.addDays('2016-09-30', 5, 'workday')).toBe('2016-10-11');
    expect(calendar.isWorkday('2027-02-20')).toBe(true);
    expect(calendar.describe('2027-02-20')).toBe('上班（春节调休）');
    // The built-in calendar is untouched by another instance's overrides.
    expect(builtIn.isWorkday('2016-10-07')).toBe(false);
  });

  it('lets the last override of a date win', () => {
    const calendar = new WorkCalendar([
      { date: '2016-10-10', kind: 'holiday' },
      { date: '2016-10-10', kind: 'workday' },
    ]);
    expect(calendar.isWorkday('2016-10-10')).toBe(true);
  });
});

describe('WorkCalendar.workdaysBetween and nextWorkday', () => {
  it('counts working days after `from` up to and including `to`, signed', () => {
    expect(builtIn.workdaysBetween('2016-09-30', '2016-10-12')).toBe(5);
    expect(builtIn.workdaysBetween('2016-10-12', '2016-09-30')).toBe(-5);
    expect(builtIn.workdaysBetween('2016-10-12', '2016-10-12')).toBe(0);
    expect(builtIn.workdaysBetween('2016-10-01', '2016-10-07')).toBe(0);
    expect(builtIn.workdaysBetween('2016-10-10', '2016-10-07')).toBe(-3); // 10-08, 10-09, 10-10
    expect(builtIn.workdaysBetween('2015-12-31', '2016-01-04')).toBe(1);
    // 2016: 261 weekdays − 17 weekday holidays + 6 调休 days = 250 working days.
    expect(builtIn.workdaysBetween('2015-12-31', '2016-12-31')).toBe(250);
  });

  it('agrees with a day-by-day count and with addDays on random spans', () => {
    const random = seeded(2016);
    const calendar = new WorkCalendar([
      { date: '2027-02-10', kind: 'holiday' },
      { date: '2016-10-07', kind: 'workday' },
    ]);
    const base = dayNumber('2014-06-01');
    for (let i = 0; i < 300; i += 1) {
      const from = isoDate(base + Math.floor(random() * 365 * 15));
      const to = addCalendarDays(from, Math.floor(random() * 160) - 40);
      const expected = to >= from ? slowCount(calendar, from, to) : -slowCount(calendar, to, from);
      expect(calendar.workdaysBetween(from, to), `${from} → ${to}`).toBe(expected);
      const n = 1 + Math.floor(random() * 30);
      const due = calendar.addDays(from, n, 'workday');
      expect(calendar.workdaysBetween(from, due)).toBe(n);
      expect(calendar.isWorkday(due)).toBe(true);
    }
  });

  it('gives the next working day strictly after a date, or on it', () => {
    expect(builtIn.nextWorkday('2016-09-30')).toBe('2016-10-08');
    expect(builtIn.nextWorkday('2016-10-10')).toBe('2016-10-11');
    expect(builtIn.workdayOnOrAfter('2016-10-10')).toBe('2016-10-10');
    expect(builtIn.workdayOnOrAfter('2016-10-02')).toBe('2016-10-08');
  });
});

describe('WorkCalendar — independent of the machine time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
    it(`gives the same answers in ${zone}`, () => {
      process.env.TZ = zone;
      const calendar = new WorkCalendar([]);
      expect(calendar.isWorkday('2016-10-01')).toBe(false);
      expect(calendar.isWorkday('2016-10-08')).toBe(true);
      expect(calendar.isWorkday('2016-09-30')).toBe(true);
      expect(calendar.describe('2016-10-01')).toBe('国庆节放假');
      expect(calendar.addDays('2016-09-30', 5, 'workday')).toBe('2016-10-12');
      expect(calendar.addDays('2016-09-25', 10, 'day')).toBe('2016-10-08');
      expect(calendar.workdaysBetween('2015-12-31', '2016-12-31')).toBe(250);
    });
  }
});
