/**
 * The xlsx.* channels through the real dispatch wrapper: files by token only (main's open dialog stands behind
 * `pickXlsxFile`), progress while an import runs, exports into the host's folder without replacing files.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XlsxProgress } from '../../../electron/contract/xlsx';
import { forgetXlsxFiles, MAX_REMEMBERED_FILES, rememberXlsxFile, xlsxFileOf } from '../../../electron/services/xlsx/files';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, save } from './fixtures';

let ledger: TempLedger;
let units: Map<string, string>;
let picks: Array<string | null>;
let titles: string[];
let exportsDir: string;

beforeEach(async () => {
  forgetXlsxFiles();
  ledger = await openTempLedger('2016-09-20');
  units = await addUnits(ledger);
  picks = [];
  titles = [];
  ledger.ctx.ports.pickXlsxFile = async (title) => {
    titles.push(title);
    return picks.shift() ?? null;
  };
  exportsDir = path.join(ledger.dir, 'exports');
  mkdirSync(exportsDir);
  ledger.ctx.ports.chooseExportFolder = async () => exportsDir;
});
afterEach(() => ledger.close());

/** The sheet with its problems fixed: no duplicate 序号, a date everywhere, 区旅游局 left unknown. */
const FIXED = {
  14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'],
  15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月22日'],
};

async function pickSheet(fix: Record<number, unknown[]> = FIXED) {
  picks.push(await save(breakdownWorkbook(fix), ledger.dir, '细化分解表.xlsx'));
  const picked = await ledger.ok('xlsx.pickFile', {});
  expect(picked).not.toBeNull();
  return picked!;
}

describe('token map', () => {
  it('gives a token for a path and refuses an unknown one', () => {
    const token = rememberXlsxFile('/tmp/a.xlsx');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(xlsxFileOf(token)).toBe('/tmp/a.xlsx');
    expect(() => xlsxFileOf('0'.repeat(32))).toThrow('请重新选择 Excel 文件。');
  });

  it(`keeps only the last ${MAX_REMEMBERED_FILES} picks`, () => {
    const tokens = Array.from({ length: MAX_REMEMBERED_FILES + 1 }, (_, i) => rememberXlsxFile(`/tmp/${i}.xlsx`));
    expect(() => xlsxFileOf(tokens[0]!)).toThrow('请重新选择 Excel 文件。');
    expect(xlsxFileOf(tokens[1]!)).toBe('/tmp/1.xlsx');
    expect(xlsxFileOf(tokens.at(-1)!)).toBe(`/tmp/${MAX_REMEMBERED_FILES}.xlsx`);
  });
});

