import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XlsxImportPreviewRequest, XlsxProgress } from '../../../electron/contract/xlsx';
import { commitXlsxImport, previewXlsxImport } from '../../../electron/services/xlsx';
import { ENCRYPTED_OR_XLS_MESSAGE, NOT_XLSX_MESSAGE } from '../../../electron/services/xlsx/workbook';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, livelihoodWorkbook, save } from './fixtures';

let ledger: TempLedger;
let units: Map<string, string>;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  units = await addUnits(ledger);
});
afterEach(() => ledger.close());

const base = { source: 'work_report', year: 2016 } as const;

async function taskCount(): Promise<number> {
  const row = await ledger.ctx.ledger.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_hlc', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function rows(year = 2016) {
  return (await ledger.ok('tasks.list', { year, limit: 500, sortField: 'code' })).rows;
}

describe('import preview', () => {
  it('finds the header below title rows, reads merged two-row headers and proposes the mapping', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, '细化分解表.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { ...base, file });
    expect(p.sheet.name).toBe('细化分解表'); // the 说明 sheet has no header: skipped
    expect(p.sheets.map((s) => s.name)).toEqual(['说明', '细化分解表']);
    expect(p.headerRows).toEqual([3, 4]);
    expect(p.columns.map((c) => `${c.letter}:${c.field}`)).toEqual([
      'A:code',
      'B:title',
      'C:leader',
      'D:leadUnits',
      'E:assistUnits',
      'F:dueDate',
      'G:q1',
      'H:q2',
      'I:q3',
      'J:q4',
    ]);
    expect(p.columns.find((c) => c.letter === 'G')!.header).toBe('季度计划/一季度');
    expect(p.rows[0]).toMatchObject({ rowNumber: 5, kind: 'section', action: 'skip' });
    expect(p.counts).toMatchObject({ rows: 11, create: 8, update: 0, invalid: 3, sections: 1 });
    expect(p.canCommit).toBe(false);
  });

  it('reads mixed date forms, splits and matches units (short names, 人民政府, collectives), turns quarters into milestones', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, 'a.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { ...base, file });
    const byRow = new Map(p.rows.map((r) => [r.rowNumber, r]));
    const due = (n: number) => byRow.get(n)!.task!.dueDate;
    expect([6, 7, 8, 9, 10, 11, 12, 16].map(due)).toEqual([
      '2016-12-31', // 2016年12月底
      '2016-06-30', // an Excel date
      '2016-06-30', // 6月30日前
      '2016-12-31', // 长期坚持
      '2016-12-31', // 年底前
      '2016-09-30', // 三季度末
      '2016-06-30', // 2016/6/30
      '2016-03-31', // 一季度
    ]);
    const longTerm = byRow.get(9)!;
    expect(longTerm.task!.longTerm).toBe(true);
    expect(longTerm.task!.note).toContain('长期');
    expect(longTerm.problems).toEqual([expect.objectContaining({ severity: 'warning' })]);

    const first = byRow.get(6)!.task!;
    expect(first.units.map((u) => [u.unitName, u.role, u.resolution])).toEqual([
      ['区发改局', 'lead', 'matched'], // written 发改局
      ['区财政局', 'assist', 'matched'],
      ['区住建局', 'assist', 'matched'],
    ]);
    expect(first.milestones.map((m) => [m.label, m.dueDate, m.plannedPercent])).toEqual([
      ['一季度', '2016-03-31', 20],
      ['二季度', '2016-06-30', 50],
      ['三季度', '2016-09-30', 75],
      ['四季度', '2016-12-31', 100],
    ]);
    expect(byRow.get(7)!.task!.units.filter((u) => u.role === 'lead').map((u) => u.unitName)).toEqual(['百官街道', '曹娥街道']);
    expect(byRow.get(12)!.task!.units[0]!.unitName).toBe('道墟镇');
    expect(new Set(byRow.get(16)!.task!.units.filter((u) => u.resolution === 'collective').map((u) => u.unitName))).toEqual(
      new Set(['百官街道', '曹娥街道', '道墟镇']),
    );
  });

  it('reports unknown units, duplicate 序号 and a missing date per row, in Chinese', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, 'a.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { ...base, file });
    const messages = (n: number) => p.rows.find((r) => r.rowNumber === n)!.problems.map((x) => x.message);
    expect(messages(13)).toContain('未知单位“区旅游局”：可新建该单位，或对应到已有单位');
    expect(messages(13)).toContain('序号“8”在第 13、14 行重复');
    expect(messages(14)).toContain('序号“8”在第 13、14 行重复');
    expect(messages(15)).toContain('无完成时限');
    expect(p.unknownUnits).toEqual([expect.objectContaining({ text: '区旅游局', rowNumbers: [13], kindIfCreated: 'department' })]);
    expect(p.rows.filter((r) => r.action === 'skip' && r.kind === 'task').map((r) => r.rowNumber)).toEqual([13, 14, 15]);
  });

  it('takes varied header names: 编号 / 项目名称 + 目标任务 / 责任单位 / 协办单位 / 区领导, the due date from the last quarter', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, '民生实事.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016 });
    expect(p.headerRows).toEqual([2, 2]);
    expect(p.columns.map((c) => c.field)).toEqual(['code', 'title', 'content', 'leadUnits', 'assistUnits', 'leader', 'q1', 'q2', 'q3', 'q4']);
    const [toilets, water] = p.rows;
    expect(toilets!.task).toMatchObject({ code: '1', title: '新建城市公厕', content: '新建、改建城市公厕30座', leader: '陈海燕', dueDate: '2016-12-31' });
    expect(toilets!.task!.milestones.map((m) => m.label)).toEqual(['一季度', '二季度', '四季度']); // “—” is no plan
    expect(water!.task!.milestones).toEqual([{ label: '二季度', dueDate: '2016-06-30', plannedPercent: 60, description: '完成60%' }]);
    expect(water!.task!.dueDate).toBe('2016-06-30');
    expect(p.canCommit).toBe(true);
  });

  it('lets the user change the mapping', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016, mapping: [{ column: 3, field: 'title' }] });
    expect(p.columns.find((c) => c.column === 3)).toMatchObject({ field: 'title', proposed: 'content' });
    expect(p.columns.find((c) => c.column === 2)!.field).toBe('ignore');
    expect(p.rows[0]!.task!.title).toBe('新建、改建城市公厕30座');
  });
});

