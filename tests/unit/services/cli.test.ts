import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp-ledger';

let dir: string;
let db: string;
beforeAll(() => {
  dir = tempDir('ledger-cli-');
  db = path.join(dir, 'cli.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('init creates the ledger and records the operator and office', async () => {
    const r = await run('init', '--db', db, '--operator', '周敏', '--office', '绍兴市上虞区人民政府办公室');
    expect(r.code).toBe(0);
    expect(r.out).toContain('数据版本');
    expect(r.out).toContain('周敏');
  });

  it('demo loads the demo ledger once and list filters it', async () => {
    const demo = await run('demo', '--db', db);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/已载入演示数据：\d+ 个单位，\d+ 项督查事项/);

    const again = await run('demo', '--db', db);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已有/);

    const json = await run('list', '--db', db, '--source', '民生实事', '--json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as Array<{ source: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.source === 'livelihood')).toBe(true);

    const table = await run('list', '--db', db, '--status', '逾期');
    expect(table.code).toBe(0);
    expect(table.out).toContain('逾期');
    expect(table.out).toMatch(/共 \d+ 项/);
  });

  it('check reports a healthy ledger', async () => {
    const r = await run('check', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('检查通过');
  });

  it('fails clearly on an unknown command, a bad option value and a foreign file, leaving the file unchanged', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const bad = await run('list', '--db', db, '--source', '天气预报');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('未知的来源');

    const foreign = path.join(dir, 'notes.db');
    writeFileSync(foreign, '这不是数据库，而是一份会议纪要。'.repeat(200));
    const before = createHash('sha256').update(readFileSync(foreign)).digest('hex');
    const r = await run('check', '--db', foreign);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/不是督查台账|已损坏/);
    expect(createHash('sha256').update(readFileSync(foreign)).digest('hex')).toBe(before);
  });
});
