/**
 * The working calendar: which days are working days (工作日), and deadline arithmetic on them.
 *
 * Sources, strongest first:
 * 1. the user's overrides (设置 → 节假日调整), because the State Council publishes each year's
 *    arrangement in December and the office must be able to enter it (or a local exception) itself;
 * 2. the built-in arrangement of chinese-days (statutory holidays and 调休 make-up days, 2004–2026);
 * 3. otherwise Monday–Friday are working days and weekends are not.
 *
 * Dates are ISO strings (yyyy-mm-dd) everywhere. Internally a date is its day number since
 * 1970-01-01, computed with integer calendar arithmetic (no Date objects, i.e. UTC semantics), so the
 * machine's time zone never shifts a day.
 * Each year is classified once, lazily, into a table with a running count of working days, which
 * makes `workdaysBetween` O(years spanned) — cheap enough to run once per ledger row.
 */
// The default export: chinese-days is a minified CommonJS bundle whose named exports Node's ESM
// loader cannot detect, while its default export carries every function under both loaders.
import chineseDays from 'chinese-days';
import type { HolidayKind, TimeLimitUnit } from '../contract/vocabulary';
import { ServiceError } from './errors';

export interface CalendarOverride {
  date: string;
  kind: HolidayKind;
  /** shown by `describe`, e.g. "台风停工" */
  note?: string;
}

/** What kind of day a date is, and why. */
export type DayKind =
  | 'workday' // an ordinary Monday–Friday
  | 'weekend' // an ordinary Saturday or Sunday
  | 'holiday' // a statutory holiday of the built-in arrangement (incl. weekend days inside it)
  | 'makeup_workday' // a built-in 调休 Saturday/Sunday that is worked
  | 'override_holiday' // the user declared it a day off
  | 'override_workday'; // the user declared it a working day

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const KIND_CODES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday', 'override_holiday', 'override_workday'];
const WORKING: readonly boolean[] = [true, false, false, true, false, true];

/** chinese-days names holidays "National Day,国庆节,3"; the UI wants the Chinese holiday name. */
const HOLIDAY_NAMES: Record<string, string> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: '抗战胜利70周年纪念日',
};

interface YearTable {
  /** day number of 1 January */
  first: number;
  /** index into KIND_CODES, per day of the year */
  kinds: Uint8Array;
  /** before[i] = working days among the first i days of the year */
  before: Int32Array;
  /** built-in holiday names and override notes, by day of the year */
  names: Map<number, string>;
  /** whether chinese-days knows this year's arrangement */
  builtIn: boolean;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): integers only, no Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day number (days since 1970-01-01) of an ISO date; throws a ServiceError on a malformed or impossible date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    // Years before 1000 are typing mistakes here (and would not print as four digits).
    const last = mo === 2 && isLeap(y) ? 29 : (MONTH_DAYS[mo - 1] ?? 0);
    if (y >= 1000 && d >= 1 && d <= last) return daysFromCivil(y, mo, d);
  }
  throw new ServiceError('invalid_input', `日期“${date}”无效，应为 年-月-日，例如 2016-06-30。`);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO date of a day number. */
