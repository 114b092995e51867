import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBindingDirName, electronBindingFile, resolveNativeBinding } from '../../../electron/main/native-binding';
import * as scripts from '../../../scripts/native/electron-binding.mjs';

const target = { betterSqliteVersion: '12.9.0', electronVersion: '41.10.0', platform: 'win32', arch: 'x64' };

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-root-'));
  fs.mkdirSync(path.join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ version: '12.9.0' }));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the Electron build of better-sqlite3', () => {
  it('main and `npm start` agree on the cache folder', () => {
    expect(electronBindingDirName(target)).toBe('better-sqlite3-12.9.0-electron-41.10.0-win32-x64');
    expect(scripts.electronBindingDirName(target)).toBe(electronBindingDirName(target));
    expect(scripts.electronBindingFile(root, target)).toBe(electronBindingFile(root, target));
  });

  it('a packaged app loads the module as packed', () => {
    expect(resolveNativeBinding({ isPackaged: true, appPath: root, env: { LEDGER_NATIVE_BINDING: '/x.node' }, electronVersion: '41.10.0' })).toBeUndefined();
  });

  it('unpackaged, it takes LEDGER_NATIVE_BINDING, else the cache, else nothing', () => {
    const opts = { isPackaged: false, appPath: root, electronVersion: '41.10.0', platform: 'win32', arch: 'x64' };
    expect(resolveNativeBinding({ ...opts, env: { LEDGER_NATIVE_BINDING: '/x/b.node' } })).toBe(path.resolve('/x/b.node'));
    expect(resolveNativeBinding({ ...opts, env: {} })).toBeUndefined();
    const cached = electronBindingFile(root, target);
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.writeFileSync(cached, '');
    expect(resolveNativeBinding({ ...opts, env: {} })).toBe(cached);
  });

  it('reads the module ABI from a binary: the installed Node build is Node’s', () => {
    const nodeBuild = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(scripts.moduleAbiOf(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it('knows Electron’s module ABI, which differs from Node’s', () => {
    const root = path.resolve('.');
    const electron = JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string };
    const abi = scripts.electronModuleAbi(root, electron.version);
    expect(abi).toBeGreaterThan(0);
    expect(abi).not.toBe(Number(process.versions.modules));
    expect(scripts.electronTarget(root).electronAbi).toBe(abi);
  });
});
