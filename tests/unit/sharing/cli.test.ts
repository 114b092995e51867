import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { lockPathOf } from '../../../electron/services/sharing/lock';
import { scratchDir, sha256 } from './helpers';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line: sync, backup, restore, check', () => {
  it('exports, syncs a second ledger, backs up, detects damage and restores', async () => {
    const dir = scratchDir('ledger-cli-sharing-');
    const a = path.join(dir, 'a', '督查台账.db');
    const b = path.join(dir, 'b', '督查台账.db');
    const shared = path.join(dir, 'share', '共享台账.db');
    mkdirSync(path.dirname(shared));

    expect((await run('init', '--db', a, '--operator', '周敏')).code).toBe(0);
    expect((await run('demo', '--db', a)).code).toBe(0);
    const exported = await run('sync', shared, '--db', a);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`已由本台账创建共享台账：${shared}`);

    expect((await run('init', '--db', b, '--operator', '陈晓')).code).toBe(0);
    const merged = await run('sync', shared, '--db', b);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/同步完成：新增 \d+ 条（来自 周敏）/);
    expect(merged.out).toContain('同步前的本机台账备份');
    expect(merged.err).toContain('合并双方的修改…');

    const json = await run('sync', shared, '--db', a, '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out) as { mode: string; backupOfWorking: string; report: { received: number } };
    expect(result.mode).toBe('merged');
    expect(existsSync(result.backupOfWorking)).toBe(true);

    // A lock left by a dead process of this PC: refused with the hint, then broken on request.
    writeFileSync(lockPathOf(shared), JSON.stringify({ host: os.hostname(), user: '王五', pid: 2 ** 22 + 12345, app: '督查台账', startedAt: new Date().toISOString(), token: 'x' }));
    const stale = await run('sync', shared, '--db', a);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('--break-lock');
    expect((await run('sync', '--break-lock', shared, '--db', a)).code).toBe(0);
    expect(existsSync(lockPathOf(shared))).toBe(false);

    const backup = await run('backup', '--db', a);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('已备份并通过检查');
    const list = JSON.parse((await run('backup', '--db', a, '--list', '--json')).out) as { kind: string; path: string }[];
    expect(list.map((x) => x.kind)).toContain('manual');
    expect((await run('backup', '--db', a, '--list')).out).toContain('手动备份');

    const check = await run('check', '--db', a, '--json');
    expect(check.code).toBe(0);
    const report = JSON.parse(check.out) as { ok: boolean; latestBackup: unknown; sharedLink: { sharedPath: string } };
    expect(report.ok).toBe(true);
    expect(report.latestBackup).not.toBeNull();
    expect(report.sharedLink.sharedPath).toBe(shared);
    expect((await run('check', '--db', a)).out).toContain(`共享台账：${shared}，上次同步`);

    // Damage the working file: check refuses it and names the backup to restore; restore brings it back.
    truncateSync(a, Math.floor(readFileSync(a).length / 2));
    const damaged = await run('check', '--db', a);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toContain('已损坏');
    expect(damaged.err).toContain('最近的完好备份是');
    const good = list.find((x) => x.kind === 'manual')!.path;
    const restored = await run('restore', path.basename(good), '--db', a);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('恢复前的台账文件已改名保留');
    expect((await run('check', '--db', a)).code).toBe(0);
  }, 60_000);

  it('refuses a foreign shared file unchanged, and reports usage errors', async () => {
    const dir = scratchDir('ledger-cli-sharing-');
    const a = path.join(dir, '督查台账.db');
    expect((await run('init', '--db', a, '--operator', '周敏')).code).toBe(0);
    const foreign = path.join(dir, '会议纪要.db');
    writeFileSync(foreign, '这不是数据库，而是一份会议纪要。'.repeat(200));
    const before = sha256(foreign);
    const refused = await run('sync', foreign, '--db', a);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('不是督查台账');
    expect(sha256(foreign)).toBe(before);

    expect((await run('sync', '--db', a)).code).toBe(2);
    expect((await run('restore', '--db', a)).code).toBe(2);
    const missing = await run('restore', 'no-such-backup.db', '--db', a);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('backup --list');
    expect((await run('help')).out).toContain('sync   <共享台账文件>');
  });
});