describe('real-world quirks', () => {
  it('a 牵头单位 merged down over several tasks belongs to each; a long task text keeps its whole text; roles noted in one 责任单位 column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分解表');
    ws.addRow(['序号', '目标任务', '责任领导', '责任单位', '完成时间']);
    const long = `${'深入推进城乡环境综合整治，'.repeat(10)}完成年度目标。${'持续改善人居环境'.repeat(10)}`;
    ws.addRow([1, '建成区级公共自行车系统', '陈海燕', '区住建局（牵头）、区财政局（配合）', '2016年10月']);
    ws.addRow([2, long, '', '', '11月底']);
    ws.addRow([3, '完成主城区雨污分流改造', '', '', '2016.12']);
    ws.mergeCells('C3:C4');
    ws.mergeCells('D3:D4');
    ws.getCell('C3').value = '金立明';
    ws.getCell('D3').value = '区发改局';
    const file = await save(wb, ledger.dir, 'quirks.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { ...base, file });
    expect(p.counts).toMatchObject({ rows: 3, create: 3, invalid: 0 });
    const [bikes, env, sewer] = p.rows.map((r) => r.task!);
    expect(bikes!.units.map((u) => [u.unitName, u.role])).toEqual([
      ['区住建局', 'lead'],
      ['区财政局', 'assist'],
    ]);
    expect(bikes!.dueDate).toBe('2016-10-31');
    expect(env!.title).toBe(`${'深入推进城乡环境综合整治，'.repeat(10)}完成年度目标`); // its first sentence
    expect(env!.content).toBe(long);
    expect([env!.leader, sewer!.leader]).toEqual(['金立明', '金立明']);
    expect([env!.units[0]!.unitName, sewer!.units[0]!.unitName]).toEqual(['区发改局', '区发改局']);
    expect(sewer!.dueDate).toBe('2016-12-31');
    const result = await commitXlsxImport(ledger.ctx, { ...base, file });
    expect(result.created).toBe(3);
  });

  it('a name that could be two units is not guessed', async () => {
    await ledger.ok('units.create', { name: '区教育局', shortName: '教育局', kind: 'department' });
    await ledger.ok('units.create', { name: '上虞区教育局', shortName: '', kind: 'department' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRows([
      ['序号', '工作任务', '牵头单位', '完成时限'],
      [1, '新建幼儿园5所', '教育局', '年底前'],
      [2, '推进集团化办学', '区教育局', '年底前'],
    ]);
    const p = await previewXlsxImport(ledger.ctx, { ...base, file: await save(wb, ledger.dir, 'edu.xlsx') });
    expect(p.rows[0]!.task!.units[0]!.unitName).toBe('区教育局'); // the short name, exactly
    expect(p.rows[1]!.task!.units[0]!.unitName).toBe('区教育局'); // the full name, exactly
    wb.getWorksheet('表')!.getCell('C2').value = '上虞教育局';
    const q = await previewXlsxImport(ledger.ctx, { ...base, file: await save(wb, ledger.dir, 'edu2.xlsx') });
    expect(q.rows[0]!.problems[0]!.message).toBe('未知单位“上虞教育局”：可新建该单位，或对应到已有单位');
    expect(q.unknownUnits[0]!.suggestions.map((u) => u.name)).toContain('区教育局');
  });
});

describe('sheet-level problems and bad requests', () => {
  it('a required column left unmapped blocks the whole import', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    const request: XlsxImportPreviewRequest = { file, source: 'livelihood', year: 2016, mapping: [{ column: 4, field: 'ignore' }] };
    const p = await previewXlsxImport(ledger.ctx, request);
    expect(p.sheetProblems.map((x) => x.message)).toContain('没有对应“牵头单位”（责任单位）的列，请在列对应关系中指定。');
    expect(p.canCommit).toBe(false);
    await expect(commitXlsxImport(ledger.ctx, { ...request, skipInvalid: true })).rejects.toThrow(/牵头单位.*未导入任何事项/);
  });

  it('the request is checked with the contract schema, in Chinese', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    await expect(previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 1999 })).rejects.toThrow('年度应在 2000–2100 之间');
    await expect(previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016, assignedDate: '2016-02-30' })).rejects.toThrow('这一天不存在，请检查日期');
  });
});

