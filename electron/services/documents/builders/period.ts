/** Periods as documents name them: 2016年上半年, 2016年第三季度, 2016年1—8月, 2016年7月5日至9月20日. */
import { chineseNumber, formatChineseDate, formatMonthDay } from './chinese-text';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (1–12), ISO. */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad2(month)}-${pad2(last)}`;
}

export function quarterStart(year: number, quarter: number): string {
  return `${year}-${pad2(quarter * 3 - 2)}-01`;
}

export function quarterEnd(year: number, quarter: number): string {
  return monthEnd(year, quarter * 3);
}

export function quarterName(quarter: number): string {
  return `第${chineseNumber(quarter)}季度`;
}

/** The 通报's name for a period from `from` to `to` (inclusive, ISO dates). */
export function periodLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const startsMonth = fd === 1;
  const endsMonth = to === monthEnd(ty, tm);
  if (fy === ty && startsMonth && endsMonth) {
    if (fm === 1 && tm === 12) return `${fy}年`;
    if (fm === 1 && tm === 6) return `${fy}年上半年`;
    if (fm === 7 && tm === 12) return `${fy}年下半年`;
    if (fm === tm) return `${fy}年${fm}月`;
    if ((fm - 1) % 3 === 0 && tm === fm + 2) return `${fy}年${quarterName((fm + 2) / 3)}`;
    return `${fy}年${fm}—${tm}月`;
  }
  if (fy === ty) return `${formatChineseDate(from)}至${formatMonthDay(to)}`;
  return `${formatChineseDate(from)}至${formatChineseDate(to)}`;
}
