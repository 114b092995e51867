/**
 * The import's shortcuts give the answers of the plain way:
 * - the plan is made before the transaction (in chunks) and reused only while the ledger is unchanged;
 * - the sheet a preview read is reused by the import only for the same bytes;
 * - a re-import decides “unchanged” from links and milestones read once, and still writes every change.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XlsxProgress } from '../../../electron/contract/xlsx';
import { commitXlsxImport, previewXlsxImport } from '../../../electron/services/xlsx';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, breakdownWorkbook, save } from './fixtures';

let ledger: TempLedger;
let units: Map<string, string>;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  units = await addUnits(ledger);
});
afterEach(() => ledger.close());

const base = { source: 'work_report', year: 2016 } as const;

/** A plain sheet of `rows` tasks (enough rows for the check to run in several chunks). */
function plainSheet(rows: number, title = (i: number) => `第${i}项重点工作`): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细化分解表');
  ws.addRow(['序号', '工作任务', '责任领导', '牵头单位', '配合单位', '完成时限', '一季度', '二季度']);
  const names = ['区发改局', '区财政局', '区住建局', '百官街道'];
  for (let i = 1; i <= rows; i += 1) ws.addRow([i, title(i), '金立明', names[i % 4], names[(i + 1) % 4], '年底前', '启动', '完成50%']);
  return wb;
}

async function liveTasks() {
  return ledger.ctx.ledger.db.selectFrom('tasks').select(['id', 'code', 'title', 'due_date', 'note']).where('deleted_hlc', 'is', null).orderBy('code').execute();
}