export function isoDate(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${pad2(month)}-${pad2(d)}`;
}

/** Adds n calendar days to an ISO date (no working-day rule). */
export function addCalendarDays(date: string, n: number): string {
  return isoDate(dayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function yearOf(day: number): number {
  return civilFromDays(day).year;
}

/**
 * The built-in arrangement for one day. chinese-days parses date strings as UTC but formats them with
 * local-time getters, which shifts the answer by a day west of Greenwich; handing it a local-midnight
 * Date avoids that in every time zone.
 */
function builtInDay(day: number): { kind: 'holiday' | 'makeup_workday'; name: string } | null {
  const { year, month, day: d } = civilFromDays(day);
  const detail = chineseDays.getDayDetail(new Date(year, month - 1, d));
  // Days the arrangement lists carry "English,中文,days"; ordinary days carry an English weekday name.
  const parts = detail.name.split(',');
  if (parts.length < 2) return null;
  const raw = parts[1] ?? '';
  return { kind: detail.work ? 'makeup_workday' : 'holiday', name: HOLIDAY_NAMES[raw] ?? raw };
}

export class WorkCalendar {
  private readonly overrides = new Map<number, CalendarOverride>();
  private readonly years = new Map<number, YearTable>();

  constructor(overrides: ReadonlyArray<CalendarOverride>) {
    for (const o of overrides) this.overrides.set(dayNumber(o.date), o);
  }

  /** Whether the built-in arrangement knows this year's holidays; when false the UI asks the user to enter them. */
  builtInCovers(year: number): boolean {
    return this.table(year).builtIn;
  }

  kindOf(date: string): DayKind {
    const { table, index } = this.locate(dayNumber(date));
    return KIND_CODES[table.kinds[index] ?? 0] ?? 'workday';
  }

  isWorkday(date: string): boolean {
    return this.isWorkingDay(dayNumber(date));
  }

  /**
   * A day off by arrangement: a statutory holiday (including the weekend days and 调休 rest days inside
   * it) or a day the user declared off. A plain weekend is not a holiday — use `!isWorkday` for "not a
   * working day".
   */
  isHoliday(date: string): boolean {
    const kind = this.kindOf(date);
    return kind === 'holiday' || kind === 'override_holiday';
  }

  /** One short Chinese phrase for the UI: '国庆节放假', '调休上班', '周末', '工作日'. */
  describe(date: string): string {
    const day = dayNumber(date);
    const { table, index } = this.locate(day);
    const name = table.names.get(index);
    switch (KIND_CODES[table.kinds[index] ?? 0]) {
      case 'holiday':
        return `${name ?? '法定节假日'}放假`;
      case 'makeup_workday':
        return '调休上班';
      case 'override_holiday':
        return name ? `放假（${name}）` : '放假（自行设置）';
      case 'override_workday':
        return name ? `上班（${name}）` : '上班（自行设置）';
      case 'weekend':
        return '周末';
      default:
        return '工作日';
    }
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    return isoDate(this.workingDayFrom(dayNumber(date) + 1));
  }

  /** `date` itself if it is a working day, else the next working day. */
  workdayOnOrAfter(date: string): string {
    return isoDate(this.workingDayFrom(dayNumber(date)));
  }

  /**
   * The due date of a time limit of `n` days or working days counted from `start` (the 交办 or meeting date).
   *
   * - 'workday': the start date itself is not counted; the due date is the n-th working day after it
   *   ("会后5个工作日内": a meeting on Monday 2016-03-07 is due Monday 2016-03-14).
   * - 'day': n calendar days after the start (民法典 §201: the period starts the next day); if that day is
   *   not a working day the deadline moves to the next working day (§203 speaks of the last day being a
   *   法定休假日; weekends are 休息日 in the same sense, and offices cannot act on either).
   * - n = 0 means "on the start date", moved to the next working day if the start date is not one.
   */
  addDays(start: string, n: number, unit: TimeLimitUnit): string {
    if (!Number.isInteger(n) || n < 0) throw new ServiceError('invalid_input', '办理时限应为不小于 0 的整数。');
    const from = dayNumber(start);
    if (unit === 'day' || n === 0) return isoDate(this.workingDayFrom(from + n));
    let day = from;
    let left = n;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDay(day)) left -= 1;
    }
    return isoDate(day);
  }

  /**
   * Signed count of working days after `from` up to and including `to`; negative (−count after `to`
   * up to and including `from`) when `to` is earlier. Today → due date gives the 剩余工作日 of a task:
   * 0 when due today, −1 when the due date was the previous working day.
   */
  workdaysBetween(from: string, to: string): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (a === b) return 0;
    return b > a ? this.countWorkdays(a + 1, b) : -this.countWorkdays(b + 1, a);
  }

  /** Working days in [first, last] (day numbers, first ≤ last), summed over the year tables. */
  private countWorkdays(first: number, last: number): number {
    let total = 0;
    let day = first;
    while (day <= last) {
      const table = this.table(yearOf(day));
      const start = day - table.first;
      const end = Math.min(last - table.first, table.kinds.length - 1);
      total += (table.before[end + 1] ?? 0) - (table.before[start] ?? 0);
      day = table.first + table.kinds.length;
    }
    return total;
  }

  private isWorkingDay(day: number): boolean {
    const { table, index } = this.locate(day);
    return WORKING[table.kinds[index] ?? 0] ?? true;
  }

  private workingDayFrom(day: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d += 1;
    return d;
  }

  private locate(day: number): { table: YearTable; index: number } {
    const table = this.table(yearOf(day));
    return { table, index: day - table.first };
  }

  private table(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    const first = daysFromCivil(year, 1, 1);
    const length = daysFromCivil(year + 1, 1, 1) - first;
    const kinds = new Uint8Array(length);
    const before = new Int32Array(length + 1);
    const names = new Map<number, string>();
    let builtIn = false;
    for (let i = 0; i < length; i += 1) {
      const day = first + i;
      const weekday = weekdayOf(day);
      let kind: DayKind = weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
      const arranged = builtInDay(day);
      if (arranged) {
        builtIn = true;
        kind = arranged.kind;
        names.set(i, arranged.name);
      }
      const override = this.overrides.get(day);
      if (override) {
        kind = override.kind === 'holiday' ? 'override_holiday' : 'override_workday';
        if (override.note) names.set(i, override.note);
        else names.delete(i);
      }
      const code = KIND_CODES.indexOf(kind);
      kinds[i] = code;
      before[i + 1] = (before[i] ?? 0) + (WORKING[code] ? 1 : 0);
    }
    const table: YearTable = { first, kinds, before, names, builtIn };
    this.years.set(year, table);
    return table;
  }
}
