/**
 * The workspace on real files: two "PCs" (each its own data folder and working ledger) sharing one ledger file
 * through the channels the app's 台账文件 page uses — export, open as a working copy, sync both ways, conflicts,
 * undo, backups and restore, recent ledgers, switching, and the refusals that must leave files untouched.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import type { Result } from '../../../electron/contract/types';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import type { HostPorts } from '../../../electron/services/context';
import { acquireSharedLock } from '../../../electron/services/sharing/lock';
import type { LocationProbe } from '../../../electron/services/sharing/location';
import { readWorkspaceConfig } from '../../../electron/services/workspace/config';
import { Workspace } from '../../../electron/services/workspace/workspace';
import { scratchDir, sha256, TestTime } from '../sharing/helpers';

type Ports = Omit<HostPorts, 'workspace'>;

interface Pc {
  workspace: Workspace;
  ports: Ports;
  time: TestTime;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  ok<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

function pc(root: string, name: string, opts: { probe?: LocationProbe; time?: TestTime; automaticSync?: boolean } = {}): Pc {
  const dataFolder = path.join(root, name);
  const ports: Ports = {};
  const time = opts.time ?? new TestTime();
  const workspace = new Workspace({ dataFolder, ports, now: time.now, automaticSync: opts.automaticSync ?? false, tempDir: path.join(root, `${name}-tmp`), probe: opts.probe });
  onTestFinished(() => workspace.close());
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    dispatch(handlers, workspace.current(), channel, input, (err) => {
      throw err;
    }) as Promise<Result<ChannelOutput<C>>>;
  return {
    workspace,
    ports,
    time,
    call,
    async ok(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

async function setUp(p: Pc, operator: string): Promise<void> {
  await p.ok('app.setup', { operator, officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
}

async function addTask(p: Pc, title: string): Promise<string> {
  const unit = (await p.ok('units.list', {})).find((u) => u.name === '区发改局') ?? (await p.ok('units.create', { name: '区发改局', kind: 'department' }));
  const detail = await p.ok('tasks.create', {
    year: 2016,
    source: 'meeting',
    code: String(Math.floor(Math.random() * 1e6)),
    title,
    assignedDate: '2016-09-20',
    timeLimitValue: 10,
    timeLimitUnit: 'workday',
    units: [{ unitId: unit.id, role: 'lead' }],
  });
  return detail.task.id;
}

async function titles(p: Pc): Promise<string[]> {
  const page = await p.ok('tasks.list', { offset: 0, limit: 100 });
  return page.rows.map((r) => r.title).sort();
}

async function rename(p: Pc, id: string, title: string): Promise<void> {
  const detail = await p.ok('tasks.get', { id });
  const t = detail.task;
  await p.ok('tasks.update', {
    id,
    task: {
      year: t.year,
      source: t.source,
      code: t.code,
      title,
      assignedDate: t.assignedDate,
      dueDate: t.dueDate,
      units: detail.units.map((u) => ({ unitId: u.unitId, role: u.role })),
    },
  });
}

describe('workspace: two PCs sharing one ledger file', () => {
  it('exports, opens a working copy, syncs both ways, records the conflict, undoes a sync and pauses', async () => {
    const root = scratchDir('workspace-');
    const share = path.join(root, 'share');
    mkdirSync(share);
    const sharedFile = path.join(share, '督查台账-共享.db');

    const a = pc(root, 'pc-a');
    a.workspace.open(path.join(a.workspace.ledgerFolder, '督查台账.db'));
    await setUp(a, '张三');
    const common = await addTask(a, '推进城东污水管网建设');

    a.ports.chooseSharedTarget = async (suggested) => {
      expect(suggested).toBe('督查台账-共享.db');
      return sharedFile;
    };
    const exported = await a.ok('sharing.exportShared', {});
    expect(exported?.mode).toBe('exported');
    expect(existsSync(sharedFile)).toBe(true);
    const statusA = await a.ok('sharing.status', {});
    expect(statusA.sharedPath).toBe(sharedFile);
    expect(statusA.lastSync?.mode).toBe('exported');

    // PC B opens the shared ledger: a local working copy in its own ledger folder, the officer carried over.
    const b = pc(root, 'pc-b');
    b.workspace.open(path.join(b.workspace.ledgerFolder, '督查台账.db'));
    await setUp(b, '李四');
    b.ports.pickSharedFile = async () => sharedFile;
    const opened = await b.ok('sharing.openShared', {});
    expect(opened).toEqual({ switched: true, file: path.join(b.workspace.ledgerFolder, '督查台账-共享.db') });
    expect(await titles(b)).toEqual(['推进城东污水管网建设']);
    expect((await b.ok('app.info', {})).operator).toBe('李四');
    expect((await b.ok('sharing.status', {})).sharedPath).toBe(sharedFile);
    expect((await b.ok('ledgers.recent', {})).map((r) => [r.name, r.current])).toEqual([
      ['督查台账-共享.db', true],
      ['督查台账.db', false],
    ]);

    // Both edit the same title differently; B adds a task.
    a.time.advance(5);
    await rename(a, common, '推进城东污水管网建设（一期）');
    b.time.advance(6);
    await rename(b, common, '推进城东污水管网建设（二期）');
    await addTask(b, '老旧小区改造');

    const fromA = await a.ok('sharing.syncNow', { breakStaleLock: false });
    expect(fromA.received).toBe(0);
    const fromB = await b.ok('sharing.syncNow', { breakStaleLock: false });
    expect(fromB.conflicts).toBe(1);
    expect(fromB.fromOperators).toEqual(['张三']);
    expect(fromB.canUndo).toBe(true);
    const beforeUndo = sha256(sharedFile);
    a.time.advance(10);
    const back = await a.ok('sharing.syncNow', { breakStaleLock: false });
    expect(back.summary).toContain('新增');
    expect(back.fromOperators).toEqual(['李四']);
    expect(back.byTable.map((t) => t.label)).toContain('督查事项');
    expect(await titles(a)).toEqual(['推进城东污水管网建设（二期）', '老旧小区改造']);
    expect((await a.ok('sharing.status', {})).openConflicts).toBe(1);
    expect((await a.ok('conflicts.list', { status: 'open' })).length).toBe(1);

    // 撤销本次同步 on A: back to before that sync, the shared file untouched, automatic syncs paused.
    const sharedNow = sha256(sharedFile);
    // A only took B's changes: the shared file had nothing to receive and was not rewritten (sync.ts).
    expect(sharedNow).toBe(beforeUndo);
    const undone = await a.ok('sharing.undoLastSync', {});
    expect(undone.switched).toBe(true);
    expect(await titles(a)).toEqual(['推进城东污水管网建设（一期）']);
    expect(sha256(sharedFile)).toBe(sharedNow);
    const paused = await a.ok('sharing.status', {});
    expect(paused.paused).toBe(true);
    expect(paused.lastOutcome).toBeNull();
    expect(readWorkspaceConfig(a.workspace.dataFolder).syncPausedFor).toEqual([a.workspace.currentFile]);
    const noUndo = await a.call('sharing.undoLastSync', {});
    expect(noUndo.ok ? null : noUndo.error.code).toBe('not_found');

    // A sync on purpose resumes and brings the changes again.
    await a.ok('sharing.syncNow', { breakStaleLock: false });
    expect((await a.ok('sharing.status', {})).paused).toBe(false);
    expect(await titles(a)).toEqual(['推进城东污水管网建设（二期）', '老旧小区改造']);
  });

  it('names who holds the lock, and breaks an abandoned one only when the user says so', async () => {
    const root = scratchDir('workspace-');
    const sharedFile = path.join(root, 'share', '共享.db');
    mkdirSync(path.dirname(sharedFile));
    const a = pc(root, 'pc-a');
    a.workspace.open(path.join(a.workspace.ledgerFolder, '督查台账.db'));
    await setUp(a, '张三');
    a.ports.chooseSharedTarget = async () => sharedFile;
    await a.ok('sharing.exportShared', {});
    const before = sha256(sharedFile);

    const held = acquireSharedLock(sharedFile, { now: a.time.now(), operator: '王五', host: 'PC-09' });
    const busy = await a.call('sharing.syncNow', { breakStaleLock: false });
    expect(busy.ok ? null : busy.error.code).toBe('lock_held');
    expect(busy.ok ? '' : busy.error.message).toContain('PC-09（王五）');
    expect((await a.ok('sharing.status', {})).lastError?.code).toBe('lock_held');

    a.time.advance(24 * 60); // that PC never came back
    const stale = await a.call('sharing.syncNow', { breakStaleLock: false });
    expect(stale.ok ? null : stale.error.code).toBe('lock_stale');
    expect(sha256(sharedFile)).toBe(before);
    const outcome = await a.ok('sharing.syncNow', { breakStaleLock: true });
    expect(outcome.brokeStaleLockOf).toBe('王五（PC-09）');
    expect((await a.ok('sharing.status', {})).lastError).toBeNull();
    void held; // its owner is gone; the lock file was taken over
  });

  it('cancels a running sync at a safe point, leaving the shared file as it was', async () => {
    const root = scratchDir('workspace-');
    const sharedFile = path.join(root, 'share', '共享.db');
    mkdirSync(path.dirname(sharedFile));
    const a = pc(root, 'pc-a');
    a.workspace.open(path.join(a.workspace.ledgerFolder, '督查台账.db'));
    await setUp(a, '张三');
    a.ports.chooseSharedTarget = async () => sharedFile;
    await a.ok('sharing.exportShared', {});
    await addTask(a, '新的事项');
    const before = sha256(sharedFile);
    const running = a.call('sharing.syncNow', { breakStaleLock: false });
    // syncNow has started synchronously up to its first await: the status shows it, and cancel is heard.
    expect((await a.ok('sharing.status', {})).running?.stepLabel).toBeTruthy();
    expect(await a.ok('sharing.cancel', {})).toEqual({ cancelled: true });
    const result = await running;
    expect(result.ok ? null : result.error.code).toBe('cancelled');
    expect(sha256(sharedFile)).toBe(before);
    expect((await a.ok('sharing.status', {})).running).toBeNull();
    expect(await a.ok('sharing.cancel', {})).toEqual({ cancelled: false });
  });
});

describe('workspace: automatic syncs', () => {
  it('syncs at start and at exit while the shared file is reachable, and not after 撤销本次同步', async () => {
    const root = scratchDir('workspace-');
    const sharedFile = path.join(root, 'share', '共享.db');
    mkdirSync(path.dirname(sharedFile));
    const file = path.join(root, 'pc-a', 'ledger', '督查台账.db');
    const a = pc(root, 'pc-a', { automaticSync: true });
    a.workspace.open(file);
    await setUp(a, '张三');
    a.ports.chooseSharedTarget = async () => sharedFile;
    await a.ok('sharing.exportShared', {});
    const b = pc(root, 'pc-b');
    b.workspace.open(path.join(root, 'pc-b', 'ledger', '督查台账.db'));
    await setUp(b, '李四');
    b.ports.pickSharedFile = async () => sharedFile;
    await b.ok('sharing.openShared', {});
    await addTask(b, '乙电脑新增的事项');
    await b.ok('sharing.syncNow', { breakStaleLock: false });

    // A restarts: the start-up sync brings B's task in by itself
    await a.workspace.close();
    a.workspace.open(file);
    await vi.waitFor(async () => expect((await a.ok('sharing.status', {})).lastOutcome?.trigger).toBe('start'));
    expect(await titles(a)).toEqual(['乙电脑新增的事项']);

    // A adds a task and quits: the exit sync takes it to the shared file, where B finds it
    await addTask(a, '甲电脑退出前新增的事项');
    await a.workspace.close({ syncAtExit: true });
    await b.ok('sharing.syncNow', { breakStaleLock: false });
    expect(await titles(b)).toEqual(['乙电脑新增的事项', '甲电脑退出前新增的事项']);

    // after 撤销本次同步 no automatic sync brings the undone changes back: not at the next start either
    await addTask(b, '乙电脑第二次新增的事项');
    await b.ok('sharing.syncNow', { breakStaleLock: false });
    a.workspace.open(file);
    await vi.waitFor(async () => expect((await a.ok('sharing.status', {})).lastOutcome?.received).toBeGreaterThan(0));
    await a.ok('sharing.undoLastSync', {});
    await a.workspace.close({ syncAtExit: true });
    a.workspace.open(file);
    const status = await a.ok('sharing.status', {});
    expect([status.running, status.paused]).toEqual([null, true]); // a start-up sync would be running by now
    expect(await titles(a)).toEqual(['乙电脑新增的事项', '甲电脑退出前新增的事项']);
  });
});

describe('workspace: ledger files and backups', () => {
  it('keeps recent ledgers, switches between them, and reopens the old one when the new one cannot be used', async () => {
    const root = scratchDir('workspace-');
    const a = pc(root, 'pc-a');
    const first = path.join(a.workspace.ledgerFolder, '督查台账.db');
    a.workspace.open(first);
    await setUp(a, '张三');
    await addTask(a, '第一本台账的事项');

    const second = path.join(root, 'elsewhere', '2017年台账.db');
    a.ports.chooseNewLedgerFile = async () => second;
    expect(await a.ok('ledgers.create', {})).toEqual({ switched: true, file: second });
    expect((await a.ok('app.info', {})).firstRun).toBe(true);
    expect(await titles(a)).toEqual([]);

    // a save dialog's "replace" never replaces a ledger
    a.ports.chooseNewLedgerFile = async () => first;
    const taken = await a.call('ledgers.create', {});
    expect(taken.ok ? null : taken.error.code).toBe('conflict');
    expect(a.workspace.currentFile).toBe(second);

    const recent = await a.ok('ledgers.recent', {});
    expect(recent.map((r) => r.file)).toEqual([second, first]);
    expect(await a.ok('ledgers.openRecent', { id: recent[1]!.id })).toEqual({ switched: true, file: first });
    expect(await titles(a)).toEqual(['第一本台账的事项']);
    expect(await a.ok('ledgers.openRecent', { id: recent[1]!.id })).toEqual({ switched: false, file: first });

    // a foreign file: refused, untouched, and the ledger in use stays open
    const foreign = path.join(root, 'notes.db');
    writeFileSync(foreign, 'SQLite format 3\0 but really a text file with a misleading start');
    const foreignHash = sha256(foreign);
    a.ports.pickLedgerFile = async () => foreign;
    const refused = await a.call('ledgers.open', {});
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/台账/);
    expect(sha256(foreign)).toBe(foreignHash);
    expect(a.workspace.currentFile).toBe(first);
    expect(await titles(a)).toEqual(['第一本台账的事项']);

    const unknown = await a.call('ledgers.openRecent', { id: 'ffffffffffffffff' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    a.ports.pickLedgerFile = async () => null; // the user cancelled the dialog
    expect(await a.ok('ledgers.open', {})).toEqual({ switched: false, file: first });
  });

  it('refuses a working ledger on a network share, offering to open it as a shared ledger', async () => {
    const root = scratchDir('workspace-');
    const networkProbe: LocationProbe = {
      platform: 'linux',
      mountInfo: () =>
        `27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n51 27 0:52 / ${path.join(root, 'nas')} rw,relatime shared:30 - cifs //nas/督查 rw,vers=3.1.1\n`,
      realPath: (p) => p,
      blockDeviceRemovable: () => false,
    };
    const a = pc(root, 'pc-a', { probe: networkProbe });
    a.workspace.open(path.join(a.workspace.ledgerFolder, '督查台账.db'));
    await setUp(a, '张三');
    const onShare = path.join(root, 'nas', '台账.db');
    mkdirSync(path.dirname(onShare));
    a.ports.pickLedgerFile = async () => onShare;
    writeFileSync(onShare, '');
    const refused = await a.call('ledgers.open', {});
    expect(refused.ok ? null : refused.error.code).toBe('location_refused');
    expect(refused.ok ? '' : refused.error.message).toContain('作为共享台账打开');
    expect(readFileSync(onShare).length).toBe(0);
    expect(a.workspace.currentFile).toBe(path.join(a.workspace.ledgerFolder, '督查台账.db'));
  });

  it('backs up on open and on demand, lists the backups, and restores one after keeping the current file', async () => {
    const root = scratchDir('workspace-');
    const a = pc(root, 'pc-a');
    const file = path.join(a.workspace.ledgerFolder, '督查台账.db');
    a.workspace.open(file);
    await setUp(a, '张三');
    await addTask(a, '备份前的事项');
    const manual = await a.ok('backups.create', {});
    expect(manual.kindLabel).toBe('手动备份');
    await addTask(a, '备份后的事项');

    await a.workspace.close();
    a.time.advance(60);
    a.workspace.open(file);
    await a.workspace.automaticBackupsSettled(); // copied in the background
    const kinds = (await a.ok('backups.list', {})).map((b) => b.kindLabel).sort();
    expect(kinds).toEqual(['启动时自动备份', '手动备份', '每日自动备份'].sort());

    const restored = await a.ok('backups.restore', { id: manual.id });
    expect(restored).toEqual({ switched: true, file });
    expect(await titles(a)).toEqual(['备份前的事项']);
    // the replaced file is kept beside the ledger, never deleted
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.dirname(file)).some((n) => n.includes('.replaced-'))).toBe(true);

    const missing = await a.call('backups.restore', { id: 'nope.db' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });

  it('keeps its settings per PC and validates them', async () => {
    const root = scratchDir('workspace-');
    const a = pc(root, 'pc-a');
    a.workspace.open(path.join(a.workspace.ledgerFolder, '督查台账.db'));
    const saved = await a.ok('sharing.updateSettings', { autoSyncMinutes: 30, backupsKept: 5 });
    expect([saved.autoSyncMinutes, saved.backupsKept]).toEqual([30, 5]);
    expect(readWorkspaceConfig(a.workspace.dataFolder)).toMatchObject({ autoSyncMinutes: 30, backupsKept: 5 });
    const bad = await a.call('sharing.updateSettings', { autoSyncMinutes: -1, backupsKept: 0 });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? {} : bad.error.fields).toEqual({ autoSyncMinutes: '自动同步间隔不能为负数', backupsKept: '每类自动备份至少保留 1 份' });

    const folder = path.join(root, 'usb', '备份');
    a.ports.chooseFolder = async () => folder;
    expect((await a.ok('sharing.chooseBackupsFolder', {})).backupsFolder).toBe(folder);
    const backup = await a.ok('backups.create', {});
    expect(path.dirname(backup.file)).toBe(folder);

    const notLinked = await a.call('sharing.syncNow', { breakStaleLock: false });
    expect(notLinked.ok ? null : notLinked.error.code).toBe('not_found');
  });

  it('says so where there is no workspace (the command line)', async () => {
    const root = scratchDir('workspace-');
    const a = pc(root, 'pc-a');
    const ctx = a.workspace.open(path.join(root, 'x.db'));
    const bare = { ...ctx, ports: {} };
    const result = await dispatch(handlers, bare, 'sharing.status', {});
    expect(result.ok ? null : result.error.code).toBe('unavailable');
  });
});
