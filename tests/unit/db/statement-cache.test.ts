import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../db/statement-cache';
import { tempDir } from './helpers';

describe('withStatementCache', () => {
  it('hands out one prepared statement per SQL text and drops the least recently used', () => {
    const sqlite = new BetterSqlite3(join(tempDir(), 'cache.db'));
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('SELECT 1');
    expect(cached.prepare('SELECT 1')).toBe(a);
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a); // now the most recent
    cached.prepare('SELECT 3'); // evicts SELECT 2
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
    expect(a.all([])).toEqual([{ 1: 1 }]);
    cached.close();
    expect(sqlite.open).toBe(false);
  });
});
