import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitXlsxImport, exportFeedbackXlsx, FEEDBACK_META_SHEET, importFeedbackXlsx } from '../../../electron/services/xlsx';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, save } from './fixtures';

let ledger: TempLedger;
let units: Map<string, string>;
let file: string;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  units = await addUnits(ledger);
  const fix = { 13: [8, '创建国家级旅游度假区', '金立明', '区发改局', '', '2016-09-30'], 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月22日'] };
  await commitXlsxImport(ledger.ctx, { file: await save(breakdownWorkbook(fix), ledger.dir, 'a.xlsx'), source: 'work_report', year: 2016 });
  file = path.join(ledger.dir, '区发改局反馈表.xlsx');
});
afterEach(() => ledger.close());

/** The unit's side: opens the sheet, fills rows by 序号, saves it. */
async function fillIn(source: string, target: string, fill: Record<string, Partial<Record<'完成比例(%)' | '工作进展' | '存在问题' | '下步打算' | '报送人', unknown>>>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.getWorksheet('反馈表')!;
  const headers = (ws.getRow(3).values as unknown[]).map(String);
  ws.eachRow((row, n) => {
    if (n <= 3) return;
    const values = fill[String(row.getCell(2).value)];
    if (!values) return;
    for (const [header, value] of Object.entries(values)) {
      const cell = row.getCell(headers.indexOf(header));
      if (header === '完成比例(%)' && typeof value === 'number' && value < 1) cell.numFmt = '0%'; // typed as 60%
      cell.value = value as ExcelJS.CellValue;
    }
  });
  await wb.xlsx.writeFile(target);
}