describe('import commit', () => {
  it('refuses the whole sheet while a row has a problem: nothing saved, not even a unit', async () => {
    const file = await save(breakdownWorkbook(), ledger.dir, 'a.xlsx');
    await expect(commitXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: 'create' } })).rejects.toThrow('有 3 行存在问题（第 13、14、15 行），未导入任何事项。');
    expect(await taskCount()).toBe(0);
    expect((await ledger.ok('units.list', { includeInactive: true })).map((u) => u.name)).not.toContain('区旅游局');
  });

  it('with skipInvalid saves the valid rows in one go; an unknown unit can be created or mapped', async () => {
    const file = await save(breakdownWorkbook({ 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'] }), ledger.dir, 'a.xlsx');
    const progress: XlsxProgress[] = [];
    const result = await commitXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: 'create' }, skipInvalid: true }, (p) => progress.push(p));
    expect(result).toMatchObject({ created: 10, updated: 0, skipped: 1, unitsCreated: 1 });
    expect(progress.some((p) => p.phase === 'parse')).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'save', done: 10, total: 10 });
    const tourism = (await ledger.ok('units.list', {})).find((u) => u.name === '区旅游局');
    expect(tourism).toMatchObject({ kind: 'department' });
    const list = await rows();
    expect(list.map((r) => r.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '10', '11']);
    expect(list.find((r) => r.code === '8')!.leadUnits).toBe('区旅游局');

    const detail = await ledger.ok('tasks.get', { id: list.find((r) => r.code === '1')!.id });
    expect(detail.task).toMatchObject({ year: 2016, source: 'work_report', title: '完成有效投资480亿元', leader: '金立明', dueDate: '2016-12-31', assignedDate: '2016-01-01' });
    expect(detail.milestones).toHaveLength(4);
    expect(detail.units.map((u) => [u.unitName, u.role])).toEqual([
      ['区发改局', 'lead'],
      ['区财政局', 'assist'],
      ['区住建局', 'assist'],
    ]);
  });

  it('maps an unknown name to an existing unit', async () => {
    const file = await save(breakdownWorkbook({ 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月底'] }), ledger.dir, 'a.xlsx');
    const result = await commitXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: units.get('区经信局')! } });
    expect(result).toMatchObject({ created: 11, skipped: 0, unitsCreated: 0 });
    expect((await rows()).find((r) => r.code === '8')!.leadUnits).toBe('区经信局');
  });

  it('re-importing the same sheet updates instead of duplicating; a changed row is updated', async () => {
    const fix = { 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月底'] };
    const file = await save(breakdownWorkbook(fix), ledger.dir, 'a.xlsx');
    const request = { ...base, file, unitMap: { 区旅游局: 'create' } };
    const first = await commitXlsxImport(ledger.ctx, request);
    expect(first.created).toBe(11);
    const before = await rows();

    const again = await previewXlsxImport(ledger.ctx, request);
    expect(again.counts).toMatchObject({ create: 0, update: 11 });
    expect(again.rows.find((r) => r.rowNumber === 6)!.existingTaskId).toBe(before.find((r) => r.code === '1')!.id);
    const second = await commitXlsxImport(ledger.ctx, request);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 11, unitsCreated: 0 });
    expect(await taskCount()).toBe(11);

    const changed = await save(breakdownWorkbook({ ...fix, 8: [3, '出台促进服务业发展若干政策意见', '金立明', '区发改局、区经信局', '', '7月31日前'] }), ledger.dir, 'b.xlsx');
    const third = await commitXlsxImport(ledger.ctx, { ...request, file: changed });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 10 });
    expect(await taskCount()).toBe(11);
    const task = await ledger.ok('tasks.get', { id: before.find((r) => r.code === '3')!.id });
    expect(task.task).toMatchObject({ title: '出台促进服务业发展若干政策意见', dueDate: '2016-07-31' });
    expect(task.units.map((u) => u.unitName)).toEqual(['区发改局', '区经信局']);
  });

  it('a row the validation refuses (期限早于交办日期) is a row problem', async () => {
    const file = await save(livelihoodWorkbook(), ledger.dir, 'b.xlsx');
    const p = await previewXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016, assignedDate: '2016-07-01' });
    expect(p.rows[1]!.problems.map((x) => x.message)).toContain('完成时限：办理期限不能早于交办日期');
    await expect(commitXlsxImport(ledger.ctx, { file, source: 'livelihood', year: 2016, assignedDate: '2016-07-01' })).rejects.toThrow(/未导入任何事项/);
    expect(await taskCount()).toBe(0);
  });

  it('a failure while saving rolls back every row and every created unit', async () => {
    const file = await save(breakdownWorkbook({ 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'] }), ledger.dir, 'a.xlsx');
    // The database refuses the tenth task, after units and nine tasks were written in the same transaction.
    ledger.ctx.ledger.sqlite.exec(`CREATE TEMP TRIGGER refuse_tenth BEFORE INSERT ON tasks WHEN NEW.code = '10' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(commitXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: 'create' }, skipInvalid: true })).rejects.toThrow(/disk full/);
    ledger.ctx.ledger.sqlite.exec('DROP TRIGGER refuse_tenth');
    expect(await taskCount()).toBe(0);
    expect((await ledger.ok('units.list', { includeInactive: true })).map((u) => u.name)).not.toContain('区旅游局');
  });
});

describe('files that are not breakdown tables', () => {
  it('an empty sheet, a sheet without a header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空表');
    wb.addWorksheet('会议纪要').addRows([['区政府常务会议纪要'], ['一、关于……'], ['二、关于……']]);
    const file = await save(wb, ledger.dir, 'c.xlsx');
    await expect(previewXlsxImport(ledger.ctx, { ...base, file, sheet: 1 })).rejects.toThrow('工作表“空表”是空的，请选择有数据的工作表。');
    await expect(previewXlsxImport(ledger.ctx, { ...base, file, sheet: 2 })).rejects.toThrow(/在工作表“会议纪要”的前 30 行中找不到表头/);
    await expect(previewXlsxImport(ledger.ctx, { ...base, file, sheet: 3 })).rejects.toThrow('工作簿中没有第 3 个工作表（共 2 个）。');
  });

  it('an encrypted or old .xls file, a file that is no workbook, a missing file', async () => {
    const encrypted = path.join(ledger.dir, '加密.xlsx');
    writeFileSync(encrypted, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    await expect(previewXlsxImport(ledger.ctx, { ...base, file: encrypted })).rejects.toThrow(ENCRYPTED_OR_XLS_MESSAGE);
    expect(ENCRYPTED_OR_XLS_MESSAGE).toContain('文件已加密或为旧版 .xls 格式');

    const text = path.join(ledger.dir, '分解表.xlsx');
    writeFileSync(text, '序号,工作任务,牵头单位\n1,完成有效投资,区发改局\n');
    await expect(previewXlsxImport(ledger.ctx, { ...base, file: text })).rejects.toThrow(NOT_XLSX_MESSAGE);

    const brokenZip = path.join(ledger.dir, '损坏.xlsx');
    writeFileSync(brokenZip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]));
    await expect(previewXlsxImport(ledger.ctx, { ...base, file: brokenZip })).rejects.toThrow(/无法读取该 Excel 文件/);

    await expect(previewXlsxImport(ledger.ctx, { ...base, file: path.join(ledger.dir, '没有.xlsx') })).rejects.toThrow(/找不到文件/);
  });
});
