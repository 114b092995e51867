/** `doc <type>` on a demo ledger: drafts, signs, exports real .docx files and prints their paths. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { WorkCalendar } from '../../../electron/services/calendar';
import { closeAppContext, localIsoDate, openAppContext } from '../../../electron/services/context';
import { listDocuments } from '../../../electron/services/documents/registry';
import { tempDir } from '../../support/temp-ledger';

let dir: string;
let db: string;
let out: string;
beforeAll(async () => {
  dir = tempDir('ledger-cli-doc-');
  db = path.join(dir, 'cli.db');
  out = path.join(dir, '公文');
  mkdirSync(out);
  expect((await run('init', '--db', db, '--operator', '周敏', '--office', '绍兴市上虞区人民政府办公室', '--contact', '周敏', '--phone', '0575-82112345')).code).toBe(0);
  expect((await run('demo', '--db', db)).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runCli(argv, { out: (l) => lines.push(l), err: (l) => errors.push(l) });
  return { code, out: lines, err: errors.join('\n') };
}

/** The visible text of a part of the .docx: every w:t, joined. */
async function partText(file: string, part: RegExp): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await Promise.all(zip.file(part).map((f) => f.async('string')));
  return [...xml.join('').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const documentText = (file: string) => partText(file, /^word\/document\.xml$/);

async function registryTitles(): Promise<Array<{ title: string; number: string | null }>> {
  const ctx = openAppContext({ file: db });
  try {
    const page = await listDocuments(ctx, { year: null, type: null, status: null, search: '', offset: 0, limit: 500 });
    return page.rows.map((r) => ({ title: r.title, number: r.number }));
  } finally {
    await closeAppContext(ctx);
  }
}

/** A deadline the builders accept: a working day some time after today (the command line runs on the real clock). */
function workdaysAhead(n: number): string {
  return new WorkCalendar([]).addDays(localIsoDate(new Date()), n, 'workday');
}

describe('doc command', () => {
  it('drafts, signs and exports a 催办通知 for a unit\'s overdue tasks, printing the files', async () => {
    const overdue = await run('list', '--db', db, '--status', '逾期', '--json');
    const rows = JSON.parse(overdue.out.join('\n')) as Array<{ leadUnits: string; title: string }>;
    const unit = rows[0]!.leadUnits.split('、')[0]!;

    const r = await run('doc', '催办通知', '--db', db, '--unit', unit, '--deadline', workdaysAhead(10), '--out', out, '--sign', '王区长', '--slip');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = r.out.filter((l) => l.endsWith('.docx'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => path.dirname(f) === out && existsSync(f))).toBe(true);
    expect(path.basename(files[0]!)).toMatch(new RegExp(`^催办通知-${unit}-.*\\.docx$`));
    expect(r.out.at(-1)).toMatch(/^已生成 1 份催办通知（已签发，文号 虞政办催〔\d{4}〕1号），写出 2 个文件。$/);

    const [record] = await registryTitles();
    expect(record!.number).toMatch(/^虞政办催〔\d{4}〕1号$/);
    const text = await documentText(files[0]!);
    expect(text).toContain(record!.title);
    expect(text).toContain(record!.number!);
    expect(await documentText(files[1]!)).toContain('发文稿纸');
  });

  it('exports an unsigned 情况通报 marked 草稿 in its file name', async () => {
    const year = new Date().getFullYear();
    const r = await run('doc', 'situation_bulletin', '--db', db, '--year', String(year), '--from', `${year}-01-01`, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/-草稿\.docx$/);
    expect(r.out.at(-1)).toContain('（草稿）');
    expect(await partText(r.out[0]!, /^word\/header\d*\.xml$/)).toContain('草稿');
  });

  it('finds tasks by their 序号 for 督办单, one file per task', async () => {
    const list = await run('list', '--db', db, '--json');
    const rows = JSON.parse(list.out.join('\n')) as Array<{ code: string; title: string; year: number; completedOn: string | null }>;
    const open = rows.filter((r) => r.completedOn === null && r.code !== '').slice(0, 2);
    const r = await run('doc', '督办单', '--db', db, '--task', open[0]!.code, '--task', open[1]!.code, '--year', String(open[0]!.year), '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = r.out.filter((l) => l.endsWith('.docx'));
    expect(files).toHaveLength(2);
    expect(await documentText(files[0]!)).toContain(open[0]!.title);
    expect(await documentText(files[1]!)).toContain(open[1]!.title);
    const unknown = await run('doc', '督办单', '--db', db, '--task', '第999号', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('找不到序号为“第999号”的督查事项');
  });

  it('explains usage errors (exit 2) and refusals (exit 1) in Chinese, writing nothing', async () => {
    const before = readdirSync(out).sort();
    const unknownType = await run('doc', '请示', '--db', db, '--out', out);
    expect(unknownType.code).toBe(2);
    expect(unknownType.err).toContain('未知的公文类型“请示”');
    const noType = await run('doc', '--db', db);
    expect(noType.code).toBe(2);
    const noDeadline = await run('doc', '催办通知', '--db', db, '--unit', '百官街道', '--out', out);
    expect(noDeadline.code).toBe(2);
    expect(noDeadline.err).toContain('--deadline');
    const noUnit = await run('doc', '督查通知书', '--db', db, '--unit', '火星街道', '--deadline', workdaysAhead(10), '--out', out);
    expect(noUnit.code).toBe(1);
    expect(noUnit.err).toBe('找不到名为“火星街道”的单位。');
    const noFolder = await run('doc', '情况通报', '--db', db, '--out', path.join(dir, '没有这个文件夹'));
    expect(noFolder.code).toBe(1);
    expect(noFolder.err).toContain('导出文件夹不存在');
    expect(readdirSync(out).sort()).toEqual(before);
  });
});
