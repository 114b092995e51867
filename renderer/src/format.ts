/** Display helpers: dates as 2016年10月12日 (no zero padding), ISO yyyy-mm-dd in the API. */
import dayjs, { type Dayjs } from 'dayjs';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})/;

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = ISO_RE.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Month and day only, for dense lists within one year: 10月12日. */
export function fmtMonthDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = ISO_RE.exec(iso);
  if (!m) return iso;
  return `${Number(m[2])}月${Number(m[3])}日`;
}

/** An ISO timestamp (with time) in local time: 2016年10月12日 14:05. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return `${d.year()}年${d.month() + 1}月${d.date()}日 ${d.format('HH:mm')}`;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
export function fmtWeekday(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? (WEEKDAYS[d.day()] ?? '') : '';
}

export function fmtPercent(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${n}%`;
}

/** “剩余 5 个工作日” / “今日到期” / “已逾期 3 个工作日”. */
export function fmtWorkdaysLeft(n: number, done: boolean): string {
  if (done) return '已办结';
  if (n > 0) return `剩余 ${n} 个工作日`;
  if (n === 0) return '今日到期';
  return `已逾期 ${-n} 个工作日`;
}

export function toIso(d: Dayjs | null | undefined): string | null {
  return d && d.isValid() ? d.format('YYYY-MM-DD') : null;
}

export function fromIso(s: string | null | undefined): Dayjs | null {
  if (!s) return null;
  const d = dayjs(s);
  return d.isValid() ? d : null;
}

/** DatePicker display format: 2016年10月12日. */
export const DATE_FORMAT = 'YYYY年M月D日';

/** The period label a report most likely belongs to, from the task's rhythm. */
export function defaultPeriod(rhythm: string, iso: string): string {
  const d = dayjs(iso);
  if (!d.isValid()) return '';
  const y = d.year();
  const m = d.month() + 1;
  switch (rhythm) {
    case 'monthly':
      return `${y}年${m}月`;
    case 'quarterly':
      return `${y}年第${Math.ceil(m / 3)}季度`;
    case 'half_yearly':
      return `${y}年${m <= 6 ? '上' : '下'}半年`;
    default:
      return '';
  }
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}