describe('the plan made before the transaction', () => {
  it('is made again inside the transaction when the ledger changed while it was made', async () => {
    const file = await save(plainSheet(1_200), ledger.dir, 'big.xlsx');
    let renamed: Promise<unknown> | null = null;
    const onProgress = (p: XlsxProgress) => {
      // Mid-check (the plan yields between chunks): 区住建局 gets a new name, so its rows no longer match a unit.
      if (p.phase === 'check' && p.done > 0 && p.done < p.total && renamed === null) {
        renamed = ledger.ok('units.update', { id: units.get('区住建局')!, unit: { name: '区住房和城乡建设局', shortName: '', kind: 'department' } });
      }
    };
    await expect(commitXlsxImport(ledger.ctx, { ...base, file }, onProgress)).rejects.toThrow(/行存在问题.*未导入任何事项/);
    expect(renamed).not.toBeNull();
    await renamed;
    expect(await liveTasks()).toHaveLength(0);

    // The same sheet planned from scratch says the same.
    const preview = await previewXlsxImport(ledger.ctx, { ...base, file });
    expect(preview.counts.invalid).toBe(600); // every row naming 区住建局 as lead or assist
    expect(preview.unknownUnits.map((u) => u.text)).toEqual(['区住建局']);
  }, 120_000);

  it('is used as it is when nothing changed: preview, import and the saved rows agree', async () => {
    const file = await save(breakdownWorkbook({ 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'] }), ledger.dir, 'a.xlsx');
    const request = { ...base, file, unitMap: { 区旅游局: 'create' }, skipInvalid: true };
    const preview = await previewXlsxImport(ledger.ctx, request);
    const result = await commitXlsxImport(ledger.ctx, request);
    expect(result).toMatchObject({ created: preview.counts.create, updated: preview.counts.update, skipped: preview.counts.invalid, unitsCreated: 1 });
    const saved = await liveTasks();
    const planned = preview.rows.filter((r) => r.action === 'create').map((r) => r.task!);
    expect(saved.map((t) => [t.code, t.title, t.due_date])).toEqual(
      planned.map((t) => [t.code, t.title, t.dueDate]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});

describe('the sheet kept from the preview', () => {
  it('is not used once the file has other bytes', async () => {
    const file = await save(breakdownWorkbook({ 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [9, '研究制定人才新政', '金立明', '区发改局', '', '9月底'] }), ledger.dir, 'a.xlsx');
    const first = await previewXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: 'create' } });
    expect(first.counts.create).toBe(11);
    // Edited in Excel between preview and import: one task renamed, one removed.
    const edited = breakdownWorkbook({ 6: [1, '完成有效投资500亿元', '金立明', '发改局', '', '2016年12月底'], 14: [11, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], 15: [] });
    writeFileSync(file, Buffer.from(await edited.xlsx.writeBuffer()));
    const result = await commitXlsxImport(ledger.ctx, { ...base, file, unitMap: { 区旅游局: 'create' } });
    expect(result.created).toBe(10);
    expect((await liveTasks()).find((t) => t.code === '1')!.title).toBe('完成有效投资500亿元');
  });
});

describe('re-import', () => {
  it('finds unchanged rows without writing, and still writes changed units, milestones and dates', async () => {
    const file = await save(plainSheet(30), ledger.dir, 'a.xlsx');
    expect((await commitXlsxImport(ledger.ctx, { ...base, file })).created).toBe(30);
    const logRows = async () => Number((ledger.ctx.ledger.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n);
    const before = await logRows();
    expect(await commitXlsxImport(ledger.ctx, { ...base, file })).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
    expect(await logRows()).toBe(before); // nothing written, not even a stamp

    const wb = plainSheet(30);
    const ws = wb.getWorksheet('细化分解表')!;
    ws.getRow(3).getCell(8).value = '完成60%'; // task 2: a milestone's percent and text
    ws.getRow(4).getCell(5).value = '区经信局'; // task 3: another assisting unit
    ws.getRow(5).getCell(6).value = '2016年6月底'; // task 4: the due date
    const changed = await save(wb, ledger.dir, 'b.xlsx');
    expect(await commitXlsxImport(ledger.ctx, { ...base, file: changed })).toMatchObject({ created: 0, updated: 3, unchanged: 27 });
    const byCode = new Map((await ledger.ok('tasks.list', { year: 2016, limit: 100 })).rows.map((r) => [r.code, r.id]));
    const two = await ledger.ok('tasks.get', { id: byCode.get('2')! });
    expect(two.milestones.map((m) => [m.label, m.plannedPercent, m.description])).toEqual([
      ['一季度', 50, '启动'],
      ['二季度', 60, '完成60%'],
    ]);
    const three = await ledger.ok('tasks.get', { id: byCode.get('3')! });
    expect(three.units.map((u) => [u.unitName, u.role])).toEqual([
      ['百官街道', 'lead'],
      ['区经信局', 'assist'],
    ]);
    expect((await ledger.ok('tasks.get', { id: byCode.get('4')! })).task.dueDate).toBe('2016-06-30');
  });

  it('two rows without 序号 naming the same task both apply, the second over the first', async () => {
    const sheet = (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('细化分解表');
      ws.addRow(['工作任务', '牵头单位', '配合单位', '完成时限', '一季度', '二季度']);
      for (const r of rows) ws.addRow(r);
      return wb;
    };
    const first = await save(sheet([['建成道墟镇污水管网', '道墟镇', '', '年底前', '启动', '完成50%']]), ledger.dir, 'a.xlsx');
    expect((await commitXlsxImport(ledger.ctx, { ...base, file: first })).created).toBe(1);
    const twice = await save(
      sheet([
        ['建成道墟镇污水管网', '道墟镇', '区住建局', '9月30日前', '启动', '完成60%'],
        ['建成道墟镇污水管网', '道墟镇', '区财政局', '6月30日前', '开工', '完成50%'],
      ]),
      ledger.dir,
      'b.xlsx',
    );
    const preview = await previewXlsxImport(ledger.ctx, { ...base, file: twice });
    expect(preview.counts).toMatchObject({ update: 2, invalid: 0 });
    expect(await commitXlsxImport(ledger.ctx, { ...base, file: twice })).toMatchObject({ created: 0, updated: 2 });
    const [task] = await liveTasks();
    const detail = await ledger.ok('tasks.get', { id: task!.id });
    expect(detail.task.dueDate).toBe('2016-06-30');
    expect(detail.units.map((u) => [u.unitName, u.role])).toEqual([
      ['道墟镇', 'lead'],
      ['区财政局', 'assist'],
    ]);
    expect(detail.milestones.map((m) => [m.label, m.plannedPercent, m.description])).toEqual([
      ['一季度', 50, '开工'],
      ['二季度', 50, '完成50%'],
    ]);
  });
});
