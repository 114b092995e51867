/**
 * How numbers, dates and names are written in the office's documents: `2016年7月5日` (GB/T 9704: Arabic
 * numerals, no zero padding), percentages without spurious decimals, Chinese ordinals for headings
 * (一、二、…), and unit lists joined with 、 the way 公文 writes them.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2016-07-05` → `2016年7月5日`. Anything that is not an ISO date is returned unchanged. */
export function formatChineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** `2016-07-05` → `7月5日`, for dates whose year the sentence already gives. */
export function formatMonthDay(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${Number(m[2])}月${Number(m[3])}日`;
}

/** A reported or planned percentage: `74%`; `—` when there is none. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

/**
 * A rate of `part` in `whole` as a percentage with at most one decimal (`66.7%`, `40%`), the way
 * bulletins print 办结率. A whole of 0 has no rate; callers word that case themselves, so it is `—`.
 */
export function formatRate(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part / whole) * 1000);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers stay Arabic. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A count before a measure word: 2 is 两 (两方面, 两项), other numbers as chineseNumber. */
export function chineseCount(n: number): string {
  return n === 2 ? '两' : chineseNumber(n);
}

/** First-level heading number: 一、 */
export const headingNumber = (n: number): string => `${chineseNumber(n)}、`;
/** Second-level number: （一） */
export const subheadingNumber = (n: number): string => `（${chineseNumber(n)}）`;

/** Names joined the 公文 way: `甲、乙和丙` is spoken style, documents write `甲、乙、丙`. */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/**
 * A list that may be long, cut to `max` names: `甲、乙、丙等5个单位`. With `max` or fewer names
 * the list is given whole and no count is added.
 */
export function joinNamesCapped(names: readonly string[], max: number, counter: string): string {
  if (names.length <= max) return joinNames(names);
  return `${joinNames(names.slice(0, max))}等${names.length}${counter}`;
}

/**
 * A task's title as the text refers to it: without a trailing 。 and without a trailing note in
 * parentheses (`…改造项目（年度计划投资3亿元）` → `…改造项目`), which belongs in a table, not a sentence.
 */
export function plainTitle(title: string): string {
  let t = title.trim().replace(/[。；;，,]+$/u, '');
  const note = /（[^（）]*）$/u.exec(t);
  if (note && note.index > 0) t = t.slice(0, note.index);
  return t.trim();
}

/** A title in Chinese quotation marks, inner “” turned into ‘’ as nested quotes are written. */
export function quoted(title: string): string {
  return `“${title.replace(/“/gu, '‘').replace(/”/gu, '’')}”`;
}

/** Text cut to at most `max` characters, at the last sentence end that fits when there is one. */
export function truncateText(text: string, max: number): string {
  const t = text.trim();
  const chars = Array.from(t);
  if (chars.length <= max) return t;
  const head = chars.slice(0, max).join('');
  const stop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'));
  if (stop >= Math.floor(max / 2)) return head.slice(0, stop + 1);
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Ensures a sentence ends with a full stop: a trailing ，or ； becomes 。, a missing one is added. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '' || /[。！？…]$/u.test(t)) return t;
  return `${t.replace(/[，,；;：:、]+$/u, '')}。`;
}
