/** App-wide state: app info, navigation, ledger filters, the open task, and a data version that bumps on every write. */
import type { InputRef } from 'antd';
import { createContext, useContext, type RefObject } from 'react';
import type { AppInfo, LedgerSortField, TaskDetail, TaskSource, TaskStatus, Unit, UnitRole } from '../../electron/contract';

export type PageKey = 'dashboard' | 'ledger' | 'chase' | 'documents' | 'assessment' | 'statistics' | 'units' | 'conflicts' | 'files' | 'settings' | 'help';

/** The 催办督办 page's tabs. */
export type ChaseTab = 'list' | 'feedback' | 'obligations' | 'referrals';

/** Where another page sends the 催办督办 page: a tab, and a unit to pick out (key bumps on every visit). */
export interface ChaseFocus {
  tab: ChaseTab;
  unitId: string | null;
  key: number;
}

export interface LedgerFilters {
  source: TaskSource | null;
  year: number | null;
  unitId: string | null;
  role: UnitRole | null;
  statuses: TaskStatus[];
  leader: string | null;
  dueFrom: string | null;
  dueTo: string | null;
  search: string;
  sortField: LedgerSortField;
  sortOrder: 'asc' | 'desc';
}

export function defaultLedgerFilters(year: number | null): LedgerFilters {
  return {
    source: null,
    year,
    unitId: null,
    role: null,
    statuses: [],
    leader: null,
    dueFrom: null,
    dueTo: null,
    search: '',
    sortField: 'due_date',
    sortOrder: 'asc',
  };
}

export interface NewTaskDefaults {
  source?: TaskSource | null;
  year?: number | null;
}

export interface ConflictedSets {
  tasks: ReadonlySet<string>;
  units: ReadonlySet<string>;
  documents: ReadonlySet<string>;
}

export const NO_CONFLICTS: ConflictedSets = { tasks: new Set(), units: new Set(), documents: new Set() };

export interface AppState {
  info: AppInfo;
  setInfo: (info: AppInfo) => void;
  refreshInfo: () => Promise<void>;
  /** current year per the app's clock (info.today) */
  currentYear: number;
  /** bumps after every successful write: lists and details refetch */
  dataVersion: number;
  dataChanged: () => void;
  /** all units, active and deactivated, in the office's order */
  units: Unit[];
  /** records with open sync conflicts: they carry a 冲突 badge in the lists */
  conflicted: ConflictedSets;
  page: PageKey;
  navigate: (page: PageKey) => void;
  ledgerFilters: LedgerFilters;
  setLedgerFilters: (update: LedgerFilters | ((prev: LedgerFilters) => LedgerFilters)) => void;
  /** go to the ledger with fresh filters (year kept unless given) */
  openLedger: (filters: Partial<LedgerFilters>) => void;
  openTask: (id: string) => void;
  /** go to the 催办督办 page, at a tab, with a unit picked out */
  openChase: (focus: { tab?: ChaseTab; unitId?: string | null }) => void;
  chaseFocus: ChaseFocus | null;
  newTask: (defaults?: NewTaskDefaults) => void;
  editTask: (detail: TaskDetail) => void;
  /** bumps when Ctrl+F asks the ledger search box for focus */
  searchFocusSignal: number;
  /** the ledger's search box (Ctrl+F focuses it directly when the ledger is showing) */
  ledgerSearchRef: RefObject<InputRef | null>;
}

export const AppContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext missing');
  return ctx;
}
