/**
 * A full disk and files the program may not write, answered by the service layer (`dispatch`) and by opening.
 *
 * Disk full: `PRAGMA max_page_count` caps the open ledger just above its size, so the next writes run out of room
 * exactly as on a full disk (SQLite reports SQLITE_FULL either way). A write that does not fit must come back as
 * `{ ok: false, error: { code: 'db_io', message: '磁盘空间已满…' } }` and leave nothing of itself behind.
 *
 * Read-only: the program has no read-only mode (no banner), so a ledger it may not write is refused when it is
 * opened, with a Chinese message and the folder untouched. The tests run as root, whom file permissions do not
 * stop: then the open runs in a child process as the unprivileged `nobody` (uid 65534), as the sharing tests do.
 * `PRAGMA query_only` stands in for SQLite refusing a write as read-only in an open session (SQLITE_READONLY,
 * as from a medium that turned read-only): the service layer's answer to that.
 */
import { chmodSync, chownSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../db/connection';
import type { Channel, ChannelInput } from '../../../electron/contract/channels';
import type { Result } from '../../../electron/contract/types';
import { closeAppContext, openAppContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { integrityOf, scratchDir, startChild } from '../sharing/helpers';
import { changeLogProblems, folderState, rowCount } from './ledger-checks';

const NOW = () => new Date(2016, 8, 20, 9, 0, 0);
const DISK_FULL = { code: 'db_io', message: '磁盘空间已满，本次修改未保存。请清理磁盘后重试。' };
const READ_ONLY = { code: 'db_io', message: '台账文件是只读的，本次修改未保存。请检查文件权限。' };
const RECORD_TABLES = ['units', 'tasks', 'task_units', 'milestones', 'progress_reports'];

function send<C extends Channel>(ctx: ServiceContext, channel: C, input: ChannelInput<C>): Promise<Result<unknown>> {
  return dispatch(handlers, ctx, channel, input, (err) => {
    throw err; // a full disk is not an internal error
  });
}

function taskInput(unitId: string, n: number): ChannelInput<'tasks.create'> {
  return {
    year: 2016,
    source: 'meeting',
    code: `满-${n}`,
    title: `第${n}项：推进城区截污纳管工程`,
    content: '会议要求按期办结，每月报送进展，涉及多个街道的管网改造和道路恢复。'.repeat(12),
    assignedDate: '2016-09-20',
    timeLimitValue: 15,
    timeLimitUnit: 'workday',
    units: [{ unitId, role: 'lead' }],
    milestones: [{ label: '完成方案', dueDate: '2016-09-30', plannedPercent: 30 }],
  };
}

function codes(ctx: ServiceContext): string[] {
  return ctx.ledger.sqlite.prepare('SELECT code FROM tasks ORDER BY code').pluck().all() as string[];
}

function counts(ctx: ServiceContext): Record<string, number> {
  return Object.fromEntries(['change_log', ...RECORD_TABLES].map((t) => [t, rowCount(ctx.ledger.sqlite, t)]));
}

/** A new ledger with its setup and one unit, through the services; closed when the test ends. */
async function newLedger(): Promise<{ file: string; ctx: ServiceContext; unitId: string }> {
  const file = path.join(scratchDir('ledger-full-'), '督查台账.db');
  const ctx = openAppContext({ file, now: NOW });
  expect((await send(ctx, 'app.setup', { operator: '张三', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false })).ok).toBe(true);
  const unit = await send(ctx, 'units.create', { name: '区住房和城乡建设局', kind: 'department' });
  if (!unit.ok) throw new Error(unit.error.message);
  return { file, ctx, unitId: (unit.value as { id: string }).id };
}

describe('disk full (max_page_count)', () => {
  it('refuses the write that does not fit as a whole, keeps the earlier ones, and writes again once there is room', async () => {
    const { file, ctx, unitId } = await newLedger();
    const sqlite = ctx.ledger.sqlite;
    const created: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      expect((await send(ctx, 'tasks.create', taskInput(unitId, n))).ok).toBe(true);
      created.push(`满-${n}`);
    }

    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 12}`);
    let refused: Result<unknown> | null = null;
    let before = counts(ctx);
    let fitted = 0;
    for (let n = 6; n < 200 && !refused; n += 1) {
      before = counts(ctx);
      const result =
        n % 2 === 1
          ? await send(ctx, 'tasks.create', taskInput(unitId, n))
          : await send(ctx, 'progress.add', {
              taskId: sqlite.prepare('SELECT id FROM tasks WHERE code = ?').pluck().get(created.at(-1)) as string,
              unitId,
              reportDate: '2016-09-20',
              percent: 40,
              doneText: `第${n}次报送：管网改造完成四成。`.repeat(30),
            });
      if (!result.ok) refused = result;
      else {
        fitted += 1;
        if (n % 2 === 1) created.push(`满-${n}`);
      }
    }
    expect(refused, 'a write ran out of room').toEqual({ ok: false, error: DISK_FULL });
    expect(fitted, 'some writes still fitted under the cap').toBeGreaterThan(0);

    // Nothing of the refused write, everything of the earlier ones.
    expect(counts(ctx)).toEqual(before);
    expect(codes(ctx)).toEqual([...created].sort());
    expect(rowCount(sqlite, 'task_units')).toBe(rowCount(sqlite, 'tasks'));
    expect(rowCount(sqlite, 'milestones')).toBe(rowCount(sqlite, 'tasks'));
    expect(changeLogProblems(sqlite, RECORD_TABLES)).toEqual([]);
    expect(integrityOf(sqlite)).toBe('ok');
    const check = await send(ctx, 'app.check', {});
    expect(check.ok && (check.value as { ok: boolean }).ok).toBe(true);

    // Room again (the disk cleaned up): the same write goes through.
    sqlite.pragma('max_page_count = 1073741823');
    const retry = await send(ctx, 'tasks.create', taskInput(unitId, 1001));
    expect(retry.ok).toBe(true);
    expect(codes(ctx)).toContain('满-1001');
    expect(changeLogProblems(sqlite, RECORD_TABLES)).toEqual([]);
    const expected = counts(ctx);
    await closeAppContext(ctx);

    const reopened = openLedger(file);
    try {
      expect(integrityOf(reopened.sqlite)).toBe('ok');
      expect(Object.fromEntries(['change_log', ...RECORD_TABLES].map((t) => [t, rowCount(reopened.sqlite, t)]))).toEqual(expected);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a large transaction (演示数据: 52 units, 114 tasks, 343 reports) as a whole', async () => {
    const { ctx } = await newLedger();
    const sqlite = ctx.ledger.sqlite;
    const before = counts(ctx);
    sqlite.pragma(`max_page_count = ${(sqlite.pragma('page_count', { simple: true }) as number) + 40}`);
    expect(await send(ctx, 'demo.load', {})).toEqual({ ok: false, error: DISK_FULL });
    expect(counts(ctx)).toEqual(before);
    expect(changeLogProblems(sqlite, RECORD_TABLES)).toEqual([]);
    expect(integrityOf(sqlite)).toBe('ok');
    sqlite.pragma('max_page_count = 1073741823');
    await closeAppContext(ctx);
  });
});

describe('a ledger that may not be written', () => {
  it('refuses a write the file does not accept (SQLITE_READONLY) with a clear message, and writes nothing', async () => {
    const { ctx, unitId } = await newLedger();
    const sqlite = ctx.ledger.sqlite;
    expect((await send(ctx, 'tasks.create', taskInput(unitId, 1))).ok).toBe(true);
    const before = counts(ctx);
    sqlite.pragma('query_only = ON');
    expect(await send(ctx, 'tasks.create', taskInput(unitId, 2))).toEqual({ ok: false, error: READ_ONLY });
    expect(await send(ctx, 'units.create', { name: '区审计局', kind: 'department' })).toEqual({ ok: false, error: READ_ONLY });
    expect(counts(ctx)).toEqual(before);
    sqlite.pragma('query_only = OFF'); // closeAppContext saves the clock: a write
    expect((await send(ctx, 'tasks.create', taskInput(unitId, 3))).ok).toBe(true);
    expect(changeLogProblems(sqlite, RECORD_TABLES)).toEqual([]);
    await closeAppContext(ctx);
  });

  type Layout = 'file read-only' | 'folder read-only' | 'both read-only';

  /** Opens `file` through the app context (and tries one write) as an account that cannot write `layout`. */
  async function openAsOther(root: string, file: string, layout: Layout): Promise<Record<string, unknown>[]> {
    const folder = path.dirname(file);
    const other = { uid: 65534, gid: 65534 };
    if (os.userInfo().uid === 0) {
      // root: the owner is what counts; `nobody` may write only what it owns.
      chmodSync(root, 0o755);
      if (layout !== 'both read-only') chownSync(layout === 'file read-only' ? folder : file, other.uid, other.gid);
      const child = await startChild('reliability-open', [file], other);
      const code = await child.exited;
      expect(code, child.stderr()).toBe(0);
      return child.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    }
    // Anyone else: take the write permission away.
    if (layout !== 'folder read-only') chmodSync(file, 0o444);
    if (layout !== 'file read-only') chmodSync(folder, 0o555);
    try {
      const child = await startChild('reliability-open', [file]);
      expect(await child.exited, child.stderr()).toBe(0);
      return child.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    } finally {
      chmodSync(folder, 0o755);
      chmodSync(file, 0o644);
    }
  }

  it.each<Layout>(['file read-only', 'folder read-only', 'both read-only'])(
    'refuses to open a ledger it may not write (%s), with the file and folder untouched',
    async (layout) => {
      const root = scratchDir('ledger-readonly-');
      const folder = path.join(root, '督查科');
      mkdirSync(folder);
      chmodSync(folder, 0o755);
      const file = path.join(folder, '督查台账.db');
      const { ctx, unitId } = await (async () => {
        const c = openAppContext({ file, now: NOW });
        const unit = await send(c, 'units.create', { name: '区住房和城乡建设局', kind: 'department' });
        if (!unit.ok) throw new Error(unit.error.message);
        return { ctx: c, unitId: (unit.value as { id: string }).id };
      })();
      expect((await send(ctx, 'tasks.create', taskInput(unitId, 1))).ok).toBe(true);
      await closeAppContext(ctx);
      const before = folderState(folder);

      const lines = await openAsOther(root, file, layout);
      expect(lines[0]).toMatchObject({ step: 'open', ok: false, code: 'db_io' });
      expect(lines[0]!.message).toBe(
        `无法读写台账文件：文件只读或没有写入权限。请检查文件是否存在、是否有读写权限、磁盘空间是否充足，然后重试。（${file}）`,
      );
      expect(lines).toHaveLength(1);
      expect(folderState(folder)).toEqual(before);
      expect(readdirSync(folder)).toEqual(['督查台账.db']);
    },
  );
});
