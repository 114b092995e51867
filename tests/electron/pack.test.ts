/**
 * The installer's content, packed offline: electron-builder packs this project with its own
 * electron-builder.yml for Linux x64 (the "dir" target: the folder every installer is made from),
 * with two overrides — a stand-in Electron distribution instead of the download (electronDist) and
 * no native rebuild (npmRebuild: false) — then the test checks what was packed: the asar and its
 * contents, the unpacked better-sqlite3 binary, no development files, the Electron fuses, the size.
 *
 * The stand-in "electron" is a small script carrying Electron's fuse sentinel and a fuse wire with
 * Electron's default states, so electron-builder flips the fuses on it as on the real binary. The
 * Node build of better-sqlite3 in node_modules must come out untouched (its SHA-256 is compared):
 * the tests and the CLI load it.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const NATIVE = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const EXECUTABLE = 'duchataizhang'; // linux.executableName in electron-builder.yml
const MAX_TOTAL_BYTES = 150 * 1024 * 1024; // without the real Electron (≈ 250 MB more)

interface PackageJson {
  main?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}
interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, filename: string): Buffer;
}
interface Fuses {
  getCurrentFuseWire(executable: string): Promise<Record<string, unknown>>;
  FuseV1Options: Record<string, number>;
}
/** @electron/fuses' FuseState (not exported from its index): the wire holds ASCII '0' and '1'. */
const FUSE_DISABLE = '0'.charCodeAt(0);
const FUSE_ENABLE = '1'.charCodeAt(0);

const built = ['out/main/index.cjs', 'out/main/sync-worker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) =>
  fs.existsSync(path.join(root, f)),
);
const builderCli = (() => {
  try {
    return requireFromRoot.resolve('electron-builder/cli.js');
  } catch {
    return null;
  }
})();
const skipReason = !built
  ? 'out/ 未构建 / out/ is not built — run "npx electron-vite build" first'
  : !builderCli
    ? 'electron-builder 未安装 / electron-builder is not installed'
    : !fs.existsSync(NATIVE)
      ? 'better-sqlite3 未编译 / node_modules/better-sqlite3 has no build'
      : null;
if (skipReason) console.log(`[pack] 跳过 / skipped: ${skipReason}`);

/** @electron/asar and @electron/fuses as electron-builder itself resolves them. */
const requireFromBuilder = skipReason ? null : createRequire(requireFromRoot.resolve('app-builder-lib/package.json'));

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as PackageJson).version!;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, in @electron/fuses' V1 order: the pack has to flip them. */
const DEFAULT_WIRE = {
  RunAsNode: '1',
  EnableCookieEncryption: '0',
  EnableNodeOptionsEnvironmentVariable: '1',
  EnableNodeCliInspectArguments: '1',
  EnableEmbeddedAsarIntegrityValidation: '0',
  OnlyLoadAppFromAsar: '0',
  LoadBrowserProcessSpecificV8Snapshot: '0',
  GrantFileProtocolExtraPrivileges: '1',
};

/** What electron-builder copies from an unpacked Electron for Linux: the executable, resources/, licences, version. */
function makeStandInElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const wire = Buffer.from([1, Object.keys(DEFAULT_WIRE).length, ...Object.values(DEFAULT_WIRE).map((s) => s.charCodeAt(0))]);
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for tests/electron/pack.test.ts, not runnable" >&2\nexit 1\n# ');
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, Buffer.from(SENTINEL, 'latin1'), wire, Buffer.from('\n')]), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in for Electron’s LICENSE\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  fs.writeFileSync(path.join(dir, 'locales', 'zh-CN.pak'), 'stand-in');
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

