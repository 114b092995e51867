/**
 * The ledger's rows, fetched page by page as the user scrolls: never all rows at once.
 * Pages of 100 rows are cached by page index, far-away pages are dropped, the cache is thrown
 * away when the filters change, and after a write (data version) visible pages refetch in place.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelInput, TaskRow } from '../../../electron/contract';
import { call, errorMessage } from '../api';

export const PAGE_SIZE = 100;
/** pages kept around the viewport in each direction (≈ 4,000 rows in memory at most) */
const KEEP_PAGES = 20;
const MAX_PARALLEL = 3;

export type LedgerQueryBase = Omit<ChannelInput<'tasks.list'>, 'offset' | 'limit'>;

class PageCache {
  readonly pages = new Map<number, TaskRow[]>();
  readonly inflight = new Set<number>();
  readonly stale = new Set<number>();
  total: number | null = null;
  error: string | null = null;
  version: number;
  disposed = false;

  constructor(
    readonly query: LedgerQueryBase,
    version: number,
    private readonly onChange: () => void,
  ) {
    this.version = version;
  }

  row(index: number): TaskRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  invalidate(version: number) {
    this.version = version;
    for (const p of this.pages.keys()) this.stale.add(p);
    this.error = null;
  }

  ensure(first: number, last: number) {
    const p0 = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const p1 = Math.floor(Math.max(0, last) / PAGE_SIZE);
    for (let p = p0; p <= p1; p++) {
      if (this.inflight.size >= MAX_PARALLEL) break;
      if ((!this.pages.has(p) || this.stale.has(p)) && !this.inflight.has(p)) void this.fetch(p);
    }
    // drop pages far from the viewport so memory stays bounded at any table size
    for (const p of this.pages.keys()) {
      if (p < p0 - KEEP_PAGES || p > p1 + KEEP_PAGES) {
        this.pages.delete(p);
        this.stale.delete(p);
      }
    }
  }

  private async fetch(page: number) {
    this.inflight.add(page);
    const version = this.version;
    this.onChange();
    try {
      const res = await call('tasks.list', { ...this.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (this.disposed) return;
      this.pages.set(page, res.rows);
      if (version === this.version) this.stale.delete(page);
      if (res.total !== this.total) {
        this.total = res.total;
        // the row count moved under us: pages beyond the end are meaningless now
        for (const p of this.pages.keys()) if (p * PAGE_SIZE >= res.total && p !== 0) this.pages.delete(p);
      }
      this.error = null;
    } catch (err) {
      if (this.disposed) return;
      this.error = errorMessage(err);
      if (this.total === null) this.total = 0;
    } finally {
      this.inflight.delete(page);
      if (!this.disposed) this.onChange();
    }
  }
}

export interface LedgerPages {
  total: number | null;
  /** the row at an index, or undefined while its page loads */
  row: (index: number) => TaskRow | undefined;
  /** the rows the user is looking at (from the virtualizer) */
  requestRange: (first: number, last: number) => void;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

export function useLedgerPages(query: LedgerQueryBase, version: number): LedgerPages {
  const key = JSON.stringify(query);
  const [, setTick] = useState(0);
  const rerender = useCallback(() => setTick((t) => t + 1), []);
  // the cache lives as long as the query's identity (its JSON key), not the object
  const cache = useMemo(() => new PageCache(JSON.parse(key) as LedgerQueryBase, version, rerender), [key, rerender]);
  const wanted = useRef<[number, number]>([0, 0]);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    cache.disposed = false;
    wanted.current = [0, 40];
    cache.ensure(0, 40);
    return () => {
      cache.disposed = true;
    };
  }, [cache]);

  useEffect(() => {
    if (version !== cache.version) {
      cache.invalidate(version);
      cache.ensure(wanted.current[0], wanted.current[1]);
      rerender();
    }
  }, [cache, version, rerender]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const requestRange = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      // coalesce fast scrolling: fetch what is on screen at most every 50 ms
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        cache.ensure(wanted.current[0], wanted.current[1]);
      }, 50);
    },
    [cache],
  );

  return {
    total: cache.total,
    row: (i: number) => cache.row(i),
    requestRange,
    loading: cache.inflight.size > 0,
    error: cache.error,
    retry: () => {
      cache.invalidate(cache.version);
      cache.error = null;
      cache.ensure(wanted.current[0], wanted.current[1]);
      rerender();
    },
  };
}
