/**
 * Which better-sqlite3 binary main loads.
 *
 * node_modules/better-sqlite3 keeps its Node build (the tests use it); Electron needs one built
 * against its own ABI. `npm start` (scripts/start.mjs, via scripts/native/) keeps that build in a
 * cache folder keyed by versions, platform and arch, and passes its path in LEDGER_NATIVE_BINDING.
 * Launched another way (electron-vite dev, the _electron test), main finds the same cache folder
 * itself. A packaged app uses the module as packed (rebuilt for Electron at pack time).
 * The folder name must stay equal to `electronBindingDir` in scripts/native/electron-binding.mjs
 * (a unit test compares them).
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_BINDING_ENV = 'LEDGER_NATIVE_BINDING';

export interface BindingTarget {
  betterSqliteVersion: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

export function electronBindingDirName(t: BindingTarget): string {
  return `better-sqlite3-${t.betterSqliteVersion}-electron-${t.electronVersion}-${t.platform}-${t.arch}`;
}

export function electronBindingFile(projectRoot: string, t: BindingTarget): string {
  return path.join(projectRoot, '.cache', 'native', electronBindingDirName(t), 'better_sqlite3.node');
}

export interface ResolveBindingOptions {
  isPackaged: boolean;
  /** app.getAppPath(): the project folder when run unpackaged */
  appPath: string;
  env: NodeJS.ProcessEnv;
  electronVersion: string;
  platform?: string;
  arch?: string;
}

/** The `nativeBinding` option for better-sqlite3, or undefined to load the module's own build. */
export function resolveNativeBinding(opts: ResolveBindingOptions): string | undefined {
  if (opts.isPackaged) return undefined;
  const fromEnv = opts.env[NATIVE_BINDING_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  const version = readBetterSqliteVersion(opts.appPath);
  if (!version) return undefined;
  const file = electronBindingFile(opts.appPath, {
    betterSqliteVersion: version,
    electronVersion: opts.electronVersion,
    platform: opts.platform ?? process.platform,
    arch: opts.arch ?? process.arch,
  });
  return fs.existsSync(file) ? file : undefined;
}

function readBetterSqliteVersion(projectRoot: string): string | null {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}