function runBuilder(args: string[], logFile: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_BUILDER_CACHE: path.join(path.dirname(logFile), 'cache') };
    delete env.ELECTRON_RUN_AS_NODE;
    // electron-builder keeps quiet under VITEST; its log is checked below
    for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
    const child = spawn(process.execPath, [builderCli!, ...args], { cwd: root, env, stdio: ['ignore', log, log] });
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(log);
      resolve(code);
    });
  });
}

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe.skipIf(skipReason !== null)('packed app (electron-builder, stand-in Electron, no rebuild)', () => {
  let tmp = '';
  let appOut = '';
  let asarFile = '';
  let entries: string[] = [];
  let nativeBefore = '';
  let builderLog = '';
  let asar: Asar;

  beforeAll(async () => {
    nativeBefore = sha256(NATIVE);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pack-'));
    const dist = path.join(tmp, 'electron-dist');
    makeStandInElectron(dist);
    const logFile = path.join(tmp, 'electron-builder.log');
    const started = Date.now();
    const code = await runBuilder(
      [
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        `-c.electronDist=${dist}`,
        '-c.npmRebuild=false',
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${path.join(tmp, 'dist')}`,
      ],
      logFile,
    );
    builderLog = fs.readFileSync(logFile, 'utf8');
    console.log(`[pack] electron-builder finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code})`);
    if (code !== 0) throw new Error(`electron-builder failed (exit ${code}):\n${builderLog.slice(-6000)}`);
    appOut = path.join(tmp, 'dist', 'linux-unpacked');
    asarFile = path.join(appOut, 'resources', 'app.asar');
    asar = requireFromBuilder!('@electron/asar') as Asar;
    entries = asar.listPackage(asarFile, { isPack: false }).map((e) => e.split(path.sep).join('/'));
  }, 600_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('rebuilt nothing and downloaded nothing: node_modules’ better-sqlite3 is byte-identical', () => {
    expect(builderLog).toMatch(/skipped dependencies rebuild/);
    expect(builderLog).toMatch(/using custom unpacked Electron distribution/);
    expect(builderLog).not.toMatch(/downloading|rebuilding native dependencies|@electron\/rebuild/i);
    expect(sha256(NATIVE)).toBe(nativeBefore);
  });

  it('has the Linux app layout: executable, app.asar, the unpacked native module, Electron’s licence', () => {
    expect(fs.statSync(path.join(appOut, EXECUTABLE)).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(asarFile)).toBe(true);
    // onlyLoadAppFromAsar: there is no loose app folder to fall back to
    expect(fs.existsSync(path.join(appOut, 'resources', 'app'))).toBe(false);
    expect(fs.existsSync(path.join(appOut, 'LICENSE.electron.txt'))).toBe(true);
    const unpackedNative = path.join(appOut, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(fs.existsSync(unpackedNative)).toBe(true);
    // packed as it is in node_modules (npmRebuild is off here; a real build rebuilds it for Electron)
    expect(sha256(unpackedNative)).toBe(nativeBefore);
    const unpacked = (fs.readdirSync(path.join(appOut, 'resources/app.asar.unpacked'), { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
    expect(unpacked.filter((f) => f.endsWith('.node'))).toEqual(['node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
  });

  it('the asar holds the built app, package.json and the runtime dependencies', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.cjs',
      '/out/main/sync-worker.cjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/node_modules/better-sqlite3/package.json',
      '/node_modules/better-sqlite3/lib/index.js',
      '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      '/node_modules/bindings/package.json',
    ]) {
      expect(entries, file).toContain(file);
    }
    expect(entries.some((e) => /^\/out\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      expect(entries, dep).toContain(`/node_modules/${dep}/package.json`);
    }
    const packed = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8')) as PackageJson;
    expect(packed.main).toBe('out/main/index.cjs');
    expect(packed.dependencies).toEqual(pkg.dependencies);
    expect(packed.devDependencies).toBeUndefined();
    expect(packed.scripts).toBeUndefined();
  });

  it('only out/, package.json and node_modules at the top; no sources, tests, source maps or TypeScript', () => {
    expect(new Set(entries.map((e) => e.split('/')[1]))).toEqual(new Set(['out', 'package.json', 'node_modules']));
    expect(entries.filter((e) => /\.(map|ts|tsx|mts|cts)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/out\/.*\.(test|spec)\.[cm]?js$/.test(e) || e.startsWith('/tests'))).toEqual([]);
    for (const dir of ['/renderer', '/electron', '/tests', '/scripts', '/bench', '/docs', '/db', '/build', '/.cache', '/test-results']) {
      expect(entries.filter((e) => e === dir || e.startsWith(`${dir}/`)), dir).toEqual([]);
    }
    // better-sqlite3's C sources and build leftovers stay out
    expect(entries.filter((e) => /^\/node_modules\/better-sqlite3\/(deps|src)\//.test(e) || /\/build\/Release\/(obj|obj\.target)\//.test(e))).toEqual([]);
  });

  it('no development dependency, unless a runtime package needs it too', () => {
    const packages = new Map<string, PackageJson>();
    for (const e of entries) {
      const m = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(e);
      if (m) packages.set(m[1]!, JSON.parse(asar.extractFile(asarFile, e.slice(1)).toString('utf8')) as PackageJson);
    }
    const neededAtRuntime = new Set<string>(Object.keys(pkg.dependencies ?? {}));
    for (const p of packages.values()) {
      for (const name of Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })) neededAtRuntime.add(name);
    }
    const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((d) => packages.has(d) && !neededAtRuntime.has(d));
    expect(devOnly).toEqual([]);
    for (const d of ['react', 'react-dom', 'antd', '@ant-design/icons', 'echarts', 'vite', 'vitest', 'typescript', 'electron', 'electron-builder', 'electron-vite', 'playwright-core', 'eslint', 'tsx', 'fast-check', '@doyensec/electronegativity']) {
      expect(packages.has(d), d).toBe(false);
    }
  });

  it('the fuses are flipped in the packed executable', async () => {
    const fuses = requireFromBuilder!('@electron/fuses') as Fuses;
    const wire = await fuses.getCurrentFuseWire(path.join(appOut, EXECUTABLE));
    const [ENABLE, DISABLE] = [FUSE_ENABLE, FUSE_DISABLE];
    const O = fuses.FuseV1Options;
    expect({
      runAsNode: wire[O.RunAsNode!],
      enableCookieEncryption: wire[O.EnableCookieEncryption!],
      enableNodeOptionsEnvironmentVariable: wire[O.EnableNodeOptionsEnvironmentVariable!],
      enableNodeCliInspectArguments: wire[O.EnableNodeCliInspectArguments!],
      enableEmbeddedAsarIntegrityValidation: wire[O.EnableEmbeddedAsarIntegrityValidation!],
      onlyLoadAppFromAsar: wire[O.OnlyLoadAppFromAsar!],
      grantFileProtocolExtraPrivileges: wire[O.GrantFileProtocolExtraPrivileges!],
    }).toEqual({
      runAsNode: DISABLE,
      enableCookieEncryption: ENABLE,
      enableNodeOptionsEnvironmentVariable: DISABLE,
      enableNodeCliInspectArguments: DISABLE,
      enableEmbeddedAsarIntegrityValidation: ENABLE,
      onlyLoadAppFromAsar: ENABLE,
      grantFileProtocolExtraPrivileges: DISABLE,
    });
    // the same read by hand: sentinel, version 1, length, then one '0'/'1' per fuse
    const bytes = fs.readFileSync(path.join(appOut, EXECUTABLE));
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
    expect(bytes[at]).toBe(1);
    expect(bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1')).toBe('01001100');
  });

  it('is of a sane size', () => {
    const total = folderSize(appOut);
    const asarSize = fs.statSync(asarFile).size;
    const unpacked = folderSize(path.join(appOut, 'resources/app.asar.unpacked'));
    console.log(`[pack] linux-unpacked ${MB(total)} (app.asar ${MB(asarSize)}, ${entries.length} entries; app.asar.unpacked ${MB(unpacked)}); stand-in Electron, so without Electron itself`);
    expect(total).toBeLessThan(MAX_TOTAL_BYTES);
    expect(unpacked).toBeLessThan(10 * 1024 * 1024);
  });
});
