/**
 * The import saves new tasks in batches (insertTasks per chunk of rows) between the updates of matched ones: the
 * result still lists the tasks in the sheet's row order, and every saved row is logged as the repository logs it.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XlsxProgress } from '../../../electron/contract/xlsx';
import { commitXlsxImport } from '../../../electron/services/xlsx';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { addUnits, save } from '../xlsx/fixtures';

let ledger: TempLedger;
beforeEach(async () => {
  ledger = await openTempLedger('2016-09-20');
  await addUnits(ledger);
});
afterEach(() => ledger.close());

const UNITS = ['区发改局', '区财政局', '区住建局', '百官街道', '曹娥街道'];

/** A sheet whose rows have 序号 `codes`; `changed` rows get another 完成时限. */
async function sheet(codes: readonly number[], name: string, changed: ReadonlySet<number> = new Set()): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细化分解表');
  ws.addRow(['2016年政府工作报告目标任务细化分解表']);
  ws.addRow(['序号', '工作任务', '责任领导', '牵头单位', '配合单位', '完成时限', '一季度', '二季度', '三季度', '四季度']);
  for (const i of codes) {
    ws.addRow([i, `第${i}项重点工作`, '金立明', UNITS[i % 5], UNITS[(i + 2) % 5], changed.has(i) ? '2016年9月底' : '2016年6月底', '启动', '完成50%', '', '全面完成']);
  }
  return save(wb, ledger.dir, name);
}

describe('batched import', () => {
  it('mixes updates and new tasks over several chunks, keeping the row order of taskIds', async () => {
    // Every third row already imported; the second import adds the others around them and changes two.
    const first = await commitXlsxImport(ledger.ctx, { file: await sheet([3, 6, 9, 300, 600, 1200], 'first.xlsx'), source: 'work_report', year: 2016 });
    expect(first.created).toBe(6);
    const codes = Array.from({ length: 1_200 }, (_, i) => i + 1);
    const progress: XlsxProgress[] = [];
    const second = await commitXlsxImport(
      ledger.ctx,
      { file: await sheet(codes, 'second.xlsx', new Set([6, 600])), source: 'work_report', year: 2016 },
      (p) => progress.push(p),
    );
    expect(second).toMatchObject({ created: 1_194, updated: 2, unchanged: 4, skipped: 0 });
    expect(progress.filter((p) => p.phase === 'save').map((p) => p.done)).toEqual([500, 1_000, 1_200]);

    const db = ledger.ctx.ledger.db;
    const tasks = await db.selectFrom('tasks').select(['id', 'code', 'due_date', 'updated_hlc']).where('deleted_hlc', 'is', null).execute();
    expect(tasks).toHaveLength(1_200);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    expect(second.taskIds.map((id) => byId.get(id)!.code)).toEqual(codes.map(String));
    expect(second.taskIds.slice(0, 9).filter((_, i) => i % 3 === 2)).toEqual(first.taskIds.slice(0, 3));
    expect(byId.get(second.taskIds[5]!)!.due_date).toBe('2016-09-30');

    // Each new task with its two units and three milestones, each row logged under its own stamp.
    const links = await db.selectFrom('task_units').select(['id', 'updated_hlc']).where('deleted_hlc', 'is', null).execute();
    const milestones = await db.selectFrom('milestones').select(['id', 'updated_hlc']).where('deleted_hlc', 'is', null).execute();
    expect(links).toHaveLength(2_400);
    expect(milestones).toHaveLength(3_600);
    const stamps = new Set([...tasks, ...links, ...milestones].map((r) => r.updated_hlc));
    expect(stamps.size).toBe(1_200 + 2_400 + 3_600);
    const logged = await db
      .selectFrom('change_log')
      .select(['table_name', 'row_id', 'hlc'])
      .where('table_name', 'in', ['tasks', 'task_units', 'milestones'])
      .where('column_name', '=', 'created_at')
      .execute();
    expect(logged).toHaveLength(1_200 + 2_400 + 3_600);
    const stampOf = new Map([...tasks, ...links, ...milestones].map((r) => [r.id, r.updated_hlc]));
    // A new row's created_at is logged with its insert; the two updated tasks were stamped again since.
    const updatedIds = new Set([second.taskIds[5], second.taskIds[599]]);
    for (const entry of logged) if (!updatedIds.has(entry.row_id)) expect(entry.hlc).toBe(stampOf.get(entry.row_id));
  }, 120_000);
});
