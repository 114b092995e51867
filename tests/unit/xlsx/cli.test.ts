import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { xlsxCommand } from '../../../electron/cli/xlsx-command';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, livelihoodWorkbook, save } from './fixtures';

let ledger: TempLedger;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  await addUnits(ledger);
});
afterEach(() => ledger.close());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await xlsxCommand(ledger.ctx, parseArgs(argv), argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function count(): Promise<number> {
  return (await ledger.ok('tasks.list', {})).total;
}

describe('import-xlsx / export-xlsx', () => {
  it('--dry-run prints the preview with its problems, saves nothing, and exits 1 while rows have problems', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, '细化分解表.xlsx');
    const r = await run('import-xlsx', file, '--source', '政府工作报告', '--year', '2016', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toContain('工作表：第 2 个“细化分解表”');
    expect(r.out).toContain('表头：第 3–4 行');
    expect(r.out).toContain('D 主要责任单位 → 牵头单位');
    expect(r.out).toContain('未知单位“区旅游局”');
    expect(r.out).toContain('序号“8”在第 13、14 行重复');
    expect(r.out).toContain('无完成时限');
    expect(r.out).toContain('共 11 行事项：新建 8，更新 0，有问题 3；分节标题 1 行');
    expect(r.out).toContain('--unit-map 区旅游局=新建');
    expect(r.out).toContain('试运行，未保存');
    expect(await count()).toBe(0);

    // Skipping the bad rows, the dry run says the file can be imported.
    const skip = await run('import-xlsx', file, '--source', '政府工作报告', '--year', '2016', '--dry-run', '--skip-invalid', '--unit-map', '区旅游局=新建');
    expect(skip.code).toBe(0);
    expect(await count()).toBe(0);
  });

  it('imports, then re-imports as updates; --json; a refused import exits 1 with the reason', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, 'a.xlsx');
    const refused = await run('import-xlsx', file, '--source', '政府工作报告', '--year', '2016');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('未导入任何事项');

    const ok = await run('import-xlsx', file, '--source', 'work_report', '--year', '2016', '--sheet', '细化分解表', '--skip-invalid', '--unit-map', '区旅游局=区经信局');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('已导入“细化分解表”：新建 8 项，更新 0 项，未变化 0 项，跳过有问题的 3 行。');
    expect(await count()).toBe(8);

    const again = await run('import-xlsx', file, '--source', '政府工作报告', '--year', '2016', '--skip-invalid', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, unchanged: 8, skipped: 3 });
    expect(await count()).toBe(8);
  });

  it('--map changes a column by its header or letter', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    const r = await run('import-xlsx', file, '--source', '民生实事', '--year', '2016', '--map', '目标任务=事项名称', '--map', 'B=不导入', '--dry-run', '--json');
    expect(r.code).toBe(0);
    const preview = JSON.parse(r.out);
    expect(preview.rows[0].task.title).toBe('新建、改建城市公厕30座');
    const bad = await run('import-xlsx', file, '--source', '民生实事', '--year', '2016', '--map', '天气=事项名称', '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('表头中没有“天气”列');
  });

  it('usage errors exit 2; a file that is no workbook exits 1 with a clear message', async () => {
    expect((await run('import-xlsx', '--source', '政府工作报告', '--year', '2016')).code).toBe(2);
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    expect((await run('import-xlsx', file, '--year', '2016')).err).toContain('--source');
    expect((await run('import-xlsx', file, '--source', '天气预报', '--year', '2016')).code).toBe(2);
    const notXlsx = path.join(ledger.dir, 'readme.xlsx');
    (await import('node:fs')).writeFileSync(notXlsx, 'hello');
    const r = await run('import-xlsx', notXlsx, '--source', '政府工作报告', '--year', '2016', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是 Excel 工作簿');
    expect((await run('export-xlsx')).code).toBe(2);
  });

  it('export-xlsx writes the filtered ledger; --feedback writes a unit’s sheet, which imports back', async () => {
    await run('import-xlsx', await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx'), '--source', '民生实事', '--year', '2016');
    const out = path.join(ledger.dir, '导出', '台账');
    (await import('node:fs')).mkdirSync(path.dirname(out));
    const r = await run('export-xlsx', '--out', out, '--source', '民生实事', '--status', '逾期,临期,正常推进,滞后于计划');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出 2 项事项');
    expect(existsSync(`${out}.xlsx`)).toBe(true);

    const sheet = path.join(ledger.dir, '反馈.xlsx');
    const fb = await run('export-xlsx', '--out', sheet, '--feedback', '--unit', '住建局', '--period', '2016年9月');
    expect(fb.code).toBe(0);
    expect(fb.out).toContain('已导出住建局反馈表');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sheet);
    wb.getWorksheet('反馈表')!.getRow(4).getCell(7).value = 70;
    wb.getWorksheet('反馈表')!.getRow(4).getCell(8).value = '已建成公厕21座';
    await wb.xlsx.writeFile(sheet);
    const dry = await run('import-xlsx', sheet, '--feedback', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('试运行：可登记 1 条进度');
    const imported = await run('import-xlsx', sheet, '--feedback');
    expect(imported.out).toContain('已登记 1 条进度报告');
    expect((await ledger.ok('tasks.list', { source: 'livelihood' })).rows.find((t) => t.code === '1')!.latestPercent).toBe(70);
  });
});