describe('unit feedback sheet', () => {
  it('lists the unit’s open tasks with a hidden task id, its role and last report, and empty columns to fill', async () => {
    const first = (await ledger.ok('tasks.list', { year: 2016, limit: 500 })).rows.find((r) => r.code === '1')!;
    await ledger.ok('progress.add', { taskId: first.id, unitId: units.get('区发改局')!, reportDate: '2016-08-31', percent: 60, doneText: '完成投资288亿元' });
    const result = await exportFeedbackXlsx(ledger.ctx, { unitId: units.get('区发改局')!, year: 2016, period: '2016年9月' }, file);
    const expected = (await ledger.ok('tasks.list', { unitId: units.get('区发改局')!, statuses: ['overdue', 'behind', 'due_soon', 'on_track'], limit: 500 })).rows;
    expect(result.rows).toBe(expected.length);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet(FEEDBACK_META_SHEET)!.state).toBe('veryHidden');
    const ws = wb.getWorksheet('反馈表')!;
    expect(String(ws.getCell('A1').value)).toBe('区发改局督查事项进展情况反馈表');
    expect(String(ws.getCell('A2').value)).toContain('报告期：2016年9月');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['任务编号', '序号', '事项名称', '责任', '办理期限', '上期进展', '完成比例(%)', '工作进展', '存在问题', '下步打算', '报送人']);
    expect(ws.getColumn(1).hidden).toBe(true);
    const rows = [...Array(expected.length).keys()].map((i) => ws.getRow(4 + i));
    expect(new Set(rows.map((r) => r.getCell(1).value))).toEqual(new Set(expected.map((r) => r.id)));
    const row1 = rows.find((r) => r.getCell(2).value === '1')!;
    expect(row1.getCell(4).value).toBe('牵头');
    expect(row1.getCell(5).value).toBeInstanceOf(Date);
    expect(row1.getCell(6).value).toBe('2016-08-31 完成60%：完成投资288亿元');
    expect(rows.find((r) => r.getCell(2).value === '4')!.getCell(4).value).toBe('配合');
    expect(row1.getCell(7).value).toBeNull();
  });

  it('round trip: filled rows become progress reports (tasks.get shows them), empty rows are skipped, a second import adds nothing', async () => {
    await exportFeedbackXlsx(ledger.ctx, { unitId: units.get('区发改局')!, year: 2016, period: '2016年9月' }, file);
    const filled = path.join(ledger.dir, '已填.xlsx');
    await fillIn(file, filled, {
      '1': { '完成比例(%)': 85, 工作进展: '完成投资408亿元', 存在问题: '民间投资增速回落', 下步打算: '加快项目开工', 报送人: '王磊' },
      '3': { '完成比例(%)': '100%', 工作进展: '政策已出台' },
      '8': { '完成比例(%)': 0.6, 工作进展: '已完成规划编制' }, // typed as 60% in a percent-formatted cell
      '4': { 工作进展: '配合开展河道整治' },
    });
    const result = await importFeedbackXlsx(ledger.ctx, { file: filled });
    expect(result).toMatchObject({ unitName: '区发改局', period: '2016年9月', reportDate: '2016-09-20', saved: 4, invalid: 0 });
    expect(result.rows.filter((r) => r.action === 'empty').length).toBe(result.rows.length - 4);
    expect(result.rows.find((r) => r.code === '8')!.percent).toBe(60);

    const list = (await ledger.ok('tasks.list', { year: 2016, limit: 500 })).rows;
    const detail = await ledger.ok('tasks.get', { id: list.find((r) => r.code === '1')!.id });
    expect(detail.reports).toEqual([
      expect.objectContaining({ unitName: '区发改局', period: '2016年9月', reportDate: '2016-09-20', percent: 85, doneText: '完成投资408亿元', problems: '民间投资增速回落', nextSteps: '加快项目开工', reporter: '王磊' }),
    ]);
    expect(detail.latestPercent).toBe(85);
    expect((await ledger.ok('tasks.get', { id: list.find((r) => r.code === '3')!.id })).reports[0]!.percent).toBe(100);
    expect((await ledger.ok('tasks.get', { id: list.find((r) => r.code === '4')!.id })).reports[0]).toMatchObject({ percent: null, doneText: '配合开展河道整治' });

    const again = await importFeedbackXlsx(ledger.ctx, { file: filled });
    expect(again.saved).toBe(0);
    expect(again.rows.filter((r) => r.action === 'duplicate').length).toBe(4);
  });

  it('a bad percent is a row problem: nothing saved unless skipInvalid', async () => {
    await exportFeedbackXlsx(ledger.ctx, { unitId: units.get('区发改局')!, year: 2016 }, file);
    const filled = path.join(ledger.dir, '有误.xlsx');
    await fillIn(file, filled, {
      '1': { '完成比例(%)': '大部分', 工作进展: '推进中' },
      '3': { '完成比例(%)': 120 },
      '8': { '完成比例(%)': 50, 工作进展: '按计划推进' },
      '9': { 存在问题: '人才政策需区委审定' }, // no progress, no percent: refused like progress.add
    });
    const dry = await importFeedbackXlsx(ledger.ctx, { file: filled, dryRun: true });
    const problems = (code: string) => dry.rows.find((r) => r.code === code)!.problems.map((p) => p.message);
    expect(problems('1')).toEqual(['完成比例“大部分”不是数字，请填写 0–100 的整数']);
    expect(problems('3')).toEqual(['完成比例在 0–100 之间']);
    expect(problems('9')[0]).toContain('请填写工作进展、完成比例或所处阶段');
    expect(dry).toMatchObject({ saved: 0, invalid: 3 });

    await expect(importFeedbackXlsx(ledger.ctx, { file: filled })).rejects.toThrow(/反馈表有 3 行存在问题.*未导入任何进度/);
    const count = async () => Number((await ledger.ctx.ledger.db.selectFrom('progress_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    const partial = await importFeedbackXlsx(ledger.ctx, { file: filled, skipInvalid: true, reportDate: '2016-09-19' });
    expect(partial).toMatchObject({ saved: 1, invalid: 3, reportDate: '2016-09-19' });
    expect(await count()).toBe(1);
  });

  it('refuses a sheet that is not a feedback sheet, and a report date in the future', async () => {
    const other = await save(breakdownWorkbook(), ledger.dir, 'other.xlsx');
    await expect(importFeedbackXlsx(ledger.ctx, { file: other })).rejects.toThrow(/不是本系统导出的单位反馈表/);
    await exportFeedbackXlsx(ledger.ctx, { unitId: units.get('区发改局')!, year: 2016 }, file);
    const filled = path.join(ledger.dir, '未来.xlsx');
    await fillIn(file, filled, { '1': { '完成比例(%)': 90 } });
    await expect(importFeedbackXlsx(ledger.ctx, { file: filled, reportDate: '2016-10-01' })).rejects.toThrow(/报送日期不能晚于今天/);
  });
});
