/** Real working ledgers, shared files and child processes for the sharing tests. */
import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, expect, onTestFinished } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import { closeAppContext, openAppContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { tombstoneRow, updateRow } from '../../../db/repository';
import { handlers } from '../../../electron/services/handlers';
import { createWorkingCopyFrom, syncWithSharedFile, type SyncOptions, type SyncResult } from '../../../electron/services/sharing/sync';

/** A fresh folder, removed when the current test ends. */
export function scratchDir(prefix = 'ledger-sharing-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A wall clock the test moves by hand, starting on a working morning of 2016. */
export class TestTime {
  constructor(public ms = new Date(2016, 8, 20, 9, 0, 0).getTime()) {}
  readonly now = (): Date => new Date(this.ms);
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export interface Working {
  file: string;
  ctx: ServiceContext;
  time: TestTime;
  ok<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

/** Opens (or creates) a working ledger through the app's own context; closed when the test ends. */
export async function openWorking(file: string, operator: string | null, time = new TestTime()): Promise<Working> {
  mkdirSync(path.dirname(file), { recursive: true });
  const ctx = openAppContext({ file, now: time.now });
  let closed = false;
  const working: Working = {
    file,
    ctx,
    time,
    async ok(channel, input) {
      const result = await dispatch(handlers, ctx, channel, input, (err) => {
        throw err;
      });
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
      return result.value as never;
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeAppContext(ctx);
    },
  };
  onTestFinished(() => working.close());
  if (operator !== null) await working.ok('app.setup', { operator, officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
  return working;
}

export async function addUnit(w: Working, name: string): Promise<string> {
  return (await w.ok('units.create', { name, kind: 'department' })).id;
}

export async function addTask(w: Working, unitId: string, code: string, title: string): Promise<string> {
  const detail = await w.ok('tasks.create', {
    year: 2016,
    source: 'meeting',
    code,
    title,
    content: `${title}：会议要求按期办结`,
    sourceRef: '区政府第12次常务会议',
    sourceDate: '2016-09-20',
    leader: '王副区长',
    assignedDate: '2016-09-20',
    timeLimitValue: 10,
    timeLimitUnit: 'workday',
    units: [{ unitId, role: 'lead' }],
  });
  return detail.task.id;
}

/** Edits one field through the repository layer (change log, clock), as every service write does. */
export async function renameTask(w: Working, id: string, title: string): Promise<void> {
  await w.ctx.ledger.db.transaction().execute((trx) => updateRow(trx, w.ctx.write, 'tasks', id, { title }));
}

export async function deleteTask(w: Working, id: string): Promise<void> {
  await w.ctx.ledger.db.transaction().execute((trx) => tombstoneRow(trx, w.ctx.write, 'tasks', id));
}

/** Syncs a working ledger the way the app does. */
export function syncWorking(w: Working, sharedPath: string, extra: Partial<SyncOptions> = {}): Promise<SyncResult> {
  return syncWithSharedFile({
    workingDb: w.ctx.ledger.sqlite,
    workingPath: w.file,
    sharedPath,
    tempDir: path.join(path.dirname(w.file), 'tmp'),
    now: w.time.now,
    operator: w.ctx.write.operator,
    clock: w.ctx.write.clock,
    ...extra,
  });
}

/** Reads a file with SQLite without creating anything beside it (rollback-mode files only). */
export function withFile<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function integrityOf(db: BetterSqlite3.Database): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
}

const bundles = new Map<string, Promise<string>>();
let bundleDir: string | null = null;

// The bundles of this test file's children go with the file's last test.
afterAll(() => {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundleDir = null;
  bundles.clear();
});

/**
 * Bundles a child script (TypeScript, our services) into one .mjs in a temporary folder, so each child starts
 * in a fraction of a second (tsx would compile on every start). better-sqlite3 stays a separate native
 * module, imported by its absolute path in this repository.
 */
export function bundleChild(name: string): Promise<string> {
  let pending = bundles.get(name);
  if (!pending) {
    if (!bundleDir) {
      bundleDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-sharing-children-'));
      chmodSync(bundleDir, 0o755); // a child may run under another account (the read-only folder test)
    }
    const outfile = path.join(bundleDir, `${name}.mjs`);
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
    pending = build({
      entryPoints: [path.join(__dirname, 'children', `${name}.ts`)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      plugins: [
        {
          name: 'native-sqlite-by-path',
          setup(b) {
            b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite3, external: true }));
          },
        },
      ],
    }).then(() => outfile);
    bundles.set(name, pending);
  }
  return pending;
}

export interface Child {
  process: ChildProcess;
  /** resolves with the first stdout line matching */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
  lines: string[];
  stderr(): string;
}

/** Starts a bundled child script; `as` runs it under another account (the tests run as root in CI). */
export async function startChild(name: string, args: string[], as?: { uid: number; gid: number }): Promise<Child> {
  const script = await bundleChild(name);
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...as });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    process: child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor(pattern) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`child ${name} exited (${code}) before ${pattern}: ${stderr}`)));
      });
    },
  };
}

/** Nothing of ours left beside the shared file: no lock, no temporary file, no SQLite sidecar. */
export function leftoversBeside(sharedPath: string): string[] {
  const name = path.basename(sharedPath);
  return readdirSync(path.dirname(sharedPath)).filter(
    (entry) => entry.startsWith(name) && entry !== name && !/\.\d{8}-\d{6}(-\d+)?\.bak$/.test(entry),
  );
}

export interface Office {
  root: string;
  shared: string;
  a: Working;
  b: Working;
  unitA: string;
  common: string;
}

/** PC A with a small ledger exports it to the share; PC B opens it from there (a working copy). */
export async function officeWithSharedLedger(): Promise<Office> {
  const root = scratchDir();
  const shared = path.join(root, 'share', '共享台账.db');
  mkdirSync(path.dirname(shared));
  const a = await openWorking(path.join(root, 'pc-a', '督查台账.db'), '张三', new TestTime());
  const unitA = await addUnit(a, '区交通运输局');
  const common = await addTask(a, unitA, '常务会-1', '抓紧完成104国道上虞段改线工程政策处理');
  const exported = await syncWorking(a, shared);
  expect(exported.mode).toBe('exported');

  const bTime = new TestTime(a.time.ms + 7_000);
  const copy = await createWorkingCopyFrom(shared, path.join(root, 'pc-b', '督查台账.db'), { tempDir: path.join(root, 'pc-b', 'tmp'), now: bTime.now });
  const b = await openWorking(copy.workingPath, null, bTime);
  await b.ok('settings.update', { operator: '李四' });
  return { root, shared, a, b, unitA, common };
}
