/**
 * 成文日期 as GB/T 9704-2012 writes it: Arabic numerals, year in full, no zero padding (`2016年3月2日`).
 */
import { DocumentLayoutError } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads an ISO date (yyyy-mm-dd) and checks that the day exists; `field` names it in the error. */
export function parseIsoDate(iso: string, field = 'date'): CalendarDate {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth) return { year, month, day };
  }
  throw new DocumentLayoutError(`日期“${iso}”无效，应为 yyyy-mm-dd 格式的真实日期。`, field);
}

export function formatChineseDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
}
