import { UNIT_KINDS, UNIT_KIND_LABELS, type Unit } from '../../../electron/contract';

export interface UnitOption {
  value: string;
  label: string;
  search: string;
  disabled?: boolean;
}

/** Units grouped by kind for a Select; deactivated ones only when asked (filters) or already chosen (forms). */
export function unitSelectOptions(units: Unit[], opts: { includeInactive?: boolean; keep?: string[] } = {}) {
  const keep = new Set(opts.keep ?? []);
  return UNIT_KINDS.map((kind) => ({
    label: UNIT_KIND_LABELS[kind],
    title: UNIT_KIND_LABELS[kind],
    options: units
      .filter((u) => u.kind === kind && (u.active || opts.includeInactive || keep.has(u.id)))
      .map<UnitOption>((u) => ({
        value: u.id,
        label: u.active ? u.name : `${u.name}（已停用）`,
        search: `${u.name} ${u.shortName}`,
      })),
  })).filter((g) => g.options.length > 0);
}

/** Select search over name and short name (the options carry a `search` text). */
export const UNIT_SEARCH = { optionFilterProp: 'search' } as const;
