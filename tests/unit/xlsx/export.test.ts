import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS_LABELS, STATUS_LIGHTS } from '../../../electron/contract/vocabulary';
import { commitXlsxImport, exportLedgerXlsx, LIGHT_FILLS, previewXlsxImport } from '../../../electron/services/xlsx';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, livelihoodWorkbook, save } from './fixtures';

let ledger: TempLedger;
let units: Map<string, string>;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  units = await addUnits(ledger);
  await ledger.ok('settings.update', { officeName: '绍兴市上虞区人民政府办公室' });
  const fix = { 13: [8, '创建国家级旅游度假区', '金立明', '区发改局', '', '2016-09-30'], 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月22日'] };
  await commitXlsxImport(ledger.ctx, { file: await save(breakdownWorkbook(fix), ledger.dir, 'a.xlsx'), source: 'work_report', year: 2016 });
  await commitXlsxImport(ledger.ctx, { file: await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx'), source: 'livelihood', year: 2016 });
  const list = (await ledger.ok('tasks.list', { year: 2016, limit: 500 })).rows;
  const first = list.find((r) => r.code === '1' && r.source === 'work_report')!;
  await ledger.ok('progress.add', { taskId: first.id, unitId: units.get('区发改局')!, reportDate: '2016-09-10', percent: 80, doneText: '已完成投资384亿元' });
  await ledger.ok('tasks.setCompleted', { id: list.find((r) => r.code === '5')!.id, completedOn: '2016-09-01' });
});
afterEach(() => ledger.close());

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('ledger export', () => {
  it('round trip: one sheet per source, formatted header, frozen panes, dates as dates, the light as a coloured cell', async () => {
    const file = path.join(ledger.dir, '台账.xlsx');
    const result = await exportLedgerXlsx(ledger.ctx, { year: 2016, sortField: 'code' }, file);
    expect(result.sheets).toEqual(['政府工作报告', '民生实事']);
    const expected = (await ledger.ok('tasks.list', { year: 2016, limit: 500, sortField: 'code' })).rows;
    expect(result.rows).toBe(expected.length);

    const wb = await readBack(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['政府工作报告', '民生实事']);
    const ws = wb.getWorksheet('政府工作报告')!;
    expect(String(ws.getCell('A1').value)).toBe('绍兴市上虞区人民政府办公室督查台账（政府工作报告）');
    expect(String(ws.getCell('A2').value)).toContain('导出日期：2016-09-20');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const header = ws.getRow(3);
    const headers = (header.values as unknown[]).slice(1);
    expect(headers).toEqual(['序号', '事项名称', '责任领导', '牵头单位', '配合单位', '办理期限', '计划进度', '最新进度', '最近报送', '状态', '办结日期']);
    expect(header.getCell(1).font.bold).toBe(true);
    expect((header.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(header.getCell(1).border.top?.style).toBe('thin');
    // The title column fits Chinese text: wider than the 序号 column, CJK counted twice.
    expect(ws.getColumn(2).width!).toBeGreaterThan(ws.getColumn(1).width!);
    expect(ws.getColumn(2).width!).toBeGreaterThanOrEqual('推进百官、曹娥两街道老旧小区改造'.length * 2);

    const rows = expected.filter((r) => r.source === 'work_report');
    rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      const col = (h: string) => row.getCell(headers.indexOf(h) + 1);
      expect(col('序号').value).toBe(r.code);
      expect(col('事项名称').value).toBe(r.title);
      expect(col('牵头单位').value ?? '').toBe(r.leadUnits);
      expect(col('配合单位').value ?? '').toBe(r.assistUnits);
      const due = col('办理期限');
      expect(due.value).toBeInstanceOf(Date);
      expect((due.value as Date).toISOString().slice(0, 10)).toBe(r.dueDate);
      expect(due.numFmt).toBe('yyyy-mm-dd');
      expect(col('最新进度').value ?? null).toBe(r.latestPercent);
      expect(col('计划进度').value ?? null).toBe(r.plannedPercent);
      const status = col('状态');
      expect(status.value).toBe(STATUS_LABELS[r.status]);
      expect((status.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(LIGHT_FILLS[STATUS_LIGHTS[r.status]]);
      const done = col('办结日期').value;
      expect(done instanceof Date ? done.toISOString().slice(0, 10) : null).toBe(r.completedOn);
    });
    expect(ws.getRow(4 + rows.length).getCell(1).value).toBeNull();
    // Every light appears: grey (办结), red (逾期), yellow (临期), green.
    const fills = new Set(rows.map((r) => STATUS_LIGHTS[r.status]));
    expect(fills).toEqual(new Set(['grey', 'red', 'yellow', 'green']));
    const reported = rows.find((r) => r.latestPercent === 80)!;
    const reportedRow = ws.getRow(4 + rows.indexOf(reported));
    expect((reportedRow.getCell(headers.indexOf('最近报送') + 1).value as Date).toISOString().slice(0, 10)).toBe('2016-09-10');
  });

  it('exports a filtered view to one sheet with its filters in the subtitle', async () => {
    const file = path.join(ledger.dir, '逾期.xlsx');
    const result = await exportLedgerXlsx(ledger.ctx, { source: 'work_report', statuses: ['overdue'], unitId: units.get('区发改局')!, role: 'lead' }, file);
    const expected = (await ledger.ok('tasks.list', { source: 'work_report', statuses: ['overdue'], unitId: units.get('区发改局')!, role: 'lead' })).rows;
    expect(result).toMatchObject({ sheets: ['政府工作报告'], rows: expected.length });
    const ws = (await readBack(file)).worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toContain('筛选：政府工作报告，区发改局牵头，逾期');
    expect(ws.getRow(4).getCell(1).value).toBe(expected[0]!.code);
  });

  it('all sources on one sheet when asked, with a 来源 column; an empty view says so', async () => {
    const one = path.join(ledger.dir, '全部.xlsx');
    await exportLedgerXlsx(ledger.ctx, { sheetPerSource: false }, one);
    const ws = (await readBack(one)).worksheets[0]!;
    expect(ws.name).toBe('督查台账');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toContain('来源');

    const none = path.join(ledger.dir, '无.xlsx');
    const result = await exportLedgerXlsx(ledger.ctx, { year: 2030 }, none);
    expect(result.rows).toBe(0);
    expect((await readBack(none)).worksheets[0]!.getCell('A4').value).toBe('（没有符合条件的事项）');
  });

  it('an exported sheet imports back as updates of the same tasks, with no problems (办理期限 is read as the deadline)', async () => {
    const file = path.join(ledger.dir, '民生实事.xlsx');
    await exportLedgerXlsx(ledger.ctx, { year: 2016, source: 'livelihood' }, file);
    const preview = await previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016 });
    const tasks = (await ledger.ok('tasks.list', { year: 2016, source: 'livelihood', limit: 500 })).rows;
    expect(preview.rows.filter((r) => r.action !== 'skip').length).toBe(tasks.length);
    expect(preview.rows.every((r) => r.action === 'update' || r.action === 'skip')).toBe(true);
    expect(preview.rows.flatMap((r) => r.problems.filter((p) => p.severity === 'error'))).toEqual([]);
  });
});
