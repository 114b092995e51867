/** How a conflict's sides and choices read on this PC: 本机值 / 对方值 and 保留本机 / 采用对方 when one side is ours. */
import { fmtDate } from '../format';
import { CONFLICT_CHOICE_LABELS, type ConflictChoice, type ConflictView } from '../../../electron/contract/conflicts';

export type SideKey = 'earlier' | 'later';

/** The side this PC wrote, when exactly one side is ours; else null (both sides from here, or neither). */
export function ownSide(c: Pick<ConflictView, 'earlier' | 'later'>): SideKey | null {
  if (c.earlier.isThisDevice === c.later.isThisDevice) return null;
  return c.earlier.isThisDevice ? 'earlier' : 'later';
}

export function sideTitle(c: Pick<ConflictView, 'earlier' | 'later'>, side: SideKey): string {
  const own = ownSide(c);
  if (own) return side === own ? '本机值' : '对方值';
  return side === 'earlier' ? '较早的修改' : '较晚的修改';
}

export function choiceLabel(c: Pick<ConflictView, 'earlier' | 'later'>, choice: ConflictChoice): string {
  const own = ownSide(c);
  if (own && (choice === 'earlier' || choice === 'later')) return choice === own ? '保留本机' : '采用对方';
  return CONFLICT_CHOICE_LABELS[choice];
}

/** The buttons' order: 保留本机 before 采用对方, 手动编辑 last. */
export function orderedChoices(c: ConflictView): ConflictChoice[] {
  const own = ownSide(c);
  if (own !== 'later') return [...c.choices];
  const rank = (x: ConflictChoice) => (x === 'later' ? 0 : x === 'earlier' ? 1 : 2);
  return [...c.choices].sort((a, b) => rank(a) - rank(b));
}

/** A device id short enough to read: its last 6 characters (UUID v7 ids share their leading time part). */
export function shortDevice(id: string): string {
  return id ? id.replace(/-/g, '').slice(-6).toUpperCase() : '—';
}

const EMPTY = '（空）';
const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/** The value a hand edit starts from: the side the ledger shows now (empty stays empty). */
export function manualStart(c: ConflictView): string {
  const shown = c[c.winner].display;
  return shown === EMPTY ? '' : shown;
}

/** What 手动编辑 sends: null for empty, a number when both sides read as numbers, else the text. */
export function manualValue(c: ConflictView, text: string): string | number | null {
  const t = text.trim();
  if (t === '') return null;
  const numeric = [c.earlier.display, c.later.display].every((d) => d === EMPTY || NUMBER_RE.test(d)) && [c.earlier.display, c.later.display].some((d) => d !== EMPTY);
  return numeric && NUMBER_RE.test(t) ? Number(t) : t;
}

/** A side's value to read: an ISO date as 2026年12月20日, anything else as the service wrote it. */
export function valueText(display: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(display) ? fmtDate(display) : display;
}
