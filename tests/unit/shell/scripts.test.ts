import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_MISSING_LINE } from '../../../scripts/native/electron-binary.mjs';

const root = path.resolve('.');

describe('npm start without the Electron executable', () => {
  it('prints one clear line (Chinese and English) saying how to get it, and exits 1', () => {
    // Point the electron package at an empty folder: the executable is missing here on every machine.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    try {
      const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([ELECTRON_MISSING_LINE]);
      expect(ELECTRON_MISSING_LINE).toContain('node node_modules/electron/install.js');
      expect(ELECTRON_MISSING_LINE).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
      expect(ELECTRON_MISSING_LINE).toMatch(/未找到 Electron 程序/);
      expect(ELECTRON_MISSING_LINE).toMatch(/Electron binary is missing/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('postinstall', () => {
  it('checks that the Node build of better-sqlite3 loads, and succeeds without the Electron executable', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    try {
      const run = spawnSync(process.execPath, ['scripts/postinstall.mjs'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        timeout: 30_000,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('better-sqlite3');
      expect(run.stdout).toContain('Electron');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
