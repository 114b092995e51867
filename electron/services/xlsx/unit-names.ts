/**
 * Unit names as written in a sheet → the ledger's units.
 *
 * A cell may list several units separated by 、，,；;/ or spaces; “（牵头）/（配合）” after a name sets its role.
 * Matching is exact first: the full name, then the short name (active units before deactivated ones); only then
 * the name without the district prefix and the government suffix (区发改局 = 发改局, 道墟镇人民政府 = 道墟镇,
 * 百官街道办事处 = 百官街道), and only when that points to exactly one unit. Nothing fuzzier is ever applied on its
 * own: close names are offered as suggestions. 各乡镇（街道）/各街道/各乡镇 expand to those units; 有关部门 and the
 * like name no unit and are reported.
 */
import type { UnitKind, UnitRole } from '../../contract/vocabulary';

export interface LedgerUnit {
  id: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  active: boolean;
}

export interface UnitToken {
  text: string;
  role: UnitRole;
}

const SEPARATORS = /[、，,；;／/\s\u3000]+/;

/** Splits a units cell into names with their role (the column's, unless annotated). */
export function splitUnits(cell: string, role: UnitRole): UnitToken[] {
  const out: UnitToken[] = [];
  for (const raw of cell.split(SEPARATORS)) {
    let text = raw.trim().replace(/^[0-9]+[.．、]/, '').replace(/等$/, '');
    let tokenRole = role;
    const note = /[（(](牵头|主办|配合|协办|协助)[）)]$/.exec(text);
    if (note) {
      tokenRole = note[1] === '牵头' || note[1] === '主办' ? 'lead' : 'assist';
      text = text.slice(0, note.index);
    }
    if (text !== '') out.push({ text, role: tokenRole });
  }
  return out;
}

/** The name without the district prefix and the government suffixes: the key of the second, looser match. */
export function unitKey(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/^(?:浙江省)?(?:绍兴市)?上虞区/, '')
    .replace(/^区(?=.{2,})/, '')
    .replace(/(?:人民政府|办事处)$/, '');
}

export type Collective = { kinds: UnitKind[] } | { vague: true };

/** 各乡镇（街道） and the like. */
export function collectiveOf(text: string): Collective | null {
  const t = text.replace(/[（(]/g, '(').replace(/[）)]/g, ')');
  if (/^(全区)?各(乡镇|镇)(\(?街道\)?|、街道)$|^各镇街(道)?$|^各乡镇街道$|^各乡镇\(街道\)$/.test(t)) return { kinds: ['township', 'subdistrict'] };
  if (/^(全区)?各街道$/.test(t)) return { kinds: ['subdistrict'] };
  if (/^(全区)?各(乡镇|镇乡|镇)$/.test(t)) return { kinds: ['township'] };
  if (/^(区级?|区直)?(各|其他)?(有关|相关|各)(部门|单位)(和单位)?$|^区直各部门$|^各有关单位$/.test(t)) return { vague: true };
  return null;
}

export type UnitMatch =
  | { kind: 'unit'; unit: LedgerUnit }
  | { kind: 'ambiguous'; candidates: LedgerUnit[] }
  | { kind: 'none'; suggestions: LedgerUnit[] };

export class UnitDirectory {
  private readonly byName = new Map<string, LedgerUnit[]>();
  private readonly byShort = new Map<string, LedgerUnit[]>();
  private readonly byKey = new Map<string, LedgerUnit[]>();

  constructor(readonly units: readonly LedgerUnit[]) {
    const add = (map: Map<string, LedgerUnit[]>, key: string, unit: LedgerUnit) => {
      if (key === '') return;
      const list = map.get(key) ?? [];
      if (!list.includes(unit)) list.push(unit);
      map.set(key, list);
    };
    for (const u of units) {
      add(this.byName, u.name, u);
      add(this.byShort, u.shortName, u);
      add(this.byKey, unitKey(u.name), u);
      if (u.shortName) add(this.byKey, unitKey(u.shortName), u);
    }
  }

  match(text: string): UnitMatch {
    for (const map of [this.byName, this.byShort]) {
      const found = preferActive(map.get(text) ?? []);
      if (found.length === 1) return { kind: 'unit', unit: found[0]! };
      if (found.length > 1) return { kind: 'ambiguous', candidates: found };
    }
    const key = unitKey(text);
    const found = preferActive(this.byKey.get(key) ?? []);
    if (found.length === 1) return { kind: 'unit', unit: found[0]! };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
    return { kind: 'none', suggestions: this.suggest(key) };
  }

  /** Units of the given kinds (active only), for 各乡镇（街道）. */
  ofKinds(kinds: readonly UnitKind[]): LedgerUnit[] {
    return this.units.filter((u) => u.active && kinds.includes(u.kind));
  }

  private suggest(key: string): LedgerUnit[] {
    if (key.length < 2) return [];
    const scored = this.units
      .map((u) => {
        const k = unitKey(u.name);
        const s = unitKey(u.shortName);
        const score = k.includes(key) || key.includes(k) || (s !== '' && (s.includes(key) || key.includes(s))) ? 2 : sharedPrefix(k, key) >= 2 ? 1 : 0;
        return { u, score };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || Number(b.u.active) - Number(a.u.active));
    return scored.slice(0, 5).map((x) => x.u);
  }
}

function preferActive(units: LedgerUnit[]): LedgerUnit[] {
  const active = units.filter((u) => u.active);
  return active.length > 0 ? active : units;
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** The kind a unit created from a sheet's name gets. */
export function guessUnitKind(name: string): UnitKind {
  if (/街道(办事处)?$/.test(name)) return 'subdistrict';
  if (/(镇|乡)(人民政府)?$/.test(name)) return 'township';
  if (/(局|办|委|院|中心|队|所|处|室|会|部|分局|公司|集团|管委会)$/.test(name)) return 'department';
  return 'other';
}