describe('xlsx channels', () => {
  it('xlsx.pickFile: null when cancelled; the file name and its sheets, never its folder', async () => {
    expect(await ledger.ok('xlsx.pickFile', {})).toBeNull();
    const picked = await pickSheet();
    expect(picked.name).toBe('细化分解表.xlsx');
    expect(JSON.stringify(picked)).not.toContain(ledger.dir);
    expect(picked.sheets.map((s) => s.name)).toEqual(['说明', '细化分解表']);
    expect(titles[0]).toContain('细化分解表');
    await ledger.ok('xlsx.pickFile', { purpose: 'feedback' });
    expect(titles[2]).toContain('反馈表');
  });

  it('xlsx.pickFile refuses a file that is not a workbook, and says so', async () => {
    const bad = path.join(ledger.dir, '不是表格.xlsx');
    writeFileSync(bad, '这不是 Excel 文件');
    picks.push(bad);
    const result = await ledger.call('xlsx.pickFile', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('不是 Excel 工作簿');
  });

  it('without a host dialog the pick is refused in Chinese', async () => {
    delete ledger.ctx.ports.pickXlsxFile;
    const result = await ledger.call('xlsx.pickFile', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('an unknown token and a path in place of a token are refused', async () => {
    const unknown = await ledger.call('xlsx.preview', { token: 'f'.repeat(32), source: 'work_report', year: 2016 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.code).toBe('not_found');
      expect(unknown.error.message).toBe('请重新选择 Excel 文件。');
    }
    const file = await save(breakdownWorkbook(FIXED), ledger.dir, 'x.xlsx');
    const withPath = await ledger.call('xlsx.preview', { file, source: 'work_report', year: 2016 } as never);
    expect(withPath.ok).toBe(false);
    const asToken = await ledger.call('xlsx.preview', { token: file, source: 'work_report', year: 2016 });
    expect(asToken.ok).toBe(false);
  });

  it('preview → map the unknown unit → import, then a re-import updates instead of creating', async () => {
    const { token } = await pickSheet();
    const preview = await ledger.ok('xlsx.preview', { token, source: 'work_report', year: 2016 });
    expect(preview.sheet.name).toBe('细化分解表');
    expect(preview.unknownUnits.map((u) => u.text)).toEqual(['区旅游局']);
    expect(preview.canCommit).toBe(false);

    const refused = await ledger.call('xlsx.import', { token, source: 'work_report', year: 2016 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('未导入任何事项');
    expect((await ledger.ok('tasks.list', { source: 'work_report' })).total).toBe(0);

    const unitMap = { 区旅游局: units.get('区发改局')! };
    const mapped = await ledger.ok('xlsx.preview', { token, source: 'work_report', year: 2016, unitMap });
    expect(mapped.canCommit).toBe(true);
    expect(mapped.counts.create).toBe(11);

    const result = await ledger.ok('xlsx.import', { token, source: 'work_report', year: 2016, unitMap, sourceRef: '2016年政府工作报告细化分解表' });
    expect(result.created).toBe(11);
    expect((await ledger.ok('tasks.list', { source: 'work_report', year: 2016 })).total).toBe(11);
    expect(await ledger.ok('xlsx.progress', {})).toBeNull();

    const again = await ledger.ok('xlsx.preview', { token, source: 'work_report', year: 2016, unitMap });
    expect(again.counts).toMatchObject({ create: 0, update: 11 });
    const second = await ledger.ok('xlsx.import', { token, source: 'work_report', year: 2016, unitMap });
    expect(second.created).toBe(0);
    expect(second.updated + second.unchanged).toBe(11);
    expect((await ledger.ok('tasks.list', { source: 'work_report', year: 2016 })).total).toBe(11);
  });

  it('xlsx.progress reports while a preview runs and is null afterwards', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目计划');
    ws.addRow(['序号', '项目名称', '牵头单位', '完成时限']);
    for (let i = 1; i <= 3000; i += 1) ws.addRow([i, `重点项目${i}`, '区发改局', '2016年12月底']);
    picks.push(await save(wb, ledger.dir, '项目.xlsx'));
    const { token } = (await ledger.ok('xlsx.pickFile', {}))!;
    const seen: Array<XlsxProgress | null> = [];
    let finished = false;
    const running = ledger.ok('xlsx.preview', { token, source: 'project', year: 2016 }).finally(() => {
      finished = true;
    });
    while (!finished) {
      seen.push(await ledger.ok('xlsx.progress', {}));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const preview = await running;
    expect(preview.counts.create).toBe(3000);
    const reports = seen.filter((p): p is XlsxProgress => p !== null);
    expect(reports.some((p) => p.phase === 'parse' && p.done > 0 && p.done < p.total)).toBe(true);
    expect(await ledger.ok('xlsx.progress', {})).toBeNull();
  });

  it('xlsx.exportLedger writes into the host folder, never over a file; null when the dialog is cancelled', async () => {
    const { token } = await pickSheet();
    await ledger.ok('xlsx.import', { token, source: 'work_report', year: 2016, unitMap: { 区旅游局: 'create' } });
    const first = await ledger.ok('xlsx.exportLedger', { source: 'work_report', year: 2016 });
    expect(first).not.toBeNull();
    expect(path.dirname(first!.file)).toBe(exportsDir);
    expect(path.basename(first!.file)).toBe('督查台账（政府工作报告）2016年-20160920.xlsx');
    expect(first!.rows).toBe(11);
    const second = await ledger.ok('xlsx.exportLedger', { source: 'work_report', year: 2016 });
    expect(path.basename(second!.file)).toBe('督查台账（政府工作报告）2016年-20160920-2.xlsx');
    expect(existsSync(first!.file) && existsSync(second!.file)).toBe(true);

    ledger.ctx.ports.chooseExportFolder = async () => null;
    expect(await ledger.ok('xlsx.exportLedger', {})).toBeNull();
  });

  it('feedback: export a unit’s sheet, pick it back, dry run, import as progress reports', async () => {
    const { token } = await pickSheet();
    await ledger.ok('xlsx.import', { token, source: 'work_report', year: 2016, unitMap: { 区旅游局: 'create' } });
    const unitId = units.get('区财政局')!;
    const exported = await ledger.ok('xlsx.exportFeedback', { unitId, year: 2016, period: '2016年9月' });
    expect(path.basename(exported!.file)).toBe('区财政局反馈表（2016年9月）-20160920.xlsx');
    expect(exported!.rows).toBeGreaterThan(0);

    // the unit fills in the first task's row
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported!.file);
    const ws = wb.getWorksheet('反馈表')!;
    const headers = (ws.getRow(3).values as unknown[]).map(String);
    ws.getRow(4).getCell(headers.indexOf('完成比例(%)')).value = 60;
    ws.getRow(4).getCell(headers.indexOf('工作进展')).value = '已完成项目审计42个';
    const filled = path.join(ledger.dir, '区财政局反馈表（已填）.xlsx');
    await wb.xlsx.writeFile(filled);

    picks.push(filled);
    const picked = (await ledger.ok('xlsx.pickFile', { purpose: 'feedback' }))!;
    const dry = await ledger.ok('xlsx.importFeedback', { token: picked.token, dryRun: true });
    expect(dry.unitName).toBe('区财政局');
    expect(dry.saved).toBe(0);
    expect(dry.rows.filter((r) => r.action === 'report')).toHaveLength(1);
    const done = await ledger.ok('xlsx.importFeedback', { token: picked.token });
    expect(done.saved).toBe(1);
    expect(done.reportDate).toBe('2016-09-20');
  });
});
