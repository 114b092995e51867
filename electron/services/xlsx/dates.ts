/**
 * 完成时限 as people write it in breakdown tables → a due date.
 *
 * Excel dates and serial numbers; 2016-06-30, 2016/6/30, 2016.6.30, 2016年6月30日(前); 2016年6月(底/末/份),
 * 6月30日前, 6月底, 6月上旬/中旬/下旬 (10th / 20th / month end); 年底前, 年内, 年底, 全年, 2016年 (→ 12-31);
 * 一季度 / 第二季度 / 三季度末 / 前三季度 / 上半年 / 下半年 (→ end of the quarter or half); 长期坚持, 持续推进,
 * 常态化 (→ year end, flagged 长期). Text with several dates (6月底前完成方案，年底前完工) is due on the last one.
 * A month or day without a year takes the year written earlier in the text, else the import's year.
 */
import type ExcelJS from 'exceljs';
import { plainValue, serialToIsoDate, utcIsoDate, valueText } from './workbook';

export interface DueDateReading {
  date: string | null;
  longTerm: boolean;
  /** the cell as written */
  text: string;
  /** why no date could be read (Chinese), null when fine or empty */
  problem: string | null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const LONG_TERM_RE = /长期|持续|常态|坚持|逐年|每年/;
const FULL_DATE_RE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/g;
const YEAR_MONTH_RE = /(\d{4})\s*(?:年|[-/.](?=\d{1,2}(?!\d)))\s*(\d{1,2})\s*(?:月\s*)?(上旬|中旬|下旬|底|末|份|中)?/g;
const MONTH_DAY_RE = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const MONTH_RE = /(\d{1,2})\s*月\s*(上旬|中旬|下旬|底|末|份|中)?/g;
const QUARTER_RE = /(前三季度|上半年|下半年|(?:第)?([一二三四1-4])\s*季度)/g;
const YEAR_END_RE = /(\d{4})\s*年\s*(?:底|末|内|度)?|年底|年末|年内|全年|年度内|本年度?|当年/g;

/**
 * Reads a 完成时限 cell. `year` is the import's year (for 6月底, 年底前, 一季度 …).
 */
export function readDueDate(raw: ExcelJS.CellValue, year: number): DueDateReading {
  const value = plainValue(raw);
  if (value instanceof Date) return { date: utcIsoDate(value), longTerm: false, text: utcIsoDate(value), problem: null };
  if (typeof value === 'number' && value > 20000 && value < 80000 && Number.isInteger(value)) {
    const date = serialToIsoDate(value);
    return { date, longTerm: false, text: date, problem: null };
  }
  const text = valueText(value);
  return readDueText(text, year);
}

export function readDueText(written: string, year: number): DueDateReading {
  const text = written.replace(/[\u3000\s]+/g, ' ').trim();
  if (text === '') return { date: null, longTerm: false, text, problem: null };
  // Full-width digits and punctuation as typed with a Chinese input method.
  let rest = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/[－／．]/g, (c) => ({ '－': '-', '／': '/', '．': '.' })[c]!);
  const found: string[] = [];
  const invalid: string[] = [];
  const firstYear = /(\d{4})\s*[年\-/.]/.exec(rest);
  const contextYear = firstYear ? Number(firstYear[1]) : year;
  const take = (re: RegExp, toDate: (m: RegExpExecArray) => string | null | undefined) => {
    rest = rest.replace(re, (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const date = toDate(m);
      if (date === null) invalid.push(String(m[0]).trim());
      else if (date !== undefined) found.push(date);
      return ' ';
    });
  };
  take(FULL_DATE_RE, (m) => validDate(Number(m[1]), Number(m[2]), Number(m[3])));
  take(YEAR_MONTH_RE, (m) => {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return partOfMonth(Number(m[1]), month, m[3]);
  });
  take(MONTH_DAY_RE, (m) => validDate(contextYear, Number(m[1]), Number(m[2])));
  take(MONTH_RE, (m) => {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return null;
    return partOfMonth(contextYear, month, m[2]);
  });
  take(QUARTER_RE, (m) => {
    if (m[1] === '前三季度') return `${contextYear}-09-30`;
    if (m[1] === '上半年') return `${contextYear}-06-30`;
    if (m[1] === '下半年') return `${contextYear}-12-31`;
    return quarterEnd(contextYear, CN_DIGITS[m[2]!]!);
  });
  take(YEAR_END_RE, (m) => `${m[1] ? Number(m[1]) : contextYear}-12-31`);

  const longTerm = LONG_TERM_RE.test(text);
  if (found.length > 0) {
    const date = found.sort().at(-1)!;
    return { date, longTerm, text, problem: null };
  }
  if (invalid.length > 0) return { date: null, longTerm: false, text, problem: `完成时限“${text}”中的日期“${invalid[0]}”不存在` };
  if (longTerm) return { date: `${year}-12-31`, longTerm: true, text, problem: null };
  return { date: null, longTerm: false, text, problem: `无法识别完成时限“${text}”，请改写为日期（如 2016年6月底、6月30日前、年底前）` };
}

function partOfMonth(year: number, month: number, part: string | undefined): string {
  if (part === '上旬') return `${year}-${pad(month)}-10`;
  if (part === '中旬' || part === '中') return `${year}-${pad(month)}-20`;
  return monthEnd(year, month);
}

export function quarterEnd(year: number, quarter: number): string {
  return monthEnd(year, quarter * 3);
}
