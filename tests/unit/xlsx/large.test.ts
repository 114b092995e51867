import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XlsxProgress } from '../../../electron/contract/xlsx';
import { commitXlsxImport, previewXlsxImport } from '../../../electron/services/xlsx';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, save } from './fixtures';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await openTempLedger('2016-09-20');
  await addUnits(ledger);
});
afterAll(() => ledger.close());

async function bigSheet(rows: number, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细化分解表');
  ws.addRow(['2016年政府工作报告目标任务细化分解表']);
  ws.addRow(['序号', '工作任务', '责任领导', '牵头单位', '配合单位', '完成时限', '一季度', '二季度', '三季度', '四季度']);
  const units = ['区发改局', '区财政局', '区住建局', '百官街道', '曹娥街道'];
  for (let i = 1; i <= rows; i += 1) {
    ws.addRow([i, `第${i}项重点工作`, '金立明', units[i % 5], units[(i + 2) % 5], i % 3 === 0 ? '年底前' : '2016年6月底', '启动', '完成50%', '', '']);
  }
  return save(wb, ledger.dir, name);
}

describe('large sheets', () => {
  it('a 10,000-row sheet is parsed in chunks, letting the event loop run between them', async () => {
    const file = await bigSheet(10_000, 'big.xlsx');
    const progress: XlsxProgress[] = [];
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const preview = await previewXlsxImport(ledger.ctx, { file, source: 'work_report', year: 2016 }, (p) => progress.push(p));
    clearInterval(ticker);
    expect(preview.counts).toMatchObject({ rows: 10_000, create: 10_000, invalid: 0 });
    const parse = progress.filter((p) => p.phase === 'parse');
    expect(parse.length).toBeGreaterThanOrEqual(20);
    expect(parse.at(-1)).toEqual({ phase: 'parse', done: 10_000, total: 10_000 });
    expect(turns).toBeGreaterThan(0); // timers ran while the sheet was parsed
  }, 120_000);

  it('a 1,000-row sheet commits in one transaction with progress reports', async () => {
    const file = await bigSheet(1_000, 'thousand.xlsx');
    const progress: XlsxProgress[] = [];
    const result = await commitXlsxImport(ledger.ctx, { file, source: 'project', year: 2016 }, (p) => progress.push(p));
    expect(result.created).toBe(1_000);
    expect(progress.filter((p) => p.phase === 'save')).toEqual([
      { phase: 'save', done: 500, total: 1_000 },
      { phase: 'save', done: 1_000, total: 1_000 },
    ]);
    expect((await ledger.ok('tasks.list', { source: 'project' })).total).toBe(1_000);
  }, 120_000);
});
